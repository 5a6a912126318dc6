package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.testsupport.StandinServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(90)
class MigrateIdentityStepTest extends ServerStepTestSupport {
    private static final String RUN = "identity flags=-Dmigrate -Dcomponent=identity user_store=database";
    private static final String CONFIG_SEEN = "identity-config migrationEnable: true currentVersion: 5.7.0 "
            + "migrateVersion: 5.11.0 removed=all";

    private final MigrateIdentityStep step = new MigrateIdentityStep();

    @Test
    void planListsEverythingAndChangesNothing() {
        f.options = new io.github.apimupgrade.core.api.ServerOptions(dir.resolve("jdk11"), "-Xmx2g -Djavax.net.ssl.trustStorePassword=s3cr3tpw",
                Duration.ofSeconds(20), Duration.ofHours(6), Duration.ofSeconds(2), Duration.ofSeconds(1), f.identityClient,
                f.apimClient, List.of(), true, null, Duration.ZERO);
        var before = f.snapshot();
        StepPlan plan = step.plan(f.context());
        assertEquals(before, f.snapshot(), "plan() wrote something");
        List<PlannedAction.Kind> kinds = plan.actions().stream().map(PlannedAction::kind).toList();
        assertEquals(List.of(PlannedAction.Kind.SQL, PlannedAction.Kind.FILE_COPY, PlannedAction.Kind.FILE_WRITE,
                PlannedAction.Kind.FILE_WRITE, PlannedAction.Kind.SERVER_RUN, PlannedAction.Kind.FILE_DELETE,
                PlannedAction.Kind.FILE_WRITE, PlannedAction.Kind.FILE_DELETE), kinds);
        assertTrue(plan.actions().get(0).summary().startsWith("run identity-uma-ddl/h2.sql"), plan.actions().get(0).summary());
        assertTrue(plan.actions().get(0).details().contains("IDN_UMA_RESOURCE"));
        String yamlDiff = plan.actions().get(2).details();
        assertTrue(yamlDiff.contains("-currentVersion: \"5.x.x\"") && yamlDiff.contains("+currentVersion: \"5.7.0\""), yamlDiff);
        assertTrue(yamlDiff.contains("-      name: \"TenantPortalMigrator\""), yamlDiff);
        assertTrue(plan.actions().get(3).details().contains("+type = \"database\""));
        assertTrue(plan.actions().get(4).summary().contains("sh bin/api-manager.sh -Dmigrate -Dcomponent=identity"));
        assertTrue(plan.actions().get(4).summary().endsWith("timeout 6h 0m)"), plan.actions().get(4).summary());
        String run = plan.actions().get(4).details();
        assertTrue(run.contains("environment: JAVA_HOME=" + dir.resolve("jdk11") + " JAVA_OPTS=-Xmx2g "
                + "-Djavax.net.ssl.trustStorePassword=****"), run);
        assertFalse(run.contains("s3cr3tpw"));
        assertTrue(plan.manualActions().isEmpty(), plan.manualActions().toString());
    }

    @Test
    void cleanRunMigratesRemovesTheClientAndSwitchesTheUserStore() throws Exception {
        StepContext ctx = f.context();
        step.apply(step.plan(ctx), ctx);
        assertEquals(List.of(RUN, CONFIG_SEEN, "identity-migrated"), f.server.runs());
        try (Connection c = DriverManager.getConnection(f.apimDbUrl, "sa", "");
             ResultSet rs = c.getMetaData().getTables(null, null, "IDN_UMA_RESOURCE", null)) {
            assertTrue(rs.next(), "identity DDL ran before the identity migration");
        }
        assertFalse(f.exists("repository/components/dropins/" + StandinServer.IDENTITY_JAR));
        assertFalse(f.exists("migration-resources"));
        assertFalse(f.exists(".apim-upgrade/migrate-identity.run-succeeded"), "marker removed when the step completes");
        // database during the run, database_unique_id again afterwards: the file ends as it began
        assertEquals(ServerStepFixture.TOML, f.tomlText());
        try (var s = Files.list(f.toml().getParent())) {
            assertEquals(2, s.filter(p -> p.getFileName().toString().startsWith("deployment.toml.apim-upgrade-")).count());
        }
    }

    @Test
    void aRetryAfterTheRunSucceededFinishesTheStepWithoutMigratingAgain() throws Exception {
        f.server.toml(ServerStepFixture.TOML.replace("database_unique_id", "database"))
                .dropin(StandinServer.IDENTITY_JAR)
                .write(".apim-upgrade/migrate-identity.run-succeeded", "The identity migration succeeded at ...\n");
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        assertTrue(plan.warnings().stream().anyMatch(w -> w.contains("already succeeded")), plan.warnings().toString());
        assertTrue(plan.actions().stream().noneMatch(a -> a.kind() == PlannedAction.Kind.SERVER_RUN
                || a.kind() == PlannedAction.Kind.SQL || a.kind() == PlannedAction.Kind.FILE_COPY));
        step.apply(plan, ctx);
        assertEquals(List.of(), f.server.runs(), "not migrated again");
        assertEquals(ServerStepFixture.TOML, f.tomlText(), "the user store switch still happens");
        assertFalse(f.exists("repository/components/dropins/" + StandinServer.IDENTITY_JAR));
        assertFalse(f.exists(".apim-upgrade/migrate-identity.run-succeeded"));
    }

    @Test
    void anLdapRealmKeepsItsUserStoreTypeAndGetsTheUniqueIdMoveAsAManualAction() throws Exception {
        String ldapToml = ServerStepFixture.TOML.replace("database_unique_id", "read_write_ldap");
        f.server.toml(ldapToml);
        StepContext ctx = f.context();
        var plan = step.plan(ctx);
        assertTrue(plan.manualActions().stream().anyMatch(m -> m.what().contains("read_write_ldap_unique_id")),
                plan.manualActions().toString());
        step.apply(plan, ctx);
        assertTrue(f.server.runs().get(0).endsWith("user_store=read_write_ldap"), f.server.runs().toString());
        assertEquals(ldapToml, f.tomlText(), "neither during nor after the run is an LDAP realm pointed at a JDBC store");
    }

    @Test
    void aUsersOwnBundleWhoseNameMentionsMigrationIsNeverRemoved() throws Exception {
        f.server.dropin("acme-data-migrator-1.0.jar").dropin("org.wso2.carbon.is.migration-1.0.0.jar");
        StepContext ctx = f.context();
        step.apply(step.plan(ctx), ctx);
        assertTrue(f.exists("repository/components/dropins/acme-data-migrator-1.0.jar"));
        assertFalse(f.exists("repository/components/dropins/org.wso2.carbon.is.migration-1.0.0.jar"), "a leftover client is removed");
    }

    @Test
    void errorLinesFailTheStepAndTheClientIsStillRemoved() {
        f.server.scenario("errors");
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.apply(plan, ctx));
        assertEquals(ErrorCode.MIGRATION_ERRORS_LOGGED, e.code());
        assertTrue(e.getMessage().contains("Table 'IDN_OAUTH2_SCOPE_BINDING' doesn't exist"), e.getMessage());
        assertFalse(f.exists("repository/components/dropins/" + StandinServer.IDENTITY_JAR));
        assertFalse(f.exists("migration-resources"));
        assertTrue(f.server.runs().contains("identity-migrated"), "the client said it finished");
        assertFalse(f.exists(".apim-upgrade/migrate-identity.run-succeeded"), "a failed run is not recorded as done");
    }

    @Test
    void poolExhaustionIsRetriedOnceWithIndexingFrequencyTenThenReverted() throws Exception {
        f.server.scenario("pool");
        StepContext ctx = f.context();
        step.apply(step.plan(ctx), ctx);
        assertEquals(List.of(RUN, CONFIG_SEEN, RUN, CONFIG_SEEN, "identity-migrated"), f.server.runs());
        assertTrue(f.server.log().contains("PoolExhaustedException"));
        assertEquals(ServerStepFixture.TOML, f.tomlText(), "frequency reverted, user store switched back");
        assertTrue(f.events.stream().anyMatch(ev -> ev.message().contains("retrying once with [indexing] frequency = 10")));
    }

    @Test
    void poolExhaustionAfterAMigrationStepStartedIsNotRetried() throws Exception {
        f.server.scenario("pool-mid");
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.apply(plan, ctx));
        assertEquals(1, f.server.runs().stream().filter(RUN::equals).count(), "no second run on half-applied DDL");
        assertTrue(e.getMessage().contains("after a migration step had started"), e.getMessage());
        assertTrue(e.hint().startsWith("Restore the database backups"), e.hint());
        assertFalse(f.tomlText().contains("frequency = 10"));
        assertFalse(f.exists("repository/components/dropins/" + StandinServer.IDENTITY_JAR), "client removed after the failure");
    }

    @Test
    void poolExhaustionWithoutRetryFailsWithTheFix() throws Exception {
        f.server.scenario("pool");
        f.options = new io.github.apimupgrade.core.api.ServerOptions(null, "", Duration.ofSeconds(20), Duration.ofSeconds(20),
                Duration.ofSeconds(2), Duration.ofSeconds(1), f.identityClient, f.apimClient, List.of(), false, null, Duration.ZERO);
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.apply(plan, ctx));
        assertTrue(e.hint().contains("[indexing] frequency = 10"), e.hint());
        assertEquals(1, f.server.runs().stream().filter(RUN::equals).count());
        assertTrue(f.tomlText().contains("type = \"database\"\n"), "user store stays on database after a failure");
    }

    @Test
    void aClientJarTheServerDoesNotRecogniseFailsFastWithTheFix() throws Exception {
        Path other = ServerStepFixture.identityClientDirectory(dir.resolve("other-client"), "identity-tools-1.0.jar");
        f.options = new io.github.apimupgrade.core.api.ServerOptions(null, "", Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(2), Duration.ofSeconds(1), other, f.apimClient, List.of(), true, null, Duration.ZERO);
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.apply(plan, ctx));
        assertEquals(ErrorCode.SERVER_FAILED, e.code());
        assertTrue(e.getMessage().contains("Waiting for migration client."), e.getMessage());
        assertTrue(e.hint().contains("org.wso2.carbon.is.migration"), e.hint());
        assertFalse(f.exists("repository/components/dropins/identity-tools-1.0.jar"));
        assertNoProcessLeft();
    }

    @Test
    void hangTimesOutWithNoProcessLeft() {
        f.server.scenario("hang");
        f.options = f.options(Duration.ofSeconds(2));
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.apply(plan, ctx));
        assertEquals(ErrorCode.SERVER_TIMEOUT, e.code());
        assertNoProcessLeft();
        long child = f.server.pid("standin-child.pid").orElseThrow();
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(f.exists("migration-resources"));
    }

    @Test
    void crashFailsWithTheLogTail() {
        f.server.scenario("crash");
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.apply(plan, ctx));
        assertEquals(ErrorCode.SERVER_FAILED, e.code());
        assertTrue(e.getMessage().contains("OutOfMemoryError"), e.getMessage());
    }

    @Test
    void aMigratorTheGuideRemovesMissingFromTheClientFailsBeforeAnyChange() throws Exception {
        Path yaml = f.identityClient.resolve("migration-resources/migration-config.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("TenantPortalMigrator", "TenantPortalDataMigrator"));
        var before = f.snapshot();
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.plan(f.context()));
        assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
        assertTrue(e.getMessage().contains("TenantPortalMigrator (order 11)"), e.getMessage());
        assertEquals(before, f.snapshot());
    }

    @Test
    void path300to310HasNoIdentityDdlAndUsesWso2server() {
        f.from = "3.0.0";
        f.to = "3.1.0";
        StepPlan plan = step.plan(f.context());
        assertEquals(PlannedAction.Kind.FILE_COPY, plan.actions().get(0).kind());
        assertTrue(plan.actions().get(1).details().contains("+currentVersion: \"5.9.0\""));
        assertTrue(plan.actions().stream().anyMatch(a -> a.summary().contains("sh bin/wso2server.sh -Dmigrate -Dcomponent=identity")));
    }

    @Test
    void noClientConfiguredIsAUserError() {
        f.options = new io.github.apimupgrade.core.api.ServerOptions(null, "", Duration.ofSeconds(20), Duration.ofSeconds(20),
                Duration.ofSeconds(2), Duration.ofSeconds(1), null, null, List.of(), true, null, Duration.ZERO);
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.plan(f.context()));
        assertEquals(UpgradeException.Kind.USER, e.kind());
        assertEquals("apim.upgrade.identityMigrationClient", e.location());
    }

    /**
     * Issue 13: a kill -9 of the build left the server running; the next run re-copied the client jar and rewrote
     * migration-resources/ under it before refusing. Now the plan refuses and nothing is touched, whether the
     * evidence is the pid file or, with the pid file gone, the process naming the home.
     */
    @Test
    void aServerLeftRunningIsFoundWhenTheStepPlansAndNothingIsChanged() throws Exception {
        Process left = new ProcessBuilder("sh", f.server.home().resolve("bin/api-manager.sh").toString())
                .directory(f.server.home().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (!f.server.log().contains("WSO2 Carbon started") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            var before = f.snapshotBesideLiveServer();
            UpgradeException byPidFile = assertThrows(UpgradeException.class, () -> step.plan(f.context()));
            assertEquals(ErrorCode.SERVER_RUNNING, byPidFile.code());
            assertEquals(UpgradeException.Kind.USER, byPidFile.kind(), "a user error: the engine's plan-ahead pass stops the run");
            assertTrue(byPidFile.getMessage().contains("pid " + left.pid() + " in wso2carbon.pid is alive"), byPidFile.getMessage());
            assertTrue(byPidFile.getMessage().contains("nothing was changed"), byPidFile.getMessage());

            Files.delete(f.server.home().resolve("wso2carbon.pid"));
            UpgradeException byProcess = assertThrows(UpgradeException.class, () -> step.plan(f.context()));
            assertTrue(byProcess.getMessage().contains("process " + left.pid() + " "), byProcess.getMessage());
            before.remove("wso2carbon.pid");
            assertEquals(before, f.snapshotBesideLiveServer(), "the plan changed something under the live server");
        } finally {
            left.destroy();
            left.waitFor();
        }
        step.plan(f.context()); // once it is stopped, the step plans again
    }

    private void assertNoProcessLeft() {
        f.server.pid("wso2carbon.pid").ifPresent(pid ->
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process left: " + pid));
    }
}
