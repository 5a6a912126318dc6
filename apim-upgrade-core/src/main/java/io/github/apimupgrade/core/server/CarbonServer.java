package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.ServerOptions;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.event.EventSink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Supervises one run of {@code bin/api-manager.sh} (or {@code wso2server.sh}, {@code .bat} on Windows): starts it
 * with the run's flags and the configured JAVA_HOME / JAVA_OPTS, follows {@code repository/logs/wso2carbon.log}
 * from where it was, decides the outcome from the log ({@link LogClassifier}), then stops the server: SIGTERM to
 * the whole process tree, a bounded wait, then a forcible kill. A shutdown hook does the same if the JVM exits
 * meanwhile; an interrupt of the calling thread stops the server too. Never leaves a process behind.
 */
public final class CarbonServer {
    static final Duration POLL = Duration.ofMillis(200);
    private static final Duration FORCED_KILL_WAIT = Duration.ofSeconds(10);
    private static final int TAIL_LINES = 30;

    private final ProcessLauncher launcher;
    private final EventSink events;
    private final String stepId;
    private final ServerOptions options;
    private final Clock clock;
    private final Sleeper sleeper;
    private final boolean windows;

    public CarbonServer(ProcessLauncher launcher, EventSink events, String stepId, ServerOptions options, Clock clock,
                        Sleeper sleeper, boolean windows) {
        this.launcher = launcher;
        this.events = events;
        this.stepId = stepId;
        this.options = options;
        this.clock = clock;
        this.sleeper = sleeper;
        this.windows = windows;
    }

    public static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    public boolean windows() {
        return windows;
    }

    /** Starts the server, waits for the outcome, stops it. Failures are in the result, not thrown. */
    public ServerResult run(ServerRun run) {
        return run(run, () -> { });
    }

    /**
     * Like {@link #run(ServerRun)}; {@code onSuccess} runs as soon as the log proves success, before the server is
     * stopped (a kill during the stop must not lose that fact). If it throws, the server is stopped all the same.
     */
    public ServerResult run(ServerRun run, Runnable onSuccess) {
        if (!Files.isRegularFile(run.scriptFile(windows))) {
            throw UpgradeException.user(ErrorCode.HOME_NOT_FOUND, "No start script " + run.scriptFile(windows)
                    + " in the server home.", run.home().toString(), "Check apim.upgrade.newHome points at the unpacked "
                    + "API Manager of the target version.");
        }
        refuseIfRunning(run);
        LogTailer tailer = LogTailer.fromEnd(run.logFile());
        LogClassifier classifier = new LogClassifier(!run.proof().isEmpty());
        Deque<String> tail = new ArrayDeque<>();
        boolean[] proofSeen = {false};
        Instant start = clock.instant();
        events.lifecycle(stepId, "Starting the server for the " + run.purpose() + ": " + run.display(windows));
        Process process;
        try {
            process = launcher.start(builder(run));
        } catch (IOException e) {
            tailer.close();
            throw UpgradeException.environment(ErrorCode.SERVER_FAILED, "Could not start " + run.scriptFile(windows)
                    + ": " + e.getMessage(), run.scriptFile(windows).toString(),
                    "Check the script is readable and that 'sh' (cmd.exe on Windows) is on the PATH.", e);
        }
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        Thread hook = new Thread(() -> {
            try {
                stop(process, tree, Duration.ofSeconds(5)); // the JVM is exiting (Ctrl+C on Maven): short grace
            } catch (Throwable t) {
                process.destroyForcibly();
            }
        }, "apim-upgrade-server-stop");
        boolean hookAdded = addHook(hook);
        Drainer console = new Drainer(process.getInputStream(), events, stepId);
        console.start();
        ServerResult.Status status = null;
        Integer exitCode = null;
        boolean interrupted = false;
        long logLines = 0;
        Instant decidedAt = start;
        try {
            Instant nextProgress = start.plus(options.progressInterval());
            for (int polls = 0; status == null; polls++) {
                if (polls < 25 || polls % 25 == 0) {
                    remember(process, tree); // walks the process table: often at first, then every few seconds
                }
                List<String> lines = tailer.poll();
                logLines += lines.size();
                status = feed(run, lines, classifier, tail, proofSeen);
                if (status != null) {
                    break;
                }
                if (!process.isAlive()) {
                    status = feed(run, tailer.drain(), classifier, tail, proofSeen);
                    if (status == null) {
                        exitCode = process.exitValue();
                        status = ServerResult.Status.CRASHED;
                    }
                    break;
                }
                Instant now = clock.instant();
                Duration elapsed = Duration.between(start, now);
                if (logLines == 0 && elapsed.compareTo(options.startTimeout()) >= 0) {
                    status = ServerResult.Status.NO_LOG;
                    break;
                }
                if (elapsed.compareTo(run.timeout()) >= 0) {
                    status = ServerResult.Status.TIMED_OUT;
                    break;
                }
                if (!now.isBefore(nextProgress)) {
                    events.progress(stepId, run.purpose() + ": running for " + human(elapsed) + " (timeout "
                            + human(run.timeout()) + "); last migration event: "
                            + (classifier.lastMigrationEvent() == null ? "none yet" : classifier.lastMigrationEvent()));
                    nextProgress = now.plus(options.progressInterval());
                }
                sleeper.sleep(POLL);
            }
            if (status == ServerResult.Status.SUCCEEDED) {
                onSuccess.run();
            }
        } catch (InterruptedException e) {
            interrupted = true;
            status = ServerResult.Status.INTERRUPTED;
        } finally {
            decidedAt = clock.instant();
            stop(process, tree, options.stopTimeout());
            if (hookAdded) {
                removeHook(hook);
            }
            console.finish();
            for (String line : tailer.drain()) {
                events.detail(stepId, line);
            }
            tailer.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        Duration duration = Duration.between(start, decidedAt);
        List<String> shownTail = tail.isEmpty() ? console.tail() : List.copyOf(tail);
        ServerResult result = new ServerResult(run, status, classifier.migrationErrors(), classifier.otherErrors(),
                shownTail, duration, exitCode, classifier.lastMigrationEvent());
        classifier.otherErrors().forEach(e -> events.warn(stepId, "server logged: " + e));
        events.lifecycle(stepId, "The " + run.purpose() + " ended after " + human(duration) + ": " + status);
        return result;
    }

    /**
     * A second server on the same home would fail on its ports and could corrupt the migration: refuse when
     * {@code wso2carbon.pid} names a live Java process.
     */
    private static void refuseIfRunning(ServerRun run) {
        Path pidFile = run.home().resolve("wso2carbon.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
            Instant written = Files.getLastModifiedTime(pidFile).toInstant();
            // a process started after the file was written only reuses the pid (e.g. this Maven in a new container)
            Optional<ProcessHandle> running = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().startInstant().map(started -> !started.isAfter(written)).orElse(true));
            boolean isJava = running.flatMap(h -> h.info().command())
                    .map(c -> c.toLowerCase(Locale.ROOT).contains("java")).orElse(false);
            if (isJava) {
                throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "An API Manager seems to be running from "
                                + run.home() + " (pid " + pid + " in wso2carbon.pid).", pidFile.toString(),
                        "Stop it (bin/" + run.script() + ".sh stop) before running this goal.");
            }
        } catch (IOException | NumberFormatException e) {
            // an unreadable or stale pid file is no evidence of a running server
        }
    }

    /** Classifies new log lines; returns the final status once the log decides it. */
    private ServerResult.Status feed(ServerRun run, List<String> lines, LogClassifier classifier, Deque<String> tail,
                                     boolean[] proofSeen) {
        for (String line : lines) {
            events.detail(stepId, line);
            tail.addLast(line);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
            if (!proofSeen[0] && run.proof().stream().anyMatch(line::contains)) {
                proofSeen[0] = true;
            }
            switch (classifier.accept(line)) {
                case STARTED:
                    if (!classifier.migrationErrors().isEmpty()) {
                        return ServerResult.Status.MIGRATION_ERRORS;
                    }
                    return proofSeen[0] || run.proof().isEmpty()
                            ? ServerResult.Status.SUCCEEDED : ServerResult.Status.CLIENT_DID_NOT_RUN;
                case MIGRATION_STOPPED:
                    return ServerResult.Status.MIGRATION_STOPPED;
                case CLIENT_MISSING:
                    return ServerResult.Status.CLIENT_MISSING;
                case OSGI_HANG:
                    return ServerResult.Status.HUNG;
                case POOL_EXHAUSTED:
                    return ServerResult.Status.POOL_EXHAUSTED;
                default:
                    break;
            }
        }
        return null;
    }

    private ProcessBuilder builder(ServerRun run) {
        ProcessBuilder pb = new ProcessBuilder(run.command(windows))
                .directory(run.home().toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        if (options.javaHome() != null) {
            env.put("JAVA_HOME", options.javaHome().toString());
        }
        if (options.jvmOptions() != null && !options.jvmOptions().isBlank()) {
            env.put("JAVA_OPTS", options.jvmOptions().strip());
        }
        return pb;
    }

    /** Keeps every process the server started, so children re-parented after their parent died are still found. */
    private static void remember(Process process, Set<ProcessHandle> tree) {
        try {
            synchronized (tree) {
                process.descendants().forEach(tree::add);
            }
        } catch (UnsupportedOperationException ignored) {
            // a Process without handles (tests): only the process itself can be stopped
        }
    }

    /**
     * SIGTERM to the process and everything it started (Carbon's shutdown hook stops the server cleanly), wait up
     * to {@code graceful}, then kill whatever is left. Bounded; never throws; keeps an interrupt for the caller.
     */
    void stop(Process process, Set<ProcessHandle> tree, Duration graceful) {
        boolean wasInterrupted = Thread.interrupted();
        try {
            remember(process, tree);
            List<ProcessHandle> others;
            synchronized (tree) {
                others = new ArrayList<>(tree);
            }
            if (!process.isAlive() && others.stream().noneMatch(ProcessHandle::isAlive)) {
                return;
            }
            events.progress(stepId, "Stopping the server (up to " + human(graceful) + ")");
            others.forEach(ProcessHandle::destroy);
            terminate(process);
            if (!waitAll(process, others, graceful)) {
                events.warn(stepId, "The server did not stop within " + human(graceful) + "; killing it.");
                remember(process, tree);
                synchronized (tree) {
                    others = new ArrayList<>(tree);
                }
                others.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                if (!waitAll(process, others, FORCED_KILL_WAIT)) {
                    events.error(stepId, "Could not kill the server process tree; stop it by hand: pids "
                            + others.stream().filter(ProcessHandle::isAlive).map(h -> String.valueOf(h.pid())).toList());
                }
            }
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * SIGTERM without {@link Process#destroy()}'s closing of the console pipe: a server still writing to its console
     * while shutting down would die of SIGPIPE before finishing its shutdown.
     */
    private static void terminate(Process process) {
        try {
            process.toHandle().destroy();
        } catch (UnsupportedOperationException e) {
            process.destroy();
        }
    }

    private static boolean waitAll(Process process, List<ProcessHandle> others, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
            for (ProcessHandle h : others) {
                long left = deadline - System.nanoTime();
                if (h.isAlive() && left > 0) {
                    try {
                        h.onExit().get(left, TimeUnit.NANOSECONDS);
                    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                        return false;
                    }
                }
                if (h.isAlive()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean addHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false; // the JVM is already shutting down; the finally block still stops the server
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down: the hook runs and finds nothing left to stop
        }
    }

    /** "42s", "3m 5s", "6h 0m". */
    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }

    /** Reads the console on its own thread (a full pipe would block the server) and keeps its last lines. */
    private static final class Drainer extends Thread {
        private final InputStream in;
        private final EventSink events;
        private final String stepId;
        private final Deque<String> tail = new ArrayDeque<>();

        Drainer(InputStream in, EventSink events, String stepId) {
            super("apim-upgrade-server-console");
            setDaemon(true);
            this.in = in;
            this.events = events;
            this.stepId = stepId;
        }

        @Override
        public void run() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    events.detail(stepId, "[console] " + line);
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }

        /** Waits briefly for the last console lines; the pipe closes once the process tree is gone. */
        void finish() {
            try {
                join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        List<String> tail() {
            synchronized (tail) {
                return List.copyOf(tail);
            }
        }
    }
}
