package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.path.ClientProofs;
import io.github.apimupgrade.core.testsupport.StandinServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 4.1.0 -> 4.2.0 clients' lines (the stand-in's 4.2.0 block) against that hop's proofs in client-proofs.yaml:
 * the identity run 5.11.0 -> 6.0.0, the 4.2.0 API-M client's one hop (V420Migration, no SQL script) and its
 * pre-validation, which 4.2.0.21 cannot do for a 4.1.0 source.
 */
@DisabledOnOs(OS.WINDOWS)
@Timeout(60)
class CarbonServerStandin420Test {
    private static final String APIM_420_JAR = "org.wso2.carbon.apimgt.migrate.client-4.2.0.21.jar";
    private static final List<String> IDENTITY_FLAGS = List.of("-Dmigrate", "-Dcomponent=identity");
    private static final List<String> APIM_FLAGS = List.of("-Dmigrate", "-DmigrateFromVersion=4.1.0", "-DmigratedVersion=4.2.0");
    private static final List<String> PRE_FLAGS = List.of("-Dmigrate", "-DmigrateFromVersion=4.1.0", "-DmigratedVersion=4.2.0",
            "-DrunPreMigration");
    private static final ClientProofs.Hop HOP = ClientProofs.load().hop("4.1.0", "4.2.0").orElseThrow();

    @TempDir
    Path dir;
    private final List<UpgradeEvent> events = new CopyOnWriteArrayList<>();

    private ServerResult run(StandinServer home, List<String> flags, List<LogProof> proof) {
        Duration timeout = Duration.ofSeconds(20);
        CarbonServer server = new CarbonServer(ProcessLauncher.system(), events::add, "test",
                StandinServer.options(timeout), Clock.systemUTC(), Sleeper.system(), false);
        return server.run(new ServerRun(home.home(), "api-manager", flags, "test run", timeout, proof));
    }

    /**
     * The identity client's migration-config.yaml for 5.11.0 -> 6.0.0, reduced to the one 6.0.0 migrator the 4.2.0
     * guides name (SchemaMigrator, order 4, step3/consent), and a 5.11.0 entry the run must not reach.
     */
    private StandinServer identity6(String current) {
        return StandinServer.create(dir).dropin(StandinServer.IDENTITY_JAR).write("migration-resources/migration-config.yaml", """
                migrationEnable: "true"
                currentVersion: "%s"
                migrateVersion: "6.0.0"
                continueOnError: "true"
                versions:
                  -
                    version: "5.11.0"
                    migratorConfigs:
                    -
                      name: "GroupsAndRolesMigrator"
                      order: 4
                  -
                    version: "6.0.0"
                    migratorConfigs:
                    -
                      name: "SchemaMigrator"
                      order: 4
                      parameters:
                        location: "step3"
                        schema: "consent"
                """.formatted(current)).toml("[user_store]\ntype = \"database\"\n");
    }

    @Test
    void identityRunFrom511To600RunsOnly600AndMeetsTheHopsProofs() {
        StandinServer home = identity6("5.11.0");
        ServerResult r = run(home, IDENTITY_FLAGS, HOP.identity());
        assertEquals(ServerResult.Status.SUCCEEDED, r.status(), r.logTail().toString());
        assertTrue(home.log().contains("Version : 6.0.0, Migration Step : SchemaMigrator of order : 4 is starting"), home.log());
        assertFalse(home.log().contains("Version : 5.11.0, Migration Step"), "5.11.0 is the current version: none of its steps runs");
        assertTrue(home.runs().contains("identity-migrated"));
    }

    @Test
    void anEarlierCurrentVersionAlsoRuns511sStepsWhichTheProofsCannotTellApart() {
        // a 2.6.0-era currentVersion runs 5.11.0's steps too: the 4.1.0 -> 4.2.0 proofs still pass on the 6.0.0 step,
        // so what tells the two apart is migration-config.yaml, which migrate-identity writes (currentVersion 5.11.0)
        StandinServer home = identity6("5.10.0");
        ServerResult r = run(home, IDENTITY_FLAGS, HOP.identity());
        assertEquals(ServerResult.Status.SUCCEEDED, r.status());
        assertTrue(home.log().contains("Version : 5.11.0, Migration Step : GroupsAndRolesMigrator of order : 4 is starting"));
    }

    @Test
    void apimHop410To420LogsV420sLinesWithoutAnyScriptAndMeetsTheProofs() {
        StandinServer home = StandinServer.create(dir).dropin(APIM_420_JAR);
        ServerResult r = run(home, APIM_FLAGS, HOP.apim());
        assertEquals(ServerResult.Status.SUCCEEDED, r.status(), r.logTail().toString());
        assertTrue(r.stepStarted(), "V420Migration's start line is the client's first change");
        String log = home.log();
        assertTrue(log.contains("{org.wso2.carbon.apimgt.migration.migrator.client.V420Migration} - WSO2 API-M Migration Task : "
                + "Starting migration from 4.1.0 to 4.2.0..."), log);
        assertTrue(log.contains("Starting RXT migration using api.rxt at " + home.home() + "/migration-resources/rxts/4.2.0/api.rxt"));
        assertFalse(log.contains("Executing SQL script at"), "the 4.2.0 client runs no AM_DB script for this hop");
        assertTrue(log.contains("Successfully completed API-M migration from 4.1.0 to 4.2.0"));
        assertEquals("apim-migrated from=4.1.0 to=4.2.0 hops=1", home.runs().get(home.runs().size() - 1));
    }

    @Test
    void aRegistryErrorOfTheV420HopFailsAlthoughTheClientClaimsSuccess() {
        StandinServer home = StandinServer.create(dir).dropin(APIM_420_JAR).scenario("errors");
        ServerResult r = run(home, APIM_FLAGS, HOP.apim());
        assertTrue(home.log().contains("Successfully completed API-M migration from 4.1.0 to 4.2.0"));
        assertEquals(ServerResult.Status.MIGRATION_ERRORS, r.status());
        assertTrue(r.migrationErrors().get(0).contains("Error occurred while accessing the registry for tenant -1234(carbon.super)"),
                r.migrationErrors().toString());
        assertEquals(ErrorCode.MIGRATION_ERRORS_LOGGED, r.toException().code());
    }

    @Test
    void theHopsProofsRefuseAClientWithoutTheV420Hop() {
        // the 4.1.0 client (no V420Migration) given -DmigrateFromVersion=4.1.0 matches no hop and still logs success
        StandinServer home = StandinServer.create(dir).dropin(StandinServer.APIM_JAR).scenario("nohop");
        ServerResult r = run(home, APIM_FLAGS, HOP.apim());
        assertTrue(home.log().contains("Successfully completed API-M migration from 4.1.0 to 4.2.0"));
        assertEquals(ServerResult.Status.CLIENT_DID_NOT_RUN, r.status());
        assertTrue(r.missingProofs().get(0).contains("4.1.0 -> 4.2.0"), r.missingProofs().toString());
    }

    @Test
    void preValidationOfA410SourceWith42021FailsOnItsNullUtilities() {
        StandinServer home = StandinServer.create(dir).dropin(APIM_420_JAR).scenario("null-utils");
        ServerResult r = run(home, PRE_FLAGS, HOP.preValidation());
        assertEquals(ServerResult.Status.MIGRATION_ERRORS, r.status(), r.logTail().toString());
        assertTrue(r.migrationErrors().get(0).contains("Error while running the pre-migration validation"), r.migrationErrors().toString());
        assertFalse(home.log().contains("Successfully completed apiAvailabilityValidation"));
    }

    @Test
    void preValidationThatCompletesMeetsTheHopsProofs() {
        StandinServer home = StandinServer.create(dir).dropin(APIM_420_JAR);
        ServerResult r = run(home, PRE_FLAGS, HOP.preValidation());
        assertEquals(ServerResult.Status.SUCCEEDED, r.status(), r.logTail().toString());
        assertEquals("pre-validation flags=" + String.join(" ", PRE_FLAGS) + " user_store=", home.runs().get(0));
    }
}
