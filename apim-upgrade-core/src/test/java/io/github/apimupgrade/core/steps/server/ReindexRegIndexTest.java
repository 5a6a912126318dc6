package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.db.DbFixtures;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.testsupport.Apim300Fixtures;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * reindex on 3.0.0 -> 3.1.0 compacts REG_LOG on SHARED_DB (seed 004 step 2.6.1) before the re-index start, on the
 * 3.0.0-era registry fixture: the plan shows the SQL and changes nothing; apply leaves the rows WSO2's reg-index.sql
 * leaves; a re-run changes nothing.
 */
@DisabledOnOs(OS.WINDOWS)
@Timeout(90)
class ReindexRegIndexTest {
    /** fixtures/apim-300 seed-shared_db.sql: newest row per (path, tenant) = 4, 5 (action 7), 8, 9 (action 7), 10. */
    private static final List<Integer> LEFT = List.of(4, 8, 10);

    @TempDir
    Path dir;
    private ServerStepFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new ServerStepFixture(dir);
        f.from = "3.0.0";
        f.to = "3.1.0";
        f.server.toml(ServerStepFixture.TOML + "\n[indexing]\nfrequency = 1\n"); // the indexer-finished wait in seconds
    }

    @Test
    void h2RegLogIsCompactedBeforeTheStart() throws Exception {
        compactsThenStarts(TestDatabases.h2Url(), "sa", "", "h2");
    }

    @Test
    void postgresRegLogIsCompactedBeforeTheStart() throws Exception {
        try (TestDatabases.TestDb t = TestDatabases.postgres()) {
            compactsThenStarts(t.url(), t.user(), t.password(), "postgresql");
        }
    }

    private void compactsThenStarts(String url, String user, String password, String dialect) throws Exception {
        try (Databases dbs = new Databases(Map.of(DatasourceRole.SHARED_DB,
                DbFixtures.datasource("WSO2_SHARED_DB", url, user, password)), new Redactor())) {
            try (Connection c = dbs.get(DatasourceRole.SHARED_DB).connect()) {
                Apim300Fixtures.load(c, dialect, "shared_db", "seed-shared_db");
            }
            StepContext base = f.context();
            StepContext ctx = new StepContext(base.request(), base.oldHome(), base.newHome(), base.path(),
                    base.workspace(), dbs, base.events(), base.redactor(), base.journal(), base.clock(), base.processes());
            ReindexStep step = new ReindexStep();

            StepPlan plan = step.plan(ctx);
            assertEquals(List.of(PlannedAction.Kind.SQL, PlannedAction.Kind.FILE_WRITE, PlannedAction.Kind.SERVER_RUN),
                    plan.actions().stream().map(PlannedAction::kind).toList());
            PlannedAction sql = plan.actions().get(0);
            assertTrue(sql.summary().startsWith("run reg-index/" + dialect + ".sql on WSO2_SHARED_DB (shared_db)"), sql.summary());
            assertTrue(sql.details().contains("REG_ACTION = 7"), sql.details());
            assertTrue(plan.manualActions().stream().noneMatch(m -> m.toString().contains("reg-index")), plan.manualActions().toString());
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), regLogIds(dbs), "plan() changed REG_LOG");

            step.apply(plan, ctx);
            assertEquals(LEFT, regLogIds(dbs));
            assertEquals(List.of("start flags= user_store=database_unique_id", "solr-files=2"), f.server.runs());

            step.apply(step.plan(ctx), ctx);
            assertEquals(LEFT, regLogIds(dbs), "a second run changed REG_LOG");
        }
    }

    private static List<Integer> regLogIds(Databases dbs) throws Exception {
        List<Integer> ids = new ArrayList<>();
        try (Connection c = dbs.get(DatasourceRole.SHARED_DB).connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT REG_LOG_ID FROM REG_LOG ORDER BY REG_LOG_ID")) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }
}
