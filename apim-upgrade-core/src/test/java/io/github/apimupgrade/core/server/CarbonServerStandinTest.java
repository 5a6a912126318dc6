package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.path.ClientProofs;
import io.github.apimupgrade.core.testsupport.StandinServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The supervisor against the stand-in server script: real processes, real log lines, second-scale timeouts. */
@DisabledOnOs(OS.WINDOWS)
@Timeout(60)
class CarbonServerStandinTest {
    private static final List<String> IDENTITY_FLAGS = List.of("-Dmigrate", "-Dcomponent=identity");
    private static final List<String> APIM_FLAGS = List.of("-Dmigrate", "-DmigrateFromVersion=2.6.0", "-DmigratedVersion=4.1.0");

    @TempDir
    Path dir;
    private final List<UpgradeEvent> events = new CopyOnWriteArrayList<>();

    private static final ClientProofs.Hop HOP = ClientProofs.load().hop("2.6.0", "4.1.0").orElseThrow();
    private static final List<LogProof> IDENTITY_PROOF = HOP.identity();
    private static final List<LogProof> APIM_PROOF = HOP.apim();
    private static final List<LogProof> PRE_PROOF = HOP.preValidation();
    private static final List<String> PRE_FLAGS = List.of("-Dmigrate", "-DmigrateFromVersion=2.6.0",
            "-DmigratedVersion=4.1.0", "-DrunPreMigration");

    private ServerResult run(StandinServer home, List<String> flags, List<LogProof> proof, Duration timeout) {
        CarbonServer server = new CarbonServer(ProcessLauncher.system(), events::add, "test",
                StandinServer.options(timeout), Clock.systemUTC(), Sleeper.system(), false);
        return server.run(new ServerRun(home.home(), "api-manager", flags, "test run", timeout, proof));
    }

    @Test
    void cleanIdentityRunSucceedsAndTheServerRanWithTheFlags() {
        StandinServer home = StandinServer.create(dir).identityClient("5.7.0", "5.11.0", true)
                .toml("[user_store]\ntype = \"database\"\n");
        ServerResult r = run(home, IDENTITY_FLAGS, IDENTITY_PROOF, Duration.ofSeconds(20));
        assertEquals(ServerResult.Status.SUCCEEDED, r.status(), r.logTail().toString());
        assertEquals("identity flags=-Dmigrate -Dcomponent=identity user_store=database", home.runs().get(0));
        assertEquals("identity-migrated", home.runs().get(home.runs().size() - 1));
        assertTrue(r.migrationErrors().isEmpty());
        assertTrue(home.log().contains("Shutdown complete"), "stopped gracefully:\n" + home.log());
        assertTrue(events.stream().anyMatch(e -> e.message().contains("WSO2 Carbon started in")));
        assertNoProcessLeft(home);
    }

    @Test
    void errorLinesFollowedBySuccessfullyCompletedFail() {
        StandinServer home = StandinServer.create(dir).dropin(StandinServer.APIM_JAR).scenario("errors");
        ServerResult r = run(home, APIM_FLAGS, APIM_PROOF, Duration.ofSeconds(20));
        assertTrue(home.log().contains("Successfully completed API-M migration from 2.6.0 to 4.1.0"));
        assertEquals(ServerResult.Status.MIGRATION_ERRORS, r.status());
        assertEquals(2, r.migrationErrors().size(), r.migrationErrors().toString());
        assertTrue(r.migrationErrors().get(0).contains("{org.wso2.carbon.apimgt.migration.util.AMDBUtil} - "
                + "WSO2 API-M Migration Task : Error occurred while migrating databases"), r.migrationErrors().get(0));
        assertTrue(home.log().contains("Successfully executed script at"), "the client still claims the script ran");
        UpgradeException e = r.toException();
        assertEquals(ErrorCode.MIGRATION_ERRORS_LOGGED, e.code());
        assertTrue(e.getMessage().contains("API Migration exception occurred while migrating"), e.getMessage());
        assertNoProcessLeft(home);
    }

    @Test
    void migrationProcessStoppedFails() {
        StandinServer home = StandinServer.create(dir).identityClient("5.7.0", "5.11.0", true).scenario("stopped");
        ServerResult r = run(home, IDENTITY_FLAGS, IDENTITY_PROOF, Duration.ofSeconds(20));
        assertEquals(ServerResult.Status.MIGRATION_STOPPED, r.status());
        assertEquals(2, r.migrationErrors().size());
        assertTrue(r.toException().getMessage().contains("Migrator class not exists for: GroupsAndRolesMigrator"));
        assertTrue(r.stepStarted());
        assertNoProcessLeft(home);
    }

    @Test
    void poolExhaustionIsDetected() {
        StandinServer home = StandinServer.create(dir).identityClient("5.7.0", "5.11.0", true).scenario("pool");
        ServerResult r = run(home, IDENTITY_FLAGS, IDENTITY_PROOF, Duration.ofSeconds(20));
        assertEquals(ServerResult.Status.POOL_EXHAUSTED, r.status());
        assertTrue(r.migrationErrors().get(0).contains("Unable to fetch a connection in 60 seconds"));
        assertTrue(r.toException().hint().contains("[indexing] frequency = 10"));
        assertNoProcessLeft(home);
    }

    @Test
    void hangTimesOutAndNoProcessIsLeftEvenWhenSigtermIsIgnored() {
        StandinServer home = StandinServer.create(dir).scenario("hang");
        ServerResult r = run(home, List.of(), List.of(), Duration.ofSeconds(2));
        assertEquals(ServerResult.Status.TIMED_OUT, r.status());
        assertEquals(ErrorCode.SERVER_TIMEOUT, r.toException().code());
        long pid = home.pid("wso2carbon.pid").orElseThrow();
        long child = home.pid("standin-child.pid").orElseThrow();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "server process left");
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "child process left");
        assertTrue(events.stream().anyMatch(e -> e.level() == UpgradeEvent.Level.WARN
                && e.message().contains("killing it")));
    }

    @Test
    void crashReportsTheLogTail() {
        StandinServer home = StandinServer.create(dir).scenario("crash");
        ServerResult r = run(home, List.of(), List.of(), Duration.ofSeconds(20));
        assertEquals(ServerResult.Status.CRASHED, r.status());
        assertEquals(3, r.exitCode());
        UpgradeException e = r.toException();
        assertEquals(ErrorCode.SERVER_FAILED, e.code());
        assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
        // the JVM's last words are on the console, not in the log
        assertTrue(e.getMessage().contains("Terminating due to java.lang.OutOfMemoryError: Java heap space"), e.getMessage());
    }

    @Test
    void missingIdentityClientJarFailsFastWithTheFix() {
        StandinServer home = StandinServer.create(dir);
        ServerResult r = run(home, IDENTITY_FLAGS, IDENTITY_PROOF, Duration.ofSeconds(30));
        assertEquals(ServerResult.Status.CLIENT_MISSING, r.status());
        UpgradeException e = r.toException();
        assertTrue(e.getMessage().contains("Waiting for migration client."));
        assertTrue(e.hint().contains("repository/components/dropins"), e.hint());
        assertNoProcessLeft(home);
    }

    @Test
    void apimFlagsWithoutTheClientJarMigrateNothingAndFail() {
        StandinServer home = StandinServer.create(dir);
        ServerResult r = run(home, APIM_FLAGS, APIM_PROOF, Duration.ofSeconds(20));
        assertEquals(ServerResult.Status.CLIENT_DID_NOT_RUN, r.status());
        assertFalse(home.runs().stream().anyMatch(l -> l.startsWith("apim-migrated")));
    }

    @Test
    void linesOfEarlierRunsAreIgnored() throws Exception {
        StandinServer home = StandinServer.create(dir).dropin(StandinServer.APIM_JAR)
                .write("repository/logs/wso2carbon.log", "TID: [-1234] [] [2022-01-01 10:00:00,000] ERROR "
                        + "{org.wso2.carbon.apimgt.migration.APIMMigrationClient} - WSO2 API-M Migration Task : old failure\n");
        ServerResult r = run(home, APIM_FLAGS, APIM_PROOF, Duration.ofSeconds(20));
        assertEquals(ServerResult.Status.SUCCEEDED, r.status(), r.migrationErrors().toString());
        assertTrue(home.runs().contains("apim-migrated from=2.6.0 to=4.1.0 hops=5"), home.runs().toString());
        assertNull(r.exitCode());
        assertTrue(Files.readString(home.home().resolve("repository/logs/wso2carbon.log")).contains("old failure"));
    }

    @Test
    void interruptingTheBuildThreadStopsTheServer() throws Exception {
        StandinServer home = StandinServer.create(dir).scenario("hang");
        ServerResult[] result = new ServerResult[1];
        Thread build = new Thread(() -> result[0] = run(home, List.of(), List.of(), Duration.ofSeconds(50)));
        build.start();
        for (int i = 0; i < 100 && home.pid("standin-child.pid").isEmpty(); i++) {
            Thread.sleep(100);
        }
        long pid = home.pid("wso2carbon.pid").orElseThrow();
        build.interrupt();
        build.join(30_000);
        assertFalse(build.isAlive());
        assertEquals(ServerResult.Status.INTERRUPTED, result[0].status());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "server left after interrupt");
        long child = home.pid("standin-child.pid").orElseThrow();
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "child left after interrupt");
    }

    @Test
    void aServerAlreadyRunningFromTheHomeIsRefused() {
        StandinServer home = StandinServer.create(dir).write("wso2carbon.pid", ProcessHandle.current().pid() + "\n");
        UpgradeException e = org.junit.jupiter.api.Assertions.assertThrows(UpgradeException.class,
                () -> run(home, List.of(), List.of(), Duration.ofSeconds(20)));
        assertEquals(ErrorCode.SERVER_RUNNING, e.code());
        assertTrue(e.hint().contains("bin/api-manager.sh stop"), e.hint());
        assertEquals(List.of(), home.runs(), "nothing was started");
    }

    @Test
    void aPidReusedByAProcessStartedAfterThePidFileIsIgnored() throws Exception {
        StandinServer home = StandinServer.create(dir).write("wso2carbon.pid", ProcessHandle.current().pid() + "\n");
        java.nio.file.Files.setLastModifiedTime(home.home().resolve("wso2carbon.pid"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2020-01-01T00:00:00Z")));
        assertEquals(ServerResult.Status.SUCCEEDED, run(home, List.of(), List.of(), Duration.ofSeconds(20)).status());
    }

    @Test
    void aStalePidFileIsIgnored() {
        StandinServer home = StandinServer.create(dir).write("wso2carbon.pid", "999999999\n");
        assertEquals(ServerResult.Status.SUCCEEDED, run(home, List.of(), List.of(), Duration.ofSeconds(20)).status());
    }

    private static void assertNoProcessLeft(StandinServer home) {
        home.pid("wso2carbon.pid").ifPresent(pid ->
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " left"));
    }

    // ---- the modes of issue 15: what the real clients do when they do not do their work ----

    @Test
    void identityClientDisabledInItsYamlMigratesNothingAndFails() {
        StandinServer home = StandinServer.create(dir).identityClient("5.7.0", "5.11.0", false);
        ServerResult r = run(home, IDENTITY_FLAGS, IDENTITY_PROOF, Duration.ofSeconds(20));
        assertTrue(home.log().contains("Executing Migration client : org.wso2.carbon.is.migration.MigrationClientImpl"));
        assertEquals(ServerResult.Status.CLIENT_DID_NOT_RUN, r.status());
        assertFalse(r.stepStarted());
        String m = r.toException().getMessage();
        assertTrue(m.contains("a migration step started"), m);
        assertTrue(r.toException().hint().contains("migrationEnable"), r.toException().hint());
    }

    @Test
    void identityDisabledScenarioAndAnUnmatchedCurrentVersionBothFail() throws Exception {
        StandinServer home = StandinServer.create(dir).identityClient("5.7.0", "5.11.0", true).scenario("disabled");
        assertEquals(ServerResult.Status.CLIENT_DID_NOT_RUN, run(home, IDENTITY_FLAGS, IDENTITY_PROOF,
                Duration.ofSeconds(20)).status());
        StandinServer other = StandinServer.create(Files.createDirectories(dir.resolve("other")))
                .identityClient("5.x.x", "5.11.0", true);
        ServerResult r = run(other, IDENTITY_FLAGS, IDENTITY_PROOF, Duration.ofSeconds(20));
        assertEquals(ServerResult.Status.CLIENT_DID_NOT_RUN, r.status());
        assertFalse(other.runs().contains("identity-migrated"));
    }

    @Test
    void apimClientWithNoMatchingHopFailsDespiteItsSuccessLine() {
        StandinServer home = StandinServer.create(dir).dropin(StandinServer.APIM_JAR).scenario("nohop");
        ServerResult r = run(home, APIM_FLAGS, APIM_PROOF, Duration.ofSeconds(20));
        assertTrue(home.log().contains("Successfully completed API-M migration from 2.6.0 to 4.1.0"));
        assertTrue(home.log().contains("Activating ExtendedAPIMConfigService."));
        assertEquals(ServerResult.Status.CLIENT_DID_NOT_RUN, r.status());
        assertTrue(r.missingProofs().get(0).contains("2.6.0 -> 3.0.0"), r.missingProofs().toString());
    }

    @Test
    void apimClientCrashFailsAtOnceWithoutWaitingForTheTimeout() {
        StandinServer home = StandinServer.create(dir).dropin(StandinServer.APIM_JAR).scenario("client-crash");
        ServerResult r = run(home, APIM_FLAGS, APIM_PROOF, Duration.ofSeconds(50));
        assertEquals(ServerResult.Status.CLIENT_CRASHED, r.status());
        assertTrue(r.duration().compareTo(Duration.ofSeconds(20)) < 0, "decided at the crash, not at the timeout: " + r.duration());
        assertTrue(r.migrationErrors().get(0).contains("FrameworkEvent ERROR java.lang.NoSuchMethodError"), r.migrationErrors().toString());
        assertTrue(r.stepStarted());
        assertEquals(ErrorCode.MIGRATION_ERRORS_LOGGED, r.toException().code());
        assertTrue(r.toException().hint().contains("(one had)"), r.toException().hint());
        assertNoProcessLeft(home);
    }

    @Test
    void identityClientCrashInsideActivateFailsAtOnce() {
        StandinServer home = StandinServer.create(dir).identityClient("5.7.0", "5.11.0", true).scenario("client-crash");
        ServerResult r = run(home, IDENTITY_FLAGS, IDENTITY_PROOF, Duration.ofSeconds(50));
        assertEquals(ServerResult.Status.CLIENT_CRASHED, r.status());
        assertTrue(r.migrationErrors().get(0).contains("The activate method has thrown an exception"));
    }

    @Test
    void theKernelsStartupFinalizerFailureIsACrash() {
        StandinServer home = StandinServer.create(dir).dropin(StandinServer.APIM_JAR).scenario("finalizer");
        ServerResult r = run(home, APIM_FLAGS, APIM_PROOF, Duration.ofSeconds(50));
        assertEquals(ServerResult.Status.CLIENT_CRASHED, r.status());
        assertTrue(r.migrationErrors().get(0).startsWith("FATAL {org.wso2.carbon.core.internal.StartupFinalizerServiceComponent}"));
    }

    @Test
    void customisedLogPatternsAreRead() throws Exception {
        for (String pattern : List.of("pattern-tenant", "pattern-short")) {
            StandinServer home = StandinServer.create(Files.createDirectories(dir.resolve(pattern)))
                    .dropin(StandinServer.APIM_JAR).scenario(pattern);
            ServerResult r = run(home, APIM_FLAGS, APIM_PROOF, Duration.ofSeconds(20));
            // the proofs are only found when the lines are parsed: a misread pattern fails as CLIENT_DID_NOT_RUN
            assertEquals(ServerResult.Status.SUCCEEDED, r.status(), pattern + ": " + r.logTail());
            assertFalse(home.log().startsWith("TID: [-1234] []"), home.log());
        }
    }

    @Test
    void anUnreadableLogPatternFailsFastNamingThePattern() {
        StandinServer home = StandinServer.create(dir).dropin(StandinServer.APIM_JAR).scenario("pattern-console")
                .write("repository/conf/log4j2.properties", "appender.CARBON_LOGFILE.layout.pattern = [%d] %5p - %c{1} %m%n\n");
        ServerResult r = run(home, APIM_FLAGS, APIM_PROOF, Duration.ofSeconds(50));
        assertEquals(ServerResult.Status.LOG_UNREADABLE, r.status());
        String m = r.toException().getMessage();
        assertTrue(m.contains("[%d] %5p - %c{1} %m%n"), m);
        assertTrue(r.duration().compareTo(Duration.ofSeconds(20)) < 0, r.duration().toString());
    }

    @Test
    void warnFindingsOfTheValidationAreReported() {
        StandinServer home = StandinServer.create(dir).dropin(StandinServer.APIM_JAR).scenario("warn");
        ServerResult r = run(home, PRE_FLAGS, PRE_PROOF, Duration.ofSeconds(20));
        assertEquals(ServerResult.Status.SUCCEEDED, r.status(), r.logTail().toString());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains("Legacy, version: 0.9") && r.warnings().get(0)
                .contains("will be skipped at migration"), r.warnings().get(0));
    }

    @Test
    void poolExhaustionAfterAStepStartedIsMarked() {
        StandinServer home = StandinServer.create(dir).identityClient("5.7.0", "5.11.0", true).scenario("pool-mid");
        ServerResult r = run(home, IDENTITY_FLAGS, IDENTITY_PROOF, Duration.ofSeconds(20));
        assertEquals(ServerResult.Status.POOL_EXHAUSTED, r.status());
        assertTrue(r.stepStarted());
        StandinServer before = StandinServer.create(dir.resolve("before")).identityClient("5.7.0", "5.11.0", true).scenario("pool");
        ServerResult b = run(before, IDENTITY_FLAGS, IDENTITY_PROOF, Duration.ofSeconds(20));
        assertEquals(ServerResult.Status.POOL_EXHAUSTED, b.status());
        assertFalse(b.stepStarted());
    }

    @Test
    void errorsInRotatedLogFilesAreAllCounted() throws Exception {
        StandinServer home = StandinServer.create(dir).dropin(StandinServer.APIM_JAR).scenario("rotate");
        ServerResult r = run(home, APIM_FLAGS, APIM_PROOF, Duration.ofSeconds(50));
        assertEquals(ServerResult.Status.MIGRATION_ERRORS, r.status());
        assertEquals(5, r.migrationErrorCount(), r.migrationErrors().toString());
        try (var files = Files.list(home.home().resolve("repository/logs"))) {
            assertEquals(6, files.count(), "five rotated files and the live one");
        }
    }
}
