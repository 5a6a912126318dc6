package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.testsupport.StandinServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(90)
class MigrateApimStepTest extends ServerStepTestSupport {
    private static final String FLAGS = "-Dmigrate -DmigrateFromVersion=2.6.0 -DmigratedVersion=4.1.0";

    private final MigrateApimStep step = new MigrateApimStep();

    @BeforeEach
    void oldHomeHasATenantUserStore() throws Exception { // runs after the base class created f
        Path userstores = Files.createDirectories(f.oldHome.resolve("repository/tenants/1/userstores"));
        Files.writeString(userstores.resolve("ldap_example_com.xml"), "<UserStoreManager/>\n");
        Files.createDirectories(f.oldHome.resolve("repository/tenants/1/synapse-configs"));
    }

    @Test
    void validatesMigratesRemovesTheClientAndCopiesTenantUserStores() throws Exception {
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        assertEquals(List.of(PlannedAction.Kind.FILE_COPY, PlannedAction.Kind.SERVER_RUN, PlannedAction.Kind.SERVER_RUN,
                PlannedAction.Kind.FILE_DELETE, PlannedAction.Kind.FILE_COPY, PlannedAction.Kind.FILE_DELETE),
                plan.actions().stream().map(PlannedAction::kind).toList());
        assertTrue(plan.actions().get(1).summary().contains(FLAGS + " -DrunPreMigration"), plan.actions().get(1).summary());
        step.apply(plan, ctx);
        assertEquals(List.of("pre-validation flags=" + FLAGS + " -DrunPreMigration user_store=database_unique_id",
                "apim flags=" + FLAGS + " user_store=database_unique_id", "apim-migrated from=2.6.0 to=4.1.0 hops=5"),
                f.server.runs());
        assertFalse(f.exists("repository/components/dropins/" + StandinServer.APIM_JAR));
        assertFalse(f.exists("migration-resources"));
        assertEquals("<UserStoreManager/>\n",
                Files.readString(f.newHome().resolve("repository/tenants/1/userstores/ldap_example_com.xml")));
    }

    @Test
    void aFailureAfterTheMigrationRunDoesNotMigrateAgainOnRetry() throws Exception {
        // a directory where a tenant user store file must go: the copy after the migration run fails
        Files.createDirectories(f.newHome().resolve("repository/tenants/1/userstores/ldap_example_com.xml/inside"));
        StepContext ctx = f.context();
        StepPlan first = step.plan(ctx);
        assertThrows(UpgradeException.class, () -> step.apply(first, ctx));
        assertTrue(f.exists(".apim-upgrade/migrate-apim.run-succeeded"));
        assertFalse(f.exists("repository/components/dropins/" + StandinServer.APIM_JAR), "cleanup ran after the failure");
        List<String> runsBefore = f.server.runs();

        Files.delete(f.newHome().resolve("repository/tenants/1/userstores/ldap_example_com.xml/inside"));
        Files.delete(f.newHome().resolve("repository/tenants/1/userstores/ldap_example_com.xml"));
        StepPlan retry = step.plan(ctx);
        assertTrue(retry.actions().stream().noneMatch(a -> a.kind() == PlannedAction.Kind.SERVER_RUN));
        step.apply(retry, ctx);
        assertEquals(runsBefore, f.server.runs(), "no second migration run");
        assertEquals("<UserStoreManager/>\n",
                Files.readString(f.newHome().resolve("repository/tenants/1/userstores/ldap_example_com.xml")));
        assertFalse(f.exists(".apim-upgrade/migrate-apim.run-succeeded"));
    }

    @Test
    void invalidApiDefinitionsFailTheBuildListingEachApiBeforeAnyMigration() {
        f.server.scenario("invalid");
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.apply(plan, ctx));
        assertEquals(UpgradeException.Kind.USER, e.kind());
        assertEquals(ErrorCode.MIGRATION_ERRORS_LOGGED, e.code());
        assertTrue(e.getMessage().contains("  - API PizzaShackAPI 1.0.0 (provider admin): OpenAPI definition invalid: "
                + "ErrorMessage: attribute paths is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("  - API Orders 2.1.0 (provider alice@example.com): OpenAPI definition invalid: "
                + "ErrorMessage: attribute info.title is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("  - API Legacy 0.9 (provider admin): Unable to find the API {name: Legacy, "
                + "version: 0.9, provider: admin} in the database"), e.getMessage());
        assertTrue(e.getMessage().contains("found 3 problem(s)"), e.getMessage());
        assertEquals(1, f.server.runs().size(), "no migration run after a failed validation: " + f.server.runs());
        assertFalse(f.exists("repository/components/dropins/" + StandinServer.APIM_JAR));
        assertFalse(f.exists("migration-resources"));
    }

    @Test
    void errorLinesFollowedBySuccessfullyCompletedFail() {
        f.server.scenario("errors");
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.apply(plan, ctx));
        assertEquals(ErrorCode.MIGRATION_ERRORS_LOGGED, e.code());
        assertEquals(UpgradeException.Kind.ENVIRONMENT, e.kind());
        assertTrue(e.getMessage().contains("Error occurred while migrating databases"), e.getMessage());
        assertTrue(f.server.log().contains("Successfully completed API-M migration from 2.6.0 to 4.1.0"));
        assertFalse(f.exists("repository/components/dropins/" + StandinServer.APIM_JAR));
        assertFalse(f.exists("repository/tenants/1/userstores/ldap_example_com.xml"), "no copy after a failure");
    }

    @Test
    void aLeftoverClientJarIsRemovedBeforeTheRun() throws Exception {
        f.server.dropin("org.wso2.carbon.is.migration-1.0.100.jar");
        StepPlan plan = step.plan(f.context());
        assertEquals(PlannedAction.Kind.FILE_DELETE, plan.actions().get(0).kind());
        assertTrue(plan.actions().get(0).summary().contains("org.wso2.carbon.is.migration-1.0.100.jar"));
    }

    @Test
    void path300to310RunsNoClientUnlessConfigured() {
        f.from = "3.0.0";
        f.to = "3.1.0";
        f.options = new io.github.apimupgrade.core.api.ServerOptions(null, "", java.time.Duration.ofSeconds(20),
                java.time.Duration.ofSeconds(20), java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(1),
                f.identityClient, null, List.of(), true, null, java.time.Duration.ZERO);
        f.server.write("bin/wso2server.sh", "exit 1\n");
        StepPlan plan = step.plan(f.context());
        assertTrue(plan.actions().stream().noneMatch(a -> a.kind() == PlannedAction.Kind.SERVER_RUN));
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("runs no API-M migration client")), plan.notes().toString());
    }
}
