package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.journal.DatabaseJournal;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: the identity migration's success is recorded (run marker and the databases' history) as soon as the log
 * proves it, while the server is still running, so a run killed during the server's shutdown does not migrate again.
 */
@Timeout(90)
class RunSuccessRecordTest extends ServerStepTestSupport {
    private static final String RUN = "identity flags=-Dmigrate -Dcomponent=identity user_store=database";

    @Test
    void theSuccessIsRecordedBeforeTheServerStopsAndTheNextAttemptDoesNotMigrateAgain() throws Exception {
        MigrateIdentityStep step = new MigrateIdentityStep();
        DatabaseJournal history = new DatabaseJournal(f.databases, id -> step.databaseRoles(), Clock.systemUTC(),
                "run-1", f.newHome(), EventSink.discard());
        Path marker = f.newHome().resolve(".apim-upgrade/migrate-identity.run-succeeded");
        Path pid = f.newHome().resolve("wso2carbon.pid");
        Path log = f.newHome().resolve("repository/logs/wso2carbon.log");
        List<String> atSuccess = new CopyOnWriteArrayList<>();
        StepContext ctx = f.context().withRunHistory((stepId, what) -> {
            try {
                atSuccess.add("marker " + Files.exists(marker));
                atSuccess.add("server running " + (Files.exists(pid) && !Files.readString(log).contains("Shutting down")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            history.migrationRunSucceeded(stepId, what);
            atSuccess.add("database " + (history.read(stepId, Set.of()).run() != null));
            // the run dies here, while the server would be stopping (kill -9 of Maven)
            throw new IllegalStateException("killed during the server's shutdown");
        });

        assertThrows(RuntimeException.class, () -> step.apply(step.plan(ctx), ctx));
        assertEquals(List.of("marker true", "server running true", "database true"), atSuccess);
        assertTrue(Files.exists(marker));
        assertFalse(Files.exists(pid), "the server was stopped all the same");
        assertEquals(List.of(RUN, "identity-config migrationEnable: true currentVersion: 5.7.0 migrateVersion: 5.11.0 "
                + "removed=all", "identity-migrated"), f.server.runs());
        DatabaseJournal.Fact fact = history.read("migrate-identity", Set.of()).run();
        // one H2 database plays both roles here; it is named after either datasource
        assertTrue(fact.describe().matches("migration run succeeded, recorded in (WSO2AM_DB|WSO2_SHARED_DB)'s "
                + "APIM_UPGRADE_HISTORY at .*"), fact.describe());
        assertTrue(fact.describe().endsWith("by run run-1 from home " + f.newHome().toAbsolutePath().normalize()
                + " (identity migration 5.7.0 -> 5.11.0)"), fact.describe());

        // the next attempt finishes the step without a second migration
        StepContext again = f.context();
        StepPlan plan = step.plan(again);
        assertTrue(plan.actions().stream().noneMatch(a -> a.kind() == PlannedAction.Kind.SERVER_RUN));
        step.apply(plan, again);
        assertEquals(3, f.server.runs().size(), "migrated again: " + f.server.runs());
    }

    @Test
    void aFailedRunRecordsNothing() throws Exception {
        f.server.scenario("stopped");
        MigrateIdentityStep step = new MigrateIdentityStep();
        List<String> recorded = new CopyOnWriteArrayList<>();
        StepContext ctx = f.context().withRunHistory((stepId, what) -> recorded.add(stepId));
        assertThrows(UpgradeException.class, () -> step.apply(step.plan(ctx), ctx));
        assertEquals(List.of(), recorded);
        assertFalse(Files.exists(f.newHome().resolve(".apim-upgrade/migrate-identity.run-succeeded")));
    }
}
