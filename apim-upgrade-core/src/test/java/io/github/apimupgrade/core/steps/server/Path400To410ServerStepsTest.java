package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.testsupport.StandinServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server steps on the 4.0.0 -> 4.1.0 path, as paths.yaml states them: migrate-apim first adds the guide's
 * registry indexes (step 1.5) to the shared database, then validates and migrates with the 4.0.0 flags (step 3);
 * the stand-in prints the 4.1.0 client's lines for the one hop V410Migration; reindex runs no SQL of its own.
 */
@Timeout(90)
class Path400To410ServerStepsTest extends ServerStepTestSupport {
    private static final String FLAGS = "-Dmigrate -DmigrateFromVersion=4.0.0 -DmigratedVersion=4.1.0";

    @BeforeEach
    void fourZeroRegistry() {
        f.from = "4.0.0";
        // carbon-kernel v4.6.2 (API-M 4.0.0) dbscripts/h2.sql: the two tables without the indexes 4.6.3 adds
        f.sql("CREATE TABLE REG_RESOURCE_TAG (REG_TAG_ID INTEGER NOT NULL, REG_VERSION INTEGER, REG_PATH_ID INTEGER, "
                + "REG_RESOURCE_NAME VARCHAR(256), REG_TENANT_ID INTEGER DEFAULT 0)");
        f.sql("CREATE TABLE REG_RESOURCE_PROPERTY (REG_PROPERTY_ID INTEGER NOT NULL, REG_VERSION INTEGER, REG_PATH_ID INTEGER, "
                + "REG_RESOURCE_NAME VARCHAR(256), REG_TENANT_ID INTEGER DEFAULT 0)");
    }

    @Test
    void migrateApimAddsTheRegistryIndexesThenValidatesAndMigratesFromFourZero() throws Exception {
        MigrateApimStep step = new MigrateApimStep();
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        assertEquals(List.of(PlannedAction.Kind.SQL, PlannedAction.Kind.FILE_COPY, PlannedAction.Kind.SERVER_RUN,
                        PlannedAction.Kind.SERVER_RUN, PlannedAction.Kind.FILE_DELETE, PlannedAction.Kind.FILE_DELETE),
                plan.actions().stream().map(PlannedAction::kind).toList());
        assertTrue(plan.actions().get(0).summary().contains("registry-indexes-400-to-410/h2.sql"), plan.actions().get(0).summary());
        assertFalse(indexed(), "4.0.0's registry has no index on REG_RESOURCE_TAG(REG_TAG_ID)");

        step.apply(plan, ctx);

        assertTrue(indexed(), "the guide's step 1.5 index exists");
        assertEquals(List.of("pre-validation flags=" + FLAGS + " -DrunPreMigration user_store=database_unique_id",
                "apim flags=" + FLAGS + " user_store=database_unique_id", "apim-migrated from=4.0.0 to=4.1.0 hops=1"),
                f.server.runs());
        assertTrue(f.server.log().contains("Completed migration from 4.0.0 to 4.1.0..."), "the client's hop line");
        assertFalse(f.exists("repository/components/dropins/" + StandinServer.APIM_JAR));
        assertFalse(f.exists("migration-resources"));

        // planned again (the journal, not the step, skips a completed step), the index statements are skipped by the runner
        StepContext second = f.context();
        PlannedAction sql = step.plan(second).actions().get(0);
        assertEquals(PlannedAction.Kind.SQL, sql.kind());
        step.apply(StepPlan.builder(MigrateApimStep.ID).action(sql).build(), second);
        assertTrue(indexed());
    }

    @Test
    void reindexRunsNoScriptOfItsOwnAndFinalizeLeavesGroupRoleSeparationAlone() throws Exception {
        StepPlan reindex = new ReindexStep().plan(f.context());
        assertTrue(reindex.actions().stream().noneMatch(a -> a.kind() == PlannedAction.Kind.SQL), reindex.actions().toString());
        StepPlan finalize = new FinalizeStep().plan(f.context());
        assertFalse(finalize.actions().stream().anyMatch(a -> a.details().contains("GroupAndRoleSeparationEnabled")),
                "the 4.0.0 -> 4.1.0 guide does not touch group and role separation");
    }

    private boolean indexed() throws Exception {
        try (Connection c = f.databases.get(io.github.apimupgrade.core.config.DatasourceRole.SHARED_DB).connect();
             ResultSet rs = c.getMetaData().getIndexInfo(null, null, "REG_RESOURCE_TAG", false, false)) {
            while (rs.next()) {
                if ("REG_RESOURCE_TAG_IND_BY_REG_TAG_ID".equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }
}
