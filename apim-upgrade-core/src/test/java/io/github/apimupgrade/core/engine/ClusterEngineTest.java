package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.api.DatasourceOverride;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.NodeSpec;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.cluster.Placement;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.HistoryTable;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.journal.StepState;
import io.github.apimupgrade.core.report.PlanText;
import io.github.apimupgrade.core.report.RunReport;
import io.github.apimupgrade.core.server.ProcessLauncher;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepCatalog;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepOutcome;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.testsupport.LegacyHomeFixture;
import io.github.apimupgrade.core.testsupport.NewHomeFixture;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Distributed deployments (issue 17) through the engine: two all-in-one nodes and a gateway on shared databases, the
 * 2.6.0 -> 4.1.0 steps as test steps with the real steps' placements and database roles. A migration step counts its
 * runs in one file shared by every node; every action on a node is logged in order in another.
 */
class ClusterEngineTest {
    private static final Set<DatasourceRole> SERVER_ROLES = Set.of(DatasourceRole.APIM_DB, DatasourceRole.SHARED_DB,
            DatasourceRole.USER_DB, DatasourceRole.CONFIG_DB);

    @TempDir
    Path dir;
    /** How often each node applied each step: "cp1:reindex" -> 1. */
    final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();

    private final class TestStep implements Step {
        private final String id;
        private final Set<DatasourceRole> roles;
        private final boolean homeChanges;
        private final boolean migrates;
        private final Placement placement;

        TestStep(String id, Set<DatasourceRole> roles, boolean homeChanges, boolean migrates, Placement placement) {
            this.id = id;
            this.roles = roles;
            this.homeChanges = homeChanges;
            this.migrates = migrates;
            this.placement = placement;
        }

        @Override public String id() { return id; }
        @Override public String title() { return "test " + id; }
        @Override public Set<DatasourceRole> databaseRoles() { return roles; }
        @Override public boolean changesNewHome() { return homeChanges; }
        @Override public Placement placement() { return placement; }

        @Override
        public StepPlan plan(StepContext ctx) {
            String node = ctx.node().node().id();
            StepPlan.Builder plan = StepPlan.builder(id);
            if (!ctx.node().waitBeforeIndexing(ctx.request().server().nodeDelay()).isZero()) {
                plan.action(new Log(node + ":wait-after-" + ctx.node().indexedBefore()));
            }
            if (migrates && !ctx.workspace().exists(JournalFile.runMarker(ctx.newHome().home(), id))) {
                plan.action(new MigrationRun(id, node));
            }
            plan.action(new Log(node + ":" + id));
            if (homeChanges) {
                Path marker = ctx.newHome().home().resolve("markers.txt");
                String before = ctx.workspace().read(marker).orElse("");
                plan.action(WriteFileAction.of(marker, "markers.txt", before, before + id + "\n", ctx.redactor()::redact));
            }
            return plan.build();
        }

        @Override
        public StepOutcome apply(StepPlan plan, StepContext ctx) {
            applied.computeIfAbsent(ctx.node().node().id() + ":" + id, k -> new AtomicInteger()).incrementAndGet();
            return Step.super.apply(plan, ctx);
        }
    }

    private void append(String file, String line) {
        try {
            Files.writeString(dir.resolve(file), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends its line to dir/order.txt. */
    private final class Log implements PlannedAction {
        private final String line;

        Log(String line) {
            this.line = line;
        }

        @Override public Kind kind() { return Kind.CHECK; }
        @Override public String summary() { return "log " + line; }
        @Override public String details() { return ""; }

        @Override
        public ActionResult apply(StepContext ctx) {
            append("order.txt", line);
            return new ActionResult("logged", 0, List.of());
        }
    }

    /** Appends "step on node" to dir/migrations.txt and records the run's success as the server supervision does. */
    private final class MigrationRun implements PlannedAction {
        private final String stepId;
        private final String node;

        MigrationRun(String stepId, String node) {
            this.stepId = stepId;
            this.node = node;
        }

        @Override public Kind kind() { return Kind.SERVER_RUN; }
        @Override public String summary() { return "migrate " + stepId; }
        @Override public String details() { return "test migration"; }

        @Override
        public ActionResult apply(StepContext ctx) {
            append("migrations.txt", stepId + " on " + node);
            ctx.runHistory().migrationRunSucceeded(stepId, "test migration");
            return new ActionResult("migrated", 0, List.of());
        }
    }

    private StepCatalog catalog() {
        StepCatalog c = new StepCatalog();
        c.register("backup", () -> new TestStep("backup", Set.of(), true, false, Placement.ONCE));
        c.register("prepare-config", () -> new TestStep("prepare-config", Set.of(), true, false, Placement.EVERY_NODE));
        c.register("migrate-registry-versioning", () -> new TestStep("migrate-registry-versioning",
                Set.of(DatasourceRole.SHARED_DB), false, false, Placement.ONCE));
        c.register("migrate-resources", () -> new TestStep("migrate-resources", Set.of(), true, false, Placement.EVERY_NODE));
        c.register("migrate-identity", () -> new TestStep("migrate-identity", SERVER_ROLES, true, true, Placement.ONCE_WITH_NODE_PART));
        c.register("migrate-apim", () -> new TestStep("migrate-apim", SERVER_ROLES, true, true, Placement.ONCE_WITH_NODE_PART));
        c.register("reindex", () -> new TestStep("reindex", SERVER_ROLES, true, false, Placement.INDEXING_NODES));
        c.register("finalize", () -> new TestStep("finalize", SERVER_ROLES, true, false, Placement.EVERY_NODE));
        c.register("verify", () -> new TestStep("verify", EnumSet.allOf(DatasourceRole.class), false, false, Placement.ONCE));
        // 3.0.0 -> 3.1.0 only
        c.register("migrate-apim-db", () -> new TestStep("migrate-apim-db", Set.of(DatasourceRole.APIM_DB), false, false, Placement.ONCE));
        c.register("migrate-analytics", () -> new TestStep("migrate-analytics", Set.of(DatasourceRole.ANALYTICS_DB), false, false,
                Placement.ONCE));
        c.register("migrate-scope-roles", () -> new TestStep("migrate-scope-roles", Set.of(DatasourceRole.CONFIG_DB,
                DatasourceRole.SHARED_DB, DatasourceRole.USER_DB), false, false, Placement.ONCE));
        return c;
    }

    private UpgradeEngine engine() {
        return new UpgradeEngine(EventSink.discard(), Clock.systemUTC(), ProcessLauncher.system(), catalog());
    }

    /** Three nodes whose old homes all point at the same three databases. */
    private record Deployment(List<NodeSpec> nodes, List<DatasourceOverride> logins) {
        UpgradeRequest.Builder request(Path reports) {
            // H2 only where the cluster's databases are H2 (a gateway's own H2 must not need it)
            UpgradeRequest.Builder b = UpgradeRequest.builder().allowH2(logins.isEmpty()).reportDirectory(reports);
            nodes.forEach(b::node);
            logins.forEach(b::datasource);
            return b;
        }
    }

    /** A gateway's own stock databases (2.6.0 master-datasources.xml: WSO2AM_DB and the local registry on H2). */
    private static final String GATEWAY_H2 = "jdbc:h2:./repository/database/WSO2AM_DB;DB_CLOSE_ON_EXIT=FALSE";

    private Deployment cluster(String am, String reg, String um, List<DatasourceOverride> logins) throws IOException {
        return cluster(am, reg, um, logins, false);
    }

    private Deployment cluster(String am, String reg, String um, List<DatasourceOverride> logins, boolean gatewayOwnH2)
            throws IOException {
        List<NodeSpec> nodes = new ArrayList<>();
        String[][] spec = {{"cp1", "all-in-one"}, {"cp2", "all-in-one"}, {"gw1", "gateway-worker"}};
        for (String[] n : spec) {
            boolean own = gatewayOwnH2 && n[0].equals("gw1");
            Path old = LegacyHomeFixture.at(dir.resolve("old-" + n[0]))
                    .urls(own ? GATEWAY_H2 : am, own ? GATEWAY_H2 : reg, own ? GATEWAY_H2 : um).write();
            Path neu = NewHomeFixture.write(dir.resolve("new-" + n[0]), "4.1.0");
            nodes.add(new NodeSpec(n[0], n[1], old, neu));
        }
        return new Deployment(nodes, logins);
    }

    private Deployment h2() throws IOException {
        return cluster(TestDatabases.h2Url(), TestDatabases.h2Url(), TestDatabases.h2Url(), List.of());
    }

    private Deployment on(TestDatabases.TestDb am, TestDatabases.TestDb reg, TestDatabases.TestDb um) throws IOException {
        return cluster(am.url(), reg.url(), um.url(), logins(am, reg, um), true);
    }

    private static List<DatasourceOverride> logins(TestDatabases.TestDb am, TestDatabases.TestDb reg, TestDatabases.TestDb um) {
        return List.of(
                new DatasourceOverride("apimDb", null, am.user(), Secret.of(am.password()), null, null),
                new DatasourceOverride("sharedDb", null, reg.user(), Secret.of(reg.password()), null, null),
                new DatasourceOverride("userDb", null, um.user(), Secret.of(um.password()), null, null));
    }

    private String read(String file) throws IOException {
        Path f = dir.resolve(file);
        return Files.exists(f) ? Files.readString(f) : "";
    }

    private String markers(String node) throws IOException {
        Path f = dir.resolve("new-" + node).resolve("markers.txt");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    private static final String MIGRATED_ONCE = "migrate-identity on cp1\nmigrate-apim on cp1\n";

    // ---- the whole cluster in one build ------------------------------------------------------------------------

    @Test
    void aWholeClusterOnH2MigratesOnceAndReindexesTheAllInOneNodesInOrder() throws Exception {
        wholeCluster(h2(), null);
    }

    @Test
    void aWholeClusterOnPostgres() throws Exception {
        try (TestDatabases.TestDb am = TestDatabases.postgres(); TestDatabases.TestDb reg = TestDatabases.postgres();
             TestDatabases.TestDb um = TestDatabases.postgres()) {
            wholeCluster(on(am, reg, um), am);
        }
    }

    @Test
    void aWholeClusterOnMariaDb() throws Exception {
        // one database for every role, a user of its own with a password (root has none; empty means "none given")
        try (TestDatabases.TestDb root = TestDatabases.mariadb()) {
            String user = "cc" + root.name().substring(Math.max(0, root.name().length() - 12));
            try (Connection c = root.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'Secret-42'");
                st.execute("GRANT ALL ON " + root.name() + ".* TO '" + user + "'@'%'");
            }
            try {
                TestDatabases.TestDb db = new TestDatabases.TestDb(root.kind(), root.url(), user, "Secret-42",
                        root.adminUrl(), root.name());
                wholeCluster(on(db, db, db), db);
            } finally {
                try (Connection c = root.connect(); Statement st = c.createStatement()) {
                    st.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                }
            }
        }
    }

    private void wholeCluster(Deployment d, TestDatabases.TestDb am) throws Exception {
        RunReport r = engine().migrate(d.request(dir.resolve("r1")).build());
        assertEquals(RunReport.Outcome.SUCCEEDED, r.outcome);
        assertEquals(MIGRATED_ONCE, read("migrations.txt"), "each migration ran exactly once, on the database node");
        for (NodeSpec n : d.nodes()) { // every node keeps the cluster run's report with its installation
            try (var listed = java.nio.file.Files.list(n.newHome().resolve(".apim-upgrade/reports"))) {
                assertEquals(1, listed.filter(f -> f.getFileName().toString().matches("report-migrate-.*\\.html")).count(),
                        n.id() + "'s new home");
            }
        }

        // each node's own files
        String all = "prepare-config\nbackup\nmigrate-resources\nmigrate-identity\nmigrate-apim\nreindex\nfinalize\n";
        assertEquals(all, markers("cp1"));
        assertEquals("prepare-config\nmigrate-resources\nmigrate-identity\nmigrate-apim\nreindex\nfinalize\n", markers("cp2"));
        assertEquals("prepare-config\nmigrate-resources\nmigrate-identity\nmigrate-apim\nfinalize\n", markers("gw1"),
                "a gateway is not re-indexed");
        assertEquals(1, applied.get("cp1:migrate-registry-versioning").get());
        assertFalse(applied.containsKey("cp2:migrate-registry-versioning"), "a database step runs once for the cluster");
        assertFalse(applied.containsKey("gw1:reindex"));

        // re-indexing: cp1, then cp2 after nodeDelay's wait
        List<String> order = read("order.txt").lines().filter(l -> l.contains("reindex") || l.contains("wait")).toList();
        assertEquals(List.of("cp1:reindex", "cp2:wait-after-cp1", "cp2:reindex"), order);

        // the report: a row per node and step
        assertEquals(27, r.steps.size());
        assertEquals(List.of("cp1", "cp2", "gw1"), r.nodes.stream().map(RunReport.NodeLine::id).toList());
        assertTrue(r.nodes.get(0).databaseNode());
        assertEquals(StepState.NOT_ON_NODE.name(), r.step("gw1", "reindex").stateBefore);
        assertTrue(r.step("gw1", "reindex").notes.get(0).contains("reindex runs on cp1, cp2"), r.step("gw1", "reindex").notes.toString());
        RunReport.StepEntry versioning = r.step("cp2", "migrate-registry-versioning");
        assertEquals(StepState.SUCCEEDED.name(), versioning.stateBefore);
        assertTrue(versioning.notes.stream().anyMatch(n -> n.contains("from home " + dir.resolve("new-cp1").toAbsolutePath().normalize())),
                versioning.notes.toString());
        assertEquals(StepState.SUCCEEDED, JournalFile.open(dir.resolve("new-gw1"), Clock.systemUTC()).get("backup").state(),
                "the node's journal keeps what its databases said");
        String text = Files.readString(dir.resolve("r1/plan.txt"));
        assertTrue(text.contains("Nodes (3"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+\\d+\\. gw1\\s+reindex\\s+NOT_ON_NODE .*")), text);

        if (am != null) {
            // the gateway's old home names its own stock H2 WSO2AM_DB: not a migration database, and no H2 refusal
            assertTrue(r.findings.stream().anyMatch(f -> f.describe().contains("WSO2AM_DB") && f.describe().contains("of node gw1 is its own "
                    + "embedded H2 database") && f.describe().contains("not a migration database")), r.findings.toString());
            try (Connection c = am.connect()) {
                List<String> rows = stepRows(c);
                assertEquals(1, rows.stream().filter(x -> x.startsWith("migrate-identity " + HistoryTable.RUN_SUCCEEDED)).count(), rows.toString());
                assertTrue(rows.stream().anyMatch(x -> x.startsWith("backup " + HistoryTable.STEP_COMPLETED)),
                        "a cluster step without a database of its own is recorded in the API-M database: " + rows);
            }
        }

        // a second run of the whole cluster is a no-op
        applied.clear();
        RunReport again = engine().migrate(d.request(dir.resolve("r2")).build());
        assertEquals(RunReport.Outcome.NOTHING_TO_DO, again.outcome);
        assertEquals(MIGRATED_ONCE, read("migrations.txt"));
        assertTrue(applied.isEmpty(), applied.toString());
        assertEquals(all, markers("cp1"));
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

    @Test
    void thePlanShowsEveryNodesPartAndChangesNothing() throws Exception {
        Deployment d = h2();
        RunReport plan = engine().plan(d.request(dir.resolve("p")).build());
        assertEquals(RunReport.Outcome.PLANNED, plan.outcome);
        assertEquals("", read("migrations.txt"));
        assertEquals("", markers("cp1"));
        RunReport.StepEntry identity = plan.step("cp2", "migrate-identity");
        assertTrue(identity.actions.stream().noneMatch(a -> a.summary().startsWith("migrate ")),
                "the node part never migrates: " + identity.actions);
        assertTrue(identity.notes.stream().anyMatch(n -> n.contains("once for the cluster, on node cp1")), identity.notes.toString());
        assertTrue(plan.step("cp1", "migrate-identity").actions.stream().anyMatch(a -> a.summary().equals("migrate migrate-identity")));
        assertTrue(plan.step("gw1", "backup").notes.stream().anyMatch(n -> n.contains("runs once for the cluster, on node cp1 (planned above)")),
                plan.step("gw1", "backup").notes.toString());
        assertTrue(plan.step("cp2", "reindex").actions.stream().anyMatch(a -> a.summary().equals("log cp2:wait-after-cp1")),
                "the plan shows the wait between two nodes' re-indexing");
        String text = PlanText.render(plan);
        assertTrue(text.contains("[database node]"), text);
    }

    // ---- 3.0.0 -> 3.1.0: separate Publisher, Store, Gateway and Traffic Manager nodes ---------------------------

    /** A 3.0.0 home configured through deployment.toml (shape: wso2/docker-apim v3.0.0 deployment.toml), H2 databases. */
    private Path old300(String node, String am, String shared) throws IOException {
        Path old = dir.resolve("old-" + node);
        Files.createDirectories(old.resolve("repository/conf"));
        Files.createDirectories(old.resolve("bin"));
        Files.writeString(old.resolve("bin/version.txt"), "WSO2 API Manager v3.0.0\n");
        Files.writeString(old.resolve("repository/conf/deployment.toml"), """
                [server]
                hostname = "%s.example.com"

                [database.apim_db]
                type = "h2"
                url = "%s"
                username = "wso2carbon"
                password = "wso2carbon"

                [database.shared_db]
                type = "h2"
                url = "%s"
                username = "wso2carbon"
                password = "wso2carbon"
                """.formatted(node, am, shared));
        return old;
    }

    @Test
    void aThreeZeroClusterIndexesPublisherThenStoreAndRunsTheDatabaseStepsOnThePublisher() throws Exception {
        String am = TestDatabases.h2Url();
        String shared = TestDatabases.h2Url();
        UpgradeRequest.Builder b = UpgradeRequest.builder().allowH2(true).reportDirectory(dir.resolve("r"));
        String[][] spec = {{"gw1", "gateway-worker"}, {"tm1", "traffic-manager"}, {"pub1", "publisher"}, {"store1", "store"}};
        for (String[] n : spec) {
            b.node(new NodeSpec(n[0], n[1], old300(n[0], am, shared), NewHomeFixture.write(dir.resolve("new-" + n[0]), "3.1.0")));
        }
        RunReport r = engine().migrate(b.build());
        assertEquals(RunReport.Outcome.SUCCEEDED, r.outcome);
        assertTrue(r.nodes.stream().filter(RunReport.NodeLine::databaseNode).allMatch(n -> n.id().equals("pub1")));
        assertEquals("migrate-identity on pub1\nmigrate-apim on pub1\n", read("migrations.txt"));
        assertEquals(1, applied.get("pub1:migrate-apim-db").get());
        assertEquals(List.of("pub1:migrate-apim-db", "pub1:reindex", "store1:wait-after-pub1", "store1:reindex"),
                read("order.txt").lines().filter(l -> l.contains("reindex") || l.contains("wait") || l.contains("apim-db")).toList(),
                "the database step once, then re-indexing on the Publisher and the Store, one after the other");
        for (String node : List.of("gw1", "tm1")) {
            assertEquals(StepState.NOT_ON_NODE.name(), r.step(node, "reindex").stateBefore, node);
            assertEquals("prepare-config\nmigrate-resources\nmigrate-identity\nmigrate-apim\nfinalize\n", markers(node), node);
        }
        assertEquals(12 * 4, r.steps.size(), "a row per node and step of the 3.0.0 -> 3.1.0 path");
        applied.clear();
        assertEquals(RunReport.Outcome.NOTHING_TO_DO, engine().migrate(b.reportDirectory(dir.resolve("r2")).build()).outcome);
        assertTrue(applied.isEmpty(), applied.toString());
    }

    // ---- a pipeline job per node -----------------------------------------------------------------------------

    @Test
    void aJobPerNodeCoordinatesThroughTheDatabases() throws Exception {
        Deployment d = h2();
        // the gateway's job runs first: its own steps until the first cluster step, then a clear stop
        UpgradeException early = assertThrows(UpgradeException.class,
                () -> engine().migrate(d.request(dir.resolve("g1")).onlyNode("gw1").build()));
        assertEquals(ErrorCode.CLUSTER_STEP_PENDING, early.code());
        assertTrue(early.getMessage().contains("backup runs once for the cluster on node cp1"), early.getMessage());
        assertTrue(early.hint().contains("-Dapim.upgrade.node=cp1"), early.hint());
        assertEquals("prepare-config\n", markers("gw1"));
        assertEquals("", read("migrations.txt"));

        RunReport cp1 = engine().migrate(d.request(dir.resolve("c1")).onlyNode("cp1").build());
        assertEquals(RunReport.Outcome.SUCCEEDED, cp1.outcome);
        assertFalse(java.nio.file.Files.exists(d.nodes().get(1).newHome().resolve(".apim-upgrade/reports")),
                "a job per node keeps its report only with the node it ran");
        assertEquals(9, cp1.steps.size(), "one node's rows");
        assertEquals(MIGRATED_ONCE, read("migrations.txt"));

        RunReport gw1 = engine().migrate(d.request(dir.resolve("g2")).onlyNode("gw1").build());
        assertEquals(RunReport.Outcome.SUCCEEDED, gw1.outcome);
        assertEquals(MIGRATED_ONCE, read("migrations.txt"), "the gateway's job migrated nothing again");
        assertEquals("prepare-config\nmigrate-resources\nmigrate-identity\nmigrate-apim\nfinalize\n", markers("gw1"));

        assertEquals(RunReport.Outcome.SUCCEEDED, engine().migrate(d.request(dir.resolve("c2")).onlyNode("cp2").build()).outcome);
        assertTrue(read("order.txt").lines().toList().contains("cp2:wait-after-cp1"),
                "cp1's job re-indexed less than nodeDelay ago (its databases say): cp2's job waits the rest first");
        assertEquals(RunReport.Outcome.NOTHING_TO_DO, engine().migrate(d.request(dir.resolve("all")).build()).outcome);
        assertEquals(MIGRATED_ONCE, read("migrations.txt"));
    }

    @Test
    void aSingleGoalOnANodeItIsNotForIsNothingToDo() throws Exception {
        Deployment d = h2();
        RunReport r = engine().runStep("reindex", d.request(dir.resolve("r")).onlyNode("gw1").outOfOrder(true).build());
        assertEquals(RunReport.Outcome.NOTHING_TO_DO, r.outcome);
        assertEquals(StepState.NOT_ON_NODE.name(), r.steps.get(0).stateBefore);
    }

    @Test
    void aClusterStepAsASingleGoalOnAnotherNodeNamesTheDatabaseNode() throws Exception {
        Deployment d = h2();
        UpgradeException e = assertThrows(UpgradeException.class, () -> engine().runStep("migrate-registry-versioning",
                d.request(dir.resolve("r")).onlyNode("cp2").outOfOrder(true).build()));
        assertEquals(ErrorCode.CLUSTER_STEP_PENDING, e.code());
        assertTrue(e.getMessage().contains("runs once for the cluster on node cp1"), e.getMessage());
    }

    @Test
    void anUnknownNodeIdFailsWithTheIds() throws Exception {
        Deployment d = h2();
        UpgradeException e = assertThrows(UpgradeException.class,
                () -> engine().plan(d.request(dir.resolve("r")).onlyNode("gw9").build()));
        assertEquals(ErrorCode.CLUSTER_CONFIG, e.code());
        assertEquals("apim.upgrade.node", e.location());
        assertTrue(e.hint().contains("cp1, cp2, gw1"), e.hint());
        assertTrue(Files.exists(dir.resolve("r/report.json")), "the failed run still writes its report");
    }

    @Test
    void statusShowsEveryNodesRows() throws Exception {
        Deployment d = h2();
        engine().migrate(d.request(dir.resolve("c1")).onlyNode("cp1").build());
        RunReport status = engine().status(d.request(dir.resolve("s")).build());
        assertEquals(StepState.SUCCEEDED.name(), status.step("cp1", "finalize").stateBefore);
        assertEquals(StepState.PENDING.name(), status.step("gw1", "finalize").stateBefore);
        assertEquals(StepState.NOT_ON_NODE.name(), status.step("gw1", "reindex").stateBefore);
        assertTrue(status.step("cp2", "migrate-identity").notes.stream().anyMatch(n -> n.contains("on node cp1")));
    }

    @Test
    void repairOfAPerNodeStepNeedsTheNode() throws Exception {
        Deployment d = h2();
        UpgradeException e = assertThrows(UpgradeException.class, () -> engine().repair(d.request(dir.resolve("r")).build(),
                "finalize", UpgradeEngine.RepairAction.MARK_DONE));
        assertEquals(ErrorCode.CLUSTER_CONFIG, e.code());
        assertTrue(e.hint().contains("-Dapim.upgrade.node=<id>"), e.hint());
    }
}
