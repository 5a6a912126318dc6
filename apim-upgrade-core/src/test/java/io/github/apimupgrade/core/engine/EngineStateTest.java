package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.api.DatasourceOverride;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.HistoryTable;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.journal.StepState;
import io.github.apimupgrade.core.report.RunReport;
import io.github.apimupgrade.core.server.ProcessLauncher;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepCatalog;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.testsupport.LegacyHomeFixture;
import io.github.apimupgrade.core.testsupport.NewHomeFixture;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's state: what the databases remember (step-level rows in APIM_UPGRADE_HISTORY, read by a second new
 * home), the state read under the locks, and single goals out of order. The steps are test steps declaring the real
 * steps' database roles; a migration step counts its migrations in a file shared by every home.
 */
class EngineStateTest {
    private static final Set<DatasourceRole> SERVER_ROLES = Set.of(DatasourceRole.APIM_DB, DatasourceRole.SHARED_DB,
            DatasourceRole.USER_DB, DatasourceRole.CONFIG_DB);

    @TempDir
    Path dir;
    final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
    /** Steps that block in apply until released (the race test). */
    final Map<String, CountDownLatch[]> blockers = new ConcurrentHashMap<>();
    /** This step throws right after its migration run. */
    volatile String failAfterMigration;

    /** A step of the 2.6.0 -> 4.1.0 path: writes its id to the new home's markers.txt; "migrations" also migrate. */
    private final class TestStep implements Step {
        private final String id;
        private final Set<DatasourceRole> roles;
        private final boolean homeChanges;
        private final boolean migrates;

        TestStep(String id, Set<DatasourceRole> roles, boolean homeChanges, boolean migrates) {
            this.id = id;
            this.roles = roles;
            this.homeChanges = homeChanges;
            this.migrates = migrates;
        }

        @Override public String id() { return id; }
        @Override public String title() { return "test " + id; }
        @Override public Set<DatasourceRole> databaseRoles() { return roles; }
        @Override public boolean changesNewHome() { return homeChanges; }

        @Override
        public StepPlan plan(StepContext ctx) {
            roles.forEach(r -> ctx.databases().find(r));
            StepPlan.Builder plan = StepPlan.builder(id);
            if (migrates && !ctx.workspace().exists(JournalFile.runMarker(ctx.newHome().home(), id))) {
                plan.action(new MigrationRun(id));
            }
            Path marker = ctx.newHome().home().resolve("markers.txt");
            String before = ctx.workspace().read(marker).orElse("");
            return plan.action(WriteFileAction.of(marker, "markers.txt", before, before + id + "\n", ctx.redactor()::redact))
                    .build();
        }

        @Override
        public io.github.apimupgrade.core.steps.StepOutcome apply(StepPlan plan, StepContext ctx) {
            CountDownLatch[] block = blockers.get(id);
            if (block != null) {
                block[0].countDown();
                await(block[1]);
            }
            applied.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            return Step.super.apply(plan, ctx);
        }
    }

    /** Appends a line to dir/migrations.txt (shared by every new home) and reports success as the server run would. */
    private final class MigrationRun implements PlannedAction {
        private final String stepId;

        MigrationRun(String stepId) {
            this.stepId = stepId;
        }

        @Override public Kind kind() { return Kind.SERVER_RUN; }
        @Override public String summary() { return "migrate " + stepId; }
        @Override public String details() { return "test migration"; }

        @Override
        public ActionResult apply(StepContext ctx) {
            try {
                Files.writeString(dir.resolve("migrations.txt"), stepId + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            ctx.runHistory().migrationRunSucceeded(stepId, "test migration");
            if (stepId.equals(failAfterMigration)) {
                throw new IllegalStateException("killed after the migration run");
            }
            return new ActionResult("migrated", 0, List.of());
        }
    }

    private StepCatalog catalog() {
        StepCatalog c = io.github.apimupgrade.core.testsupport.NoOpSteps.backupAndVerify(new StepCatalog());
        c.register("prepare-config", () -> new TestStep("prepare-config", Set.of(), true, false));
        c.register("migrate-registry-versioning", () -> new TestStep("migrate-registry-versioning",
                Set.of(DatasourceRole.SHARED_DB), false, false));
        c.register("migrate-resources", () -> new TestStep("migrate-resources", Set.of(), true, false));
        c.register("migrate-identity", () -> new TestStep("migrate-identity", SERVER_ROLES, true, true));
        c.register("migrate-apim", () -> new TestStep("migrate-apim", SERVER_ROLES, true, true));
        c.register("reindex", () -> new TestStep("reindex", SERVER_ROLES, true, false));
        c.register("finalize", () -> new TestStep("finalize", SERVER_ROLES, true, false));
        return c;
    }

    private UpgradeEngine engine(EventSink sink) {
        return new UpgradeEngine(sink, Clock.systemUTC(), ProcessLauncher.system(), catalog());
    }

    private UpgradeEngine engine() {
        return engine(EventSink.discard());
    }

    private static void await(CountDownLatch l) {
        try {
            assertTrue(l.await(30, TimeUnit.SECONDS), "latch not released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The old home with its three databases, and how to log in to them. */
    private record Deployment(Path oldHome, List<DatasourceOverride> logins) {
        UpgradeRequest.Builder request(Path newHome, Path reports) {
            UpgradeRequest.Builder b = UpgradeRequest.builder().oldHome(oldHome).newHome(newHome).allowH2(true)
                    .reportDirectory(reports);
            logins.forEach(b::datasource);
            return b;
        }
    }

    private Deployment h2() throws Exception {
        return new Deployment(LegacyHomeFixture.at(dir.resolve("old"))
                .urls(TestDatabases.h2Url(), TestDatabases.h2Url(), TestDatabases.h2Url()).write(), List.of());
    }

    private Deployment on(TestDatabases.TestDb am, TestDatabases.TestDb reg, TestDatabases.TestDb um) throws Exception {
        Path old = LegacyHomeFixture.at(dir.resolve("old")).urls(am.url(), reg.url(), um.url()).write();
        return new Deployment(old, List.of(
                new DatasourceOverride("apimDb", null, am.user(), Secret.of(am.password()), null, null),
                new DatasourceOverride("sharedDb", null, reg.user(), Secret.of(reg.password()), null, null),
                new DatasourceOverride("userDb", null, um.user(), Secret.of(um.password()), null, null)));
    }

    private String migrations() throws Exception {
        Path f = dir.resolve("migrations.txt");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    private static List<String> stepRows(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT STEP_ID, SCRIPT, MESSAGE FROM " + HistoryTable.TABLE + " ORDER BY ID")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return out;
    }

    // ---- the databases remember what was migrated -------------------------------------------------------------

    @Test
    void aSecondNewHomeOnTheSameH2DatabasesRerunsNoMigration() throws Exception {
        secondHomeRerunsNoMigration(h2(), null);
    }

    @Test
    void aSecondNewHomeOnTheSamePostgresDatabasesRerunsNoMigration() throws Exception {
        try (TestDatabases.TestDb am = TestDatabases.postgres(); TestDatabases.TestDb reg = TestDatabases.postgres();
             TestDatabases.TestDb um = TestDatabases.postgres()) {
            secondHomeRerunsNoMigration(on(am, reg, um), am);
        }
    }

    @Test
    void aSecondNewHomeOnTheSameMariaDbDatabaseRerunsNoMigration() throws Exception {
        // one database for every role: several databases on one MariaDB server are the locks' concern (issue 12)
        try (TestDatabases.TestDb root = TestDatabases.mariadb()) {
            // a user of its own with a password (root has none, and an empty password means "none given")
            String user = "u" + root.name().substring(Math.max(0, root.name().length() - 12));
            try (Connection c = root.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'Secret-42'");
                st.execute("GRANT ALL ON " + root.name() + ".* TO '" + user + "'@'%'");
            }
            try {
                TestDatabases.TestDb db = new TestDatabases.TestDb(root.kind(), root.url(), user, "Secret-42",
                        root.adminUrl(), root.name());
                secondHomeRerunsNoMigration(on(db, db, db), db);
            } finally {
                try (Connection c = root.connect(); Statement st = c.createStatement()) {
                    st.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                }
            }
        }
    }

    private void secondHomeRerunsNoMigration(Deployment d, TestDatabases.TestDb am) throws Exception {
        Path first = NewHomeFixture.write(dir.resolve("new-1"), "4.1.0");
        RunReport r1 = engine().migrate(d.request(first, dir.resolve("r1")).build());
        assertEquals(RunReport.Outcome.SUCCEEDED, r1.outcome);
        assertEquals("migrate-identity\nmigrate-apim\n", migrations());

        Path second = NewHomeFixture.write(dir.resolve("new-2"), "4.1.0");
        RunReport plan = engine().plan(d.request(second, dir.resolve("p2")).build());
        RunReport.StepEntry versioning = step(plan, "migrate-registry-versioning");
        assertEquals("SUCCEEDED", versioning.stateBefore);
        assertTrue(versioning.notes.stream().anyMatch(n -> n.matches("done: step completed, recorded in WSO2(REG|AM)_DB's APIM_UPGRADE_HISTORY at \\S+ by run [0-9a-f-]{36} "
                + "from home .*") && n.endsWith("from home " + first.toAbsolutePath().normalize())), versioning.notes.toString());
        RunReport.StepEntry identity = step(plan, "migrate-identity");
        assertTrue(identity.actions.stream().noneMatch(a -> a.summary().startsWith("migrate ")), "plan must not migrate again");
        assertTrue(identity.notes.stream().anyMatch(n -> n.contains("the migration run is not repeated")), identity.notes.toString());
        assertTrue(Files.readString(dir.resolve("p2/plan.txt")).contains("APIM_UPGRADE_HISTORY"));

        RunReport r2 = engine().migrate(d.request(second, dir.resolve("r2")).build());
        assertEquals(RunReport.Outcome.SUCCEEDED, r2.outcome);
        assertEquals("migrate-identity\nmigrate-apim\n", migrations(), "the second home migrated again");
        assertEquals(1, applied.get("migrate-registry-versioning").get(), "a database-only step done in the database is done");
        // the second home still gets its own changes
        assertEquals("prepare-config\nmigrate-resources\nmigrate-identity\nmigrate-apim\nreindex\nfinalize\n",
                Files.readString(second.resolve("markers.txt")));
        assertEquals(StepState.SUCCEEDED, JournalFile.open(second, Clock.systemUTC()).get("migrate-registry-versioning").state());

        if (am != null) {
            try (Connection c = am.connect()) {
                List<String> rows = stepRows(c);
                assertTrue(rows.stream().anyMatch(r -> r.startsWith("migrate-identity " + HistoryTable.RUN_SUCCEEDED
                        + " by run ") && r.endsWith("(test migration)")), rows.toString());
                assertTrue(rows.stream().anyMatch(r -> r.startsWith("migrate-identity " + HistoryTable.STEP_COMPLETED)
                        && r.contains("from home " + first.toAbsolutePath().normalize())), rows.toString());
                assertTrue(rows.stream().noneMatch(r -> r.startsWith("prepare-config")), "a file-only step is not a database's");
            }
        }
        RunReport r3 = engine().migrate(d.request(second, dir.resolve("r3")).build());
        assertEquals(RunReport.Outcome.NOTHING_TO_DO, r3.outcome);
    }

    @Test
    void aRunThatDiedAfterTheMigrationRunDoesNotMigrateAgain() throws Exception {
        Deployment d = h2();
        Path home = NewHomeFixture.write(dir.resolve("new"), "4.1.0");
        // the run dies after the migration's success was recorded (kill -9 while the server stops): the test step
        // writes no run marker, so only the databases' record can stop a second migration
        failAfterMigration = "migrate-identity";
        assertThrows(UpgradeException.class, () -> engine().migrate(d.request(home, dir.resolve("r1")).build()));
        assertEquals("migrate-identity\n", migrations());
        failAfterMigration = null;

        RunReport r = engine().migrate(d.request(home, dir.resolve("r2")).build());
        assertEquals(RunReport.Outcome.SUCCEEDED, r.outcome);
        assertEquals("migrate-identity\nmigrate-apim\n", migrations());
        assertTrue(step(r, "migrate-identity").notes.stream().anyMatch(n -> n.contains("migration run succeeded, recorded in ")
                && n.contains("'s APIM_UPGRADE_HISTORY at ") && n.contains("(test migration)")), step(r, "migrate-identity").notes.toString());
    }

    // ---- the state is read under the locks ----------------------------------------------------------------

    @Test
    void aSecondRunThatReadTheJournalBeforeTheFirstFinishedRunsNothingAgain() throws Exception {
        Deployment d = h2();
        Path home = NewHomeFixture.write(dir.resolve("new"), "4.1.0");
        CountDownLatch[] block = {new CountDownLatch(1), new CountDownLatch(1)};
        blockers.put("reindex", block);
        CompletableFuture<RunReport> first = CompletableFuture.supplyAsync(() -> engine().migrate(d.request(home, dir.resolve("r1")).build()));
        await(block[0]); // the first run is in reindex: migrate-identity and migrate-apim are done, the rest pending
        blockers.remove("reindex");

        CountDownLatch firstDone = new CountDownLatch(1);
        List<String> seen = new ArrayList<>();
        // the second run's "slow connection": it stalls after it read the journal, before it takes the locks,
        // until the first run has finished and released them
        EventSink slow = e -> {
            synchronized (seen) {
                seen.add(e.message());
            }
            if (e.message().startsWith("Databases to lock:")) {
                block[1].countDown();
                await(firstDone);
            }
        };
        CompletableFuture<RunReport> second = CompletableFuture.supplyAsync(() -> engine(slow).migrate(d.request(home, dir.resolve("r2")).build()));
        assertEquals(RunReport.Outcome.SUCCEEDED, first.get(30, TimeUnit.SECONDS).outcome);
        firstDone.countDown();
        RunReport r2 = second.get(30, TimeUnit.SECONDS);

        assertEquals(RunReport.Outcome.NOTHING_TO_DO, r2.outcome);
        assertEquals("migrate-identity\nmigrate-apim\n", migrations());
        applied.forEach((id, n) -> assertEquals(1, n.get(), id + " ran twice"));
        assertTrue(seen.stream().anyMatch(m -> m.startsWith("Databases to lock:") && m.contains("for reindex, finalize")), seen.toString());
    }

    // ---- single goals while troubleshooting -------------------------------------------------------------

    @Test
    void theOrderGuardNamesTheWayOutAndOutOfOrderIsRecorded() throws Exception {
        Deployment d = h2();
        Path home = NewHomeFixture.write(dir.resolve("new"), "4.1.0");
        UpgradeException e = assertThrows(UpgradeException.class,
                () -> engine().runStep("migrate-resources", d.request(home, dir.resolve("r1")).build()));
        assertEquals(ErrorCode.STEP_OUT_OF_ORDER, e.code());
        assertTrue(e.getMessage().contains("migrate-resources cannot run before prepare-config, backup, migrate-registry-versioning"),
                e.getMessage());
        assertTrue(e.hint().contains("mvn apim-upgrade:repair -Dapim.upgrade.repair.step=migrate-registry-versioning "
                + "-Dapim.upgrade.repair.action=mark-done"), e.hint());
        assertTrue(e.hint().contains("-Dapim.upgrade.outOfOrder=true"), e.hint());
        assertTrue(applied.isEmpty());

        RunReport r = engine().runStep("migrate-resources", d.request(home, dir.resolve("r2")).outOfOrder(true).build());
        assertEquals(RunReport.Outcome.SUCCEEDED, r.outcome);
        assertTrue(step(r, "migrate-resources").warnings.stream().anyMatch(w -> w.contains("out of order on purpose")));
        assertTrue(Files.readString(dir.resolve("r2/report.json")).contains("out of order on purpose"));
        JournalFile journal = JournalFile.open(home, Clock.systemUTC());
        assertTrue(journal.get("migrate-resources").ranOutOfOrder());
        assertTrue(Files.readString(journal.file()).contains("\"outOfOrder\" : true"));
        assertFalse(journal.get("prepare-config").state().isDone());

        // the status and later reports still say so
        RunReport status = engine().status(d.request(home, dir.resolve("r3")).build());
        assertTrue(step(status, "migrate-resources").warnings.stream().anyMatch(w -> w.contains("out of order on purpose")));
    }

    private static RunReport.StepEntry step(RunReport r, String id) {
        return r.steps.stream().filter(s -> s.id.equals(id)).findFirst().orElseThrow();
    }
}
