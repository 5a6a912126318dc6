package io.github.apimupgrade.core.server.signals;

import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.journal.StepRecord;
import io.github.apimupgrade.core.journal.StepState;
import io.github.apimupgrade.core.testsupport.LegacyHomeFixture;
import io.github.apimupgrade.core.testsupport.NewHomeFixture;
import io.github.apimupgrade.core.testsupport.StandinServer;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 13, "a signal does not stop the run", as users meet it: a child JVM runs the engine ({@link SignalledRun})
 * with the stand-in server; the test sends SIGTERM to it (a CI cancel) or SIGINT to its whole process group (Ctrl-C
 * in a terminal, which the server gets too) at each phase, then asserts: the child exits, no process of the run
 * is left (every process carrying the run's token in its environment, i.e. the server and all it started), no
 * later step or action ran, the journal names where it stopped, and a second run resumes and completes.
 */
@org.junit.jupiter.api.Timeout(value = 10, unit = TimeUnit.MINUTES)
class SignalCancelsTheRunTest {

    @TempDir
    Path dir;
    Path oldHome;
    Path newHome;
    StandinServer server;
    final String token = UUID.randomUUID().toString();

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(StandinServer.posix() && Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        oldHome = LegacyHomeFixture.at(dir.resolve("old"))
                .urls(TestDatabases.h2Url(), TestDatabases.h2Url(), TestDatabases.h2Url()).write();
        newHome = NewHomeFixture.write(dir.resolve("new"), "4.1.0");
        server = StandinServer.create(newHome).dropin(StandinServer.IDENTITY_JAR);
        // what migrate-identity leaves for the client (the stand-in, like the real client 1.0.154, runs only the
        // versions after currentVersion and only with migrationEnable "true")
        Path resources = Files.createDirectories(newHome.resolve("migration-resources"));
        Files.writeString(resources.resolve("migration-config.yaml"), """
                migrationEnable: "true"
                currentVersion: "5.7.0"
                migrateVersion: "5.11.0"
                versions:
                  -
                    version: "5.8.0"
                    migratorConfigs:
                    -
                      name: "SchemaMigrator"
                      order: 1
                  -
                    version: "5.11.0"
                    migratorConfigs:
                    -
                      name: "SchemaMigrator"
                      order: 1
                """);
    }

    @ParameterizedTest(name = "{0} during {1}")
    @CsvSource({
            "TERM, file step",
            "INT,  file step",
            "TERM, server start",
            "INT,  server start",
            "TERM, migration run",
            "INT,  migration run",
            "TERM, server stop",
            "INT,  server stop",
    })
    void aSignalStopsTheRunAndTheNextRunResumes(String signal, String phase) throws Exception {
        Map<String, String> env = new java.util.HashMap<>();
        Predicate<String> when;
        String pauseAt = "";
        switch (phase) {
            case "file step" -> {
                pauseAt = "step-files/b.txt";
                when = l -> l.startsWith("PAUSED ");
            }
            case "server start" -> {
                env.put("STANDIN_START_DELAY", "60");
                when = l -> server.log().contains("Starting WSO2 Carbon...");
            }
            case "migration run" -> {
                env.put("STANDIN_MIGRATION_DELAY", "60");
                when = l -> server.log().contains("Migration Step : SchemaMigrator of order : 1 is starting");
            }
            case "server stop" -> {
                env.put("STANDIN_STOP_DELAY", "4");
                when = l -> l.contains("Stopping the server");
            }
            default -> throw new IllegalArgumentException(phase);
        }

        Child child = start(env, pauseAt);
        child.awaitLine(when, 60);
        long sent = System.nanoTime();
        if (signal.equals("TERM")) {
            kill("-TERM", String.valueOf(child.process.pid())); // a CI cancel: the build's main process
        } else {
            kill("-INT", "-" + child.process.pid()); // Ctrl-C: the terminal signals the whole foreground group
        }
        assertTrue(child.process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not exit within 60 s of SIG" + signal);
        double seconds = (System.nanoTime() - sent) / 1e9;
        assertEquals(128 + (signal.equals("TERM") ? 15 : 2), child.process.exitValue(), child.output());
        assertEquals(List.of(), processesOfTheRun(), "processes of the run left after SIG" + signal + " during " + phase);
        assertFalse(server.pid("wso2carbon.pid").map(p -> ProcessHandle.of(p).isPresent()).orElse(false));

        JournalFile journal = JournalFile.open(newHome, Clock.systemUTC());
        String reason = signal.equals("TERM") ? "Cancelled by SIGTERM" : "Cancelled by SIGINT (Ctrl-C)";
        switch (phase) {
            case "file step" -> {
                assertStopped(journal, "prepare-config", reason + " before create step-files/b.txt", child);
                assertTrue(Files.exists(newHome.resolve("step-files/a.txt")), "the action before the signal ran");
                assertFalse(Files.exists(newHome.resolve("step-files/b.txt")), "the action the signal came in ran");
                assertFalse(Files.exists(newHome.resolve("step-files/c.txt")), "a later action ran");
                assertPending(journal, SignalledRun.STEPS.subList(1, 7));
            }
            case "server start", "migration run" -> {
                assertStopped(journal, "migrate-identity", reason + " during the identity migration", child);
                assertFalse(server.runs().contains("identity-migrated"), server.runs().toString());
                assertPending(journal, SignalledRun.STEPS.subList(4, 7));
                assertTrue(server.log().contains("Shutting down WSO2 API Manager"), "the server was stopped, not abandoned");
            }
            case "server stop" -> {
                // the migration had succeeded when the signal came: the stop finishes, nothing after it starts
                assertEquals(StepState.SUCCEEDED, journal.get("migrate-identity").state());
                assertTrue(server.log().contains("Shutdown complete"), "the stop in progress was finished");
                assertPending(journal, SignalledRun.STEPS.subList(4, 7));
                // the report is written before the shutdown hook lets the JVM halt; the child's own last line may not be
                String report = Files.readString(dir.resolve("report").resolve("report.json"));
                assertTrue(report.contains(reason + " before step migrate-apim"), child.output() + "\n" + report);
            }
            default -> fail(phase);
        }
        assertFalse(Files.exists(newHome.resolve("step-files/apim-after.txt")));
        assertFalse(Files.exists(newHome.resolve("step-files/finalize.txt")));
        assertTrue(seconds < 60, "exit took " + seconds + " s");

        Child resumed = start(Map.of(), "");
        assertTrue(resumed.process.waitFor(120, TimeUnit.SECONDS), "the resumed run did not finish");
        assertEquals(0, resumed.process.exitValue(), resumed.output());
        JournalFile after = JournalFile.open(newHome, Clock.systemUTC());
        for (String id : SignalledRun.STEPS) {
            assertEquals(StepState.SUCCEEDED, after.get(id).state(), id);
        }
        for (String f : List.of("a.txt", "b.txt", "c.txt", "identity-before.txt", "apim-after.txt", "finalize.txt")) {
            assertTrue(Files.exists(newHome.resolve("step-files").resolve(f)), f);
        }
        assertEquals(List.of(), processesOfTheRun(), "processes left after the resumed run");
    }

    private static void assertStopped(JournalFile journal, String step, String message, Child child) {
        StepRecord r = journal.get(step);
        assertEquals(StepState.FAILED, r.state(), step + ": " + r.message() + "\n" + child.output());
        assertTrue(r.message() != null && r.message().startsWith(message), r.message());
    }

    private static void assertPending(JournalFile journal, List<String> steps) {
        for (String id : steps) {
            assertEquals(StepState.PENDING, journal.get(id).state(), id + " ran after the signal");
        }
    }

    /** Every live process whose environment carries this test's token: the child JVM, the server and its children. */
    private List<String> processesOfTheRun() throws IOException {
        List<String> left = new ArrayList<>();
        byte[] needle = ("APIM_SIGNAL_TEST=" + token).getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    byte[] environ = Files.readAllBytes(p.resolve("environ"));
                    if (indexOf(environ, needle) >= 0) {
                        left.add(p.getFileName() + " " + Files.readString(p.resolve("cmdline")).replace('\0', ' ').strip());
                    }
                } catch (IOException e) {
                    // gone meanwhile, or not ours
                }
            }
        }
        return left;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private Child start(Map<String, String> env, String pauseAt) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // setsid: the child leads its own process group, as a build started from a terminal does
        ProcessBuilder pb = new ProcessBuilder("setsid", java, "-cp", System.getProperty("java.class.path"),
                "-Dpause.at=" + pauseAt, SignalledRun.class.getName(), oldHome.toString(), newHome.toString(),
                dir.resolve("report").toString()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("APIM_SIGNAL_TEST", token);
        return new Child(pb.start());
    }

    private static void kill(String signal, String target) throws Exception {
        Process k = new ProcessBuilder("kill", signal, "--", target).inheritIO().start();
        assertEquals(0, k.waitFor(), "kill " + signal + " " + target);
    }

    /** A child JVM whose output is read on a thread and kept. */
    private static final class Child {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();

        Child(Process process) {
            this.process = process;
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = r.readLine()) != null) {
                        lines.add(l);
                    }
                } catch (IOException ignored) {
                    // closed
                }
            }, "signal-test-child-output");
            t.setDaemon(true);
            t.start();
        }

        void awaitLine(Predicate<String> when, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                for (String l : lines) {
                    if (when.test(l)) {
                        return;
                    }
                }
                if (when.test("") ) {
                    return;
                }
                if (!process.isAlive()) {
                    fail("the child ended before the phase: " + output());
                }
                Thread.sleep(50);
            }
            fail("phase not reached in " + seconds + " s: " + output());
        }

        String output() {
            return String.join("\n", lines);
        }
    }
}
