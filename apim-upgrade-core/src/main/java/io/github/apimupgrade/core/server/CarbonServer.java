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
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Supervises one run of {@code bin/api-manager.sh} (or {@code wso2server.sh}, {@code .bat} on Windows): starts it
 * with the run's flags and the configured JAVA_HOME / JAVA_OPTS, follows {@code repository/logs/wso2carbon.log}
 * from where it was, decides the outcome from the log ({@link LogClassifier}), then stops the server: SIGTERM to
 * the whole process tree, a bounded wait, then a forcible kill. A shutdown hook does the same if the JVM exits
 * meanwhile; an interrupt of the calling thread stops the server too. Never leaves a process behind.
 * <p>
 * A {@link Cancellation} (SIGTERM, Ctrl-C) is checked before the start and at every poll: the server is stopped
 * with its process tree and the run ends with the cancel ({@link ErrorCode#CANCELLED}), naming what it was doing.
 * Once the JVM is shutting down no server is started at all. A cancel that arrives after the log decided the
 * outcome (while the server is stopping) lets the stop finish and returns the outcome: the next check stops the run.
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
    private Cancellation cancellation = Cancellation.jvm();

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

    /** Another cancellation than the JVM's (tests). */
    CarbonServer cancelledBy(Cancellation c) {
        this.cancellation = c;
        return this;
    }

    /** Starts the server, waits for the outcome, stops it. Failures are in the result, not thrown. */
    public ServerResult run(ServerRun run) {
        return run(run, null, () -> { });
    }

    /**
     * As {@link #run(ServerRun)}; after a successful start, {@code afterStart} (may be null) is awaited with the
     * server still running, then the server is stopped.
     */
    public ServerResult run(ServerRun run, AfterStart afterStart) {
        return run(run, afterStart, () -> { });
    }

    /**
     * Like {@link #run(ServerRun)}; {@code onSuccess} runs as soon as the log proves success, before the server is
     * stopped (a kill during the stop must not lose that fact). If it throws, the server is stopped all the same.
     */
    public ServerResult run(ServerRun run, Runnable onSuccess) {
        return run(run, null, onSuccess);
    }

    /** Both: {@code onSuccess} when the log proves success, then {@code afterStart} (may be null) awaited. */
    public ServerResult run(ServerRun run, AfterStart afterStart, Runnable onSuccess) {
        if (!Files.isRegularFile(run.scriptFile(windows))) {
            throw UpgradeException.user(ErrorCode.HOME_NOT_FOUND, "No start script " + run.scriptFile(windows)
                    + " in the server home.", run.home().toString(), "Check apim.upgrade.newHome points at the unpacked "
                    + "API Manager of the target version.");
        }
        refuseIfRunning(run);
        cancellation.check("before starting the server for the " + run.purpose());
        // the hook is registered before the start: once the JVM is shutting down no server may start, and a
        // server started just before it began is stopped by the hook (or by this thread, which sees the cancel)
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        Process[] started = new Process[1];
        Thread hook = new Thread(() -> {
            Process p;
            synchronized (started) {
                p = started[0];
            }
            if (p != null) {
                try {
                    stop(p, tree, options.stopTimeout()); // the JVM is exiting (SIGTERM, Ctrl+C on Maven)
                } catch (Throwable t) {
                    p.destroyForcibly();
                }
            }
        }, "apim-upgrade-server-stop");
        if (!addHook(hook)) {
            cancellation.cancel("the JVM shutting down");
            throw cancellation.exception("before starting the server for the " + run.purpose());
        }
        LogTailer tailer = LogTailer.fromEnd(run.logFile());
        Feed feed = new Feed(run, new LogClassifier(!run.proof().isEmpty(), run.proof()));
        Instant start = clock.instant();
        events.lifecycle(stepId, "Starting the server for the " + run.purpose() + ": " + run.display(windows));
        Process process;
        try {
            synchronized (started) {
                process = launcher.start(builder(run));
                started[0] = process;
            }
        } catch (IOException e) {
            tailer.close();
            removeHook(hook);
            throw UpgradeException.environment(ErrorCode.SERVER_FAILED, "Could not start " + run.scriptFile(windows)
                    + ": " + e.getMessage(), run.scriptFile(windows).toString(),
                    "Check the script is readable and that 'sh' (cmd.exe on Windows) is on the PATH.", e);
        }
        Drainer console = new Drainer(process.getInputStream(), events, stepId);
        console.start();
        ServerResult.Status status = null;
        Integer exitCode = null;
        String afterStartFailure = null;
        boolean interrupted = false;
        boolean cancelled = false;
        Instant decidedAt = start;
        try {
            Instant nextProgress = start.plus(options.progressInterval());
            for (int polls = 0; status == null; polls++) {
                if (cancellation.cancelled()) {
                    cancelled = true; // checked first: a Ctrl-C also reaches the server, which then exits by itself
                    status = ServerResult.Status.INTERRUPTED;
                    break;
                }
                if (polls < 25 || polls % 25 == 0) {
                    remember(process, tree); // walks the process table: often at first, then every few seconds
                }
                tailer.poll(feed);
                status = feed.status;
                if (status != null) {
                    break;
                }
                if (!process.isAlive()) {
                    if (cancellation.cancelled()) {
                        continue; // the loop's first check ends the run as cancelled, not as a crash
                    }
                    tailer.drain(feed);
                    status = feed.status;
                    if (status == null) {
                        exitCode = process.exitValue();
                        status = ServerResult.Status.CRASHED;
                    }
                    break;
                }
                Instant now = clock.instant();
                Duration elapsed = Duration.between(start, now);
                if (feed.lines == 0 && elapsed.compareTo(options.startTimeout()) >= 0) {
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
                            + (feed.classifier.lastMigrationEvent() == null ? "none yet" : feed.classifier.lastMigrationEvent()));
                    nextProgress = now.plus(options.progressInterval());
                }
                sleeper.sleep(POLL);
            }
            if (status == ServerResult.Status.SUCCEEDED) {
                onSuccess.run();
            }
            if (status == ServerResult.Status.SUCCEEDED && afterStart != null) {
                afterStartFailure = afterStart.await(process::isAlive);
                if (afterStartFailure != null) {
                    status = ServerResult.Status.AFTER_START_FAILED;
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            status = ServerResult.Status.INTERRUPTED;
        } finally {
            decidedAt = clock.instant();
            stop(process, tree, options.stopTimeout());
            removeHook(hook);
            console.finish();
            feed.decided = true; // the shutdown lines are shown and kept in the tail, not classified
            tailer.drain(feed);
            tailer.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (cancelled) {
            events.lifecycle(stepId, "The " + run.purpose() + " was cancelled (" + cancellation.reason()
                    + ") after " + human(Duration.between(start, decidedAt)) + "; the server is stopped.");
            throw cancellation.exception("during the " + run.purpose() + " (" + run.display(windows)
                    + "), the server stopped");
        }
        Duration duration = Duration.between(start, decidedAt);
        List<String> shownTail = new ArrayList<>(feed.tail);
        if (shownTail.isEmpty() || status == ServerResult.Status.CRASHED) {
            // a JVM that dies says why on the console (OutOfMemoryError, a bad JAVA_OPTS), not in the log
            console.tail().forEach(l -> shownTail.add("[console] " + l));
        }
        LogClassifier classifier = feed.classifier;
        ServerResult result = new ServerResult(run, status, classifier.migrationErrors(), classifier.otherErrors(),
                shownTail, duration, exitCode, classifier.lastMigrationEvent(), classifier.migrationErrorCount(),
                classifier.warnings(), classifier.missingProofs(), classifier.migrationStepStarted(),
                afterStartFailure != null ? afterStartFailure : classifier.firstUnreadableLine());
        classifier.otherErrors().forEach(e -> events.warn(stepId, "server logged: " + e));
        events.lifecycle(stepId, "The " + run.purpose() + " ended after " + human(duration) + ": " + status);
        return result;
    }

    /**
     * A second server on the same home would fail on its ports and could corrupt the migration (the server steps
     * also check this when they plan, before anything changes: {@link RunningServer}).
     */
    private static void refuseIfRunning(ServerRun run) {
        RunningServer.refuse(run.home(), "home");
    }

    /**
     * Takes each log line as the tailer reads it: keeps the tail, shows it at debug level (redacted by the sink, only
     * when debug output is on), classifies it, and stops the reading once the log decided the outcome.
     */
    private final class Feed implements LogTailer.LineHandler {
        final ServerRun run;
        final LogClassifier classifier;
        final Deque<String> tail = new ArrayDeque<>();
        final boolean showLines = events.detailEnabled();
        long lines;
        ServerResult.Status status;
        boolean decided;

        Feed(ServerRun run, LogClassifier classifier) {
            this.run = run;
            this.classifier = classifier;
        }

        @Override
        public boolean line(String line) {
            lines++;
            if (showLines) {
                events.detail(stepId, line);
            }
            tail.addLast(line);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
            if (decided) {
                return true;
            }
            status = switch (classifier.accept(line)) {
                case STARTED -> classifier.migrationErrorCount() > 0 ? ServerResult.Status.MIGRATION_ERRORS
                        : classifier.missingProofs().isEmpty() ? ServerResult.Status.SUCCEEDED
                        : ServerResult.Status.CLIENT_DID_NOT_RUN;
                case MIGRATION_STOPPED -> ServerResult.Status.MIGRATION_STOPPED;
                case CLIENT_MISSING -> ServerResult.Status.CLIENT_MISSING;
                case OSGI_HANG -> ServerResult.Status.HUNG;
                case POOL_EXHAUSTED -> ServerResult.Status.POOL_EXHAUSTED;
                case CLIENT_CRASHED -> ServerResult.Status.CLIENT_CRASHED;
                case UNREADABLE_PATTERN -> ServerResult.Status.LOG_UNREADABLE;
                case NONE -> null;
            };
            decided = status != null;
            return !decided;
        }
    }

    private ProcessBuilder builder(ServerRun run) {
        ProcessBuilder pb = new ProcessBuilder(windows ? WindowsConsole.startCommand(run) : run.command(false))
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
            boolean stopped;
            if (windows) {
                stopped = stopOnWindows(process, others, graceful);
            } else {
                others.forEach(ProcessHandle::destroy);
                terminate(process);
                stopped = waitAll(process, others, graceful);
            }
            if (!stopped) {
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
     * Windows: destroy() would be TerminateProcess, which skips Carbon's shutdown hook. Ctrl-C to the server's own
     * console instead ({@link WindowsConsole}), then wait for the server's JVM; the script shells left waiting
     * ("Terminate batch job?") are then ended by the forcible kill. False when the JVM did not stop in time.
     */
    private boolean stopOnWindows(Process process, List<ProcessHandle> tree, Duration graceful) {
        List<ProcessHandle> jvms = tree.stream().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().command().map(c -> c.toLowerCase(Locale.ROOT).endsWith("java.exe")).orElse(false))
                .toList();
        ProcessHandle target = jvms.isEmpty() ? tree.stream().filter(ProcessHandle::isAlive).findFirst().orElse(null) : jvms.get(0);
        if (target == null) {
            return false;
        }
        try {
            Process helper = launcher.start(new ProcessBuilder(WindowsConsole.ctrlCCommand(target.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD));
            if (!helper.waitFor(30, TimeUnit.SECONDS)) {
                helper.destroyForcibly();
            } else if (helper.exitValue() != 0) {
                events.warn(stepId, "Could not send Ctrl-C to the server's console (exit " + helper.exitValue() + ")");
            }
        } catch (IOException e) {
            events.warn(stepId, "Could not send Ctrl-C to the server's console: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        long deadline = System.nanoTime() + graceful.toNanos();
        for (ProcessHandle jvm : jvms.isEmpty() ? List.of(target) : jvms) {
            try {
                jvm.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        // the JVM is gone (its shutdown hook ran): end the script shells waiting around it
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return waitAll(process, tree, FORCED_KILL_WAIT);
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
                boolean show = events.detailEnabled();
                while ((line = r.readLine()) != null) {
                    if (show) {
                        events.detail(stepId, "[console] " + line);
                    }
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
