package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.api.ServerOptions;
import io.github.apimupgrade.core.event.UpgradeEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Timeout, progress, interrupt and stop logic on a fake clock and a fake process: no real waiting. */
class CarbonServerFakeClockTest {
    @TempDir
    Path home;
    private final List<UpgradeEvent> events = new CopyOnWriteArrayList<>();
    private final FakeClock clock = new FakeClock();
    private final FakeProcess process = new FakeProcess();

    private ServerResult run(Duration timeout, IntConsumer onSleep) throws Exception {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/api-manager.sh"), "# never run");
        ServerOptions o = new ServerOptions(null, "-Xmx2g", timeout, timeout, Duration.ofSeconds(30),
                Duration.ofSeconds(30), null, null, List.of(), true, null, Duration.ZERO);
        int[] sleeps = {0};
        Sleeper sleeper = d -> {
            clock.advance(d);
            try {
                onSleep.accept(++sleeps[0]);
            } catch (RuntimeException e) {
                // an IntConsumer cannot throw InterruptedException itself
                if (e.getCause() instanceof InterruptedException ie) {
                    throw ie;
                }
                throw e;
            }
        };
        List<ProcessBuilder> started = new CopyOnWriteArrayList<>();
        CarbonServer server = new CarbonServer(pb -> {
            started.add(pb);
            return process;
        }, events::add, "test", o, clock, sleeper, false);
        ServerResult r = server.run(new ServerRun(home, "api-manager", List.of("-Dmigrate", "-Dcomponent=identity"),
                "identity migration", timeout, List.of()));
        assertEquals(List.of("sh", home.resolve("bin/api-manager.sh").toString(), "-Dmigrate", "-Dcomponent=identity"),
                started.get(0).command());
        assertEquals("-Xmx2g", started.get(0).environment().get("JAVA_OPTS"));
        return r;
    }

    private void log(String message) {
        try {
            Path f = home.resolve("repository/logs/wso2carbon.log");
            Files.createDirectories(f.getParent());
            // the kernel's lines come from its StartupFinalizerServiceComponent (carbon-kernel 4.6.x)
            String logger = message.startsWith("WSO2 Carbon started") || message.startsWith("Waiting for required OSGi")
                    ? "org.wso2.carbon.core.internal.StartupFinalizerServiceComponent" : "org.wso2.carbon.is.migration.VersionMigration";
            Files.writeString(f, "TID: [-1234] [] [2022-07-22 10:15:03,582]  INFO {" + logger + "} - "
                    + message + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void timesOutOnTheInjectedClockWithAProgressLineEveryInterval() throws Exception {
        ServerResult r = run(Duration.ofMinutes(10), n -> {
            if (n == 10) {
                log(" WSO2 Product Migration Service Task : Version : 5.10.0, Migration Step : UserIDMigrator of order : 10 is starting");
            }
        });
        assertEquals(ServerResult.Status.TIMED_OUT, r.status());
        assertEquals(Duration.ofMinutes(10), r.duration());
        List<String> progress = events.stream().filter(e -> e.level() == UpgradeEvent.Level.PROGRESS)
                .map(UpgradeEvent::message).filter(m -> m.contains("running for")).toList();
        assertEquals(19, progress.size(), progress.toString());
        assertEquals("identity migration: running for 30s (timeout 10m 0s); last migration event: "
                + "WSO2 Product Migration Service Task : Version : 5.10.0, Migration Step : UserIDMigrator of order : 10 is starting",
                progress.get(0));
        assertTrue(progress.get(18).startsWith("identity migration: running for 9m 30s"), progress.get(18));
        assertTrue(r.toException().getMessage().contains("UserIDMigrator"));
        assertTrue(process.terminated);
        assertFalse(process.isAlive());
    }

    @Test
    void theLogDecidesWithoutWaitingForTheTimeout() throws Exception {
        ServerResult r = run(Duration.ofHours(6), n -> {
            if (n == 5) {
                log("WSO2 Carbon started in 12 sec");
            }
        });
        assertEquals(ServerResult.Status.SUCCEEDED, r.status());
        assertEquals(Duration.ofSeconds(1), r.duration());
        assertTrue(process.terminated);
    }

    @Test
    void anInterruptStopsTheServerAndKeepsTheInterruptFlag() throws Exception {
        ServerResult r = run(Duration.ofHours(6), n -> {
            if (n == 3) {
                throw new RuntimeException(new InterruptedException());
            }
        });
        assertEquals(ServerResult.Status.INTERRUPTED, r.status());
        assertTrue(Thread.interrupted(), "interrupt flag restored");
        assertTrue(process.terminated);
    }

    @Test
    void aServerIgnoringSigtermIsKilled() throws Exception {
        process.ignoreTerm = true;
        ServerResult r = run(Duration.ofSeconds(1), n -> {
            if (n == 1) {
                log("Starting WSO2 Carbon...");
            }
        });
        assertEquals(ServerResult.Status.TIMED_OUT, r.status());
        assertTrue(process.killed);
        assertFalse(process.isAlive());
        assertTrue(events.stream().anyMatch(e -> e.message().contains("killing it")));
    }

    @Test
    void aServerThatNeverWritesTheLogFailsAfterTheStartTimeout() throws Exception {
        ServerResult r = run(Duration.ofMinutes(10), n -> { });
        assertEquals(ServerResult.Status.NO_LOG, r.status());
        assertEquals(Duration.ofMinutes(10), r.duration());
        assertTrue(r.toException().hint().contains("CARBON_LOGFILE"));
        assertTrue(process.terminated);
    }

    @Test
    void exitBeforeStartedIsACrash() throws Exception {
        ServerResult r = run(Duration.ofHours(6), n -> {
            if (n == 2) {
                log("Starting WSO2 Carbon...");
                process.exit(137);
            }
        });
        assertEquals(ServerResult.Status.CRASHED, r.status());
        assertEquals(137, r.exitCode());
        assertTrue(r.logTail().get(0).endsWith("Starting WSO2 Carbon..."));
    }

    private static final class FakeClock extends Clock {
        private Instant now = Instant.parse("2022-07-22T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final class FakeProcess extends Process {
        volatile boolean alive = true;
        volatile boolean ignoreTerm;
        volatile boolean terminated;
        volatile boolean killed;
        volatile int exitCode;

        void exit(int code) {
            exitCode = code;
            alive = false;
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public InputStream getErrorStream() {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public int waitFor() {
            return exitCode;
        }

        @Override
        public boolean waitFor(long timeout, TimeUnit unit) {
            return !alive;
        }

        @Override
        public int exitValue() {
            if (alive) {
                throw new IllegalThreadStateException();
            }
            return exitCode;
        }

        @Override
        public void destroy() {
            terminated = true;
            if (!ignoreTerm) {
                exit(143);
            }
        }

        @Override
        public Process destroyForcibly() {
            killed = true;
            exit(137);
            return this;
        }

        @Override
        public boolean isAlive() {
            return alive;
        }
    }
}
