package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.ServerOptions;
import io.github.apimupgrade.core.api.NodeSpec;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.cluster.Cluster;
import io.github.apimupgrade.core.cluster.NodeView;
import io.github.apimupgrade.core.cluster.ProfileDetector;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(90)
class ReindexStepTest extends ServerStepTestSupport {
    private final ReindexStep step = new ReindexStep();

    private ServerOptions options(Path tenantLoader, Duration delay) {
        return new ServerOptions(null, "", Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(2),
                Duration.ofSeconds(1), f.identityClient, f.apimClient, List.of(), true, tenantLoader, delay);
    }

    /** The indexer's cycle: [indexing] frequency = 1 keeps the "index unchanged" wait at seconds. */
    private static final String QUICK = ServerStepFixture.TOML + "\n[indexing]\nfrequency = 1\n";
    private static final String RUN = "start flags= user_store=database_unique_id";

    @org.junit.jupiter.api.BeforeEach
    void quickIndexer() {
        f.server.toml(QUICK);
    }

    @Test
    void firstReindexSetsOneMovesSolrAsideAndStarts() throws Exception {
        Files.createDirectories(f.newHome().resolve("solr/data"));
        Files.writeString(f.newHome().resolve("solr/data/index"), "old index");
        StepContext ctx = f.context();
        step.apply(step.plan(ctx), ctx);
        assertEquals(QUICK + "re_indexing = 1\n", f.tomlText());
        assertEquals(List.of(RUN, "solr-files=2"), f.server.runs(), "solr was gone at the start");
        assertTrue(f.exists("solr/data/index/_2.cfs"), "the server's new index");
        try (var s = Files.list(f.newHome())) {
            Path backup = s.filter(p -> p.getFileName().toString().startsWith("solr.apim-upgrade-")).findFirst().orElseThrow();
            assertEquals("old index", Files.readString(backup.resolve("data/index")));
        }
    }

    @Test
    void reIndexingIsOneMoreThanBefore() throws Exception {
        f.server.toml(ServerStepFixture.TOML + "\n[indexing]\nfrequency = 1\nre_indexing = 2 # bumped by hand\n");
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        assertEquals(List.of(PlannedAction.Kind.FILE_WRITE, PlannedAction.Kind.SERVER_RUN),
                plan.actions().stream().map(PlannedAction::kind).toList());
        step.apply(plan, ctx);
        assertTrue(f.tomlText().endsWith("[indexing]\nfrequency = 1\nre_indexing = 3 # bumped by hand\n"), f.tomlText());
    }

    @Test
    void tenantLoaderIsInDropinsForTheStartOnlyWhenThereAreTenants() throws Exception {
        f.tenant(1, "wso2.com", true);
        Path loader = Files.writeString(dir.resolve("tenantloader-1.0.jar"), "jar");
        f.options = options(loader, Duration.ZERO);
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("wso2.com")), plan.notes().toString());
        step.apply(plan, ctx);
        assertEquals(List.of(RUN, "tenantloader-present", "solr-files=2"), f.server.runs(),
                "the loader stays in dropins until the indexing finished");
        assertFalse(f.exists("repository/components/dropins/tenantloader-1.0.jar"));
    }

    @Test
    void tenantsComeFromUmTenantNotFromDirectories() throws Exception {
        Files.createDirectories(f.oldHome.resolve("repository/tenants/7")); // a directory left behind
        f.tenant(2, "retired.example.com", false);
        Path loader = Files.writeString(dir.resolve("tenantloader-1.0.jar"), "jar");
        f.options = options(loader, Duration.ZERO);
        StepContext ctx = f.context();
        step.apply(step.plan(ctx), ctx);
        assertEquals(List.of(RUN, "solr-files=2"), f.server.runs(), "no active tenant: no tenant loader");
    }

    @Test
    void theStartLastsUntilTheIndexerHasFinishedAndReportsProgress() throws Exception {
        f.server.scenario("slow-index");
        StepContext ctx = f.context();
        step.apply(step.plan(ctx), ctx);
        assertEquals(List.of(RUN, "solr-files=12"), f.server.runs(), "stopped only after the last index write");
        assertTrue(f.events.stream().anyMatch(e -> e.message().startsWith("Re-indexing for ")), "progress lines");
        assertTrue(f.events.stream().anyMatch(e -> e.message().startsWith("Re-indexing finished: the Solr index has 12 file(s)")));
    }

    @Test
    void indexingThatDoesNotFinishInTimeFailsAndStopsTheServer() throws Exception {
        f.server.scenario("slow-index");
        f.options = new ServerOptions(null, "", Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(1), f.identityClient, f.apimClient, List.of(), true, null, Duration.ZERO);
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.apply(plan, ctx));
        assertEquals(ErrorCode.SERVER_TIMEOUT, e.code());
        assertTrue(e.getMessage().contains("re-indexing did not finish within 2s"), e.getMessage());
        long pid = f.server.pid("wso2carbon.pid").orElse(-1L);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void tenantsWithoutATenantLoaderAreAManualAction() throws Exception {
        f.tenant(3, "x.example.com", true);
        StepPlan plan = step.plan(f.context());
        assertTrue(plan.manualActions().stream().anyMatch(m -> m.what().contains("tenantloader-1.0.jar")));
    }

    @Test
    void aNodeAfterAnotherNodesIndexingWaitsNodeDelayFirst() throws Exception {
        f.options = options(null, Duration.ofMillis(100));
        Cluster cluster = Cluster.of(UpgradeRequest.builder()
                .node(new NodeSpec("cp1", "control-plane", dir.resolve("o1"), dir.resolve("n1")))
                .node(new NodeSpec("cp2", "control-plane", dir.resolve("o2"), dir.resolve("n2"))).build(), ProfileDetector.NONE);
        StepContext ctx = f.context().withNode(new NodeView(cluster, cluster.node("cp2"), "cp1"));
        StepPlan plan = step.plan(ctx);
        assertEquals(List.of(PlannedAction.Kind.CHECK, PlannedAction.Kind.FILE_WRITE, PlannedAction.Kind.SERVER_RUN),
                plan.actions().stream().map(PlannedAction::kind).toList());
        assertTrue(plan.actions().get(0).summary().startsWith("wait PT0.1S (node cp1 re-indexed just before"),
                plan.actions().get(0).summary());
        assertTrue(plan.actions().get(2).summary().contains("of node cp2 (control-plane)"), plan.actions().get(2).summary());

        f.options = options(null, Duration.ZERO);
        StepContext noDelay = f.context().withNode(new NodeView(cluster, cluster.node("cp2"), "cp1"));
        assertEquals(List.of(PlannedAction.Kind.FILE_WRITE, PlannedAction.Kind.SERVER_RUN),
                step.plan(noDelay).actions().stream().map(PlannedAction::kind).toList(), "nodeDelay 0: no wait");
    }

    @Test
    void path310TrimsRegLogBeforeTheStart() throws Exception {
        f.from = "3.0.0";
        f.to = "3.1.0";
        RegIndexScriptTest.createRegLog(f.databases.get(io.github.apimupgrade.core.config.DatasourceRole.SHARED_DB));
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        assertEquals(List.of(PlannedAction.Kind.SQL, PlannedAction.Kind.FILE_WRITE, PlannedAction.Kind.SERVER_RUN),
                plan.actions().stream().map(PlannedAction::kind).toList());
        assertTrue(plan.actions().get(0).details().contains("REG_ACTION = 7"), plan.actions().get(0).details());
        assertTrue(plan.actions().get(2).summary().contains("sh bin/wso2server.sh"));
        step.apply(plan, ctx);
        assertEquals(List.of("2@-1234", "5@1"),
                RegIndexScriptTest.regLog(f.databases.get(io.github.apimupgrade.core.config.DatasourceRole.SHARED_DB)));
        assertEquals(List.of(RUN, "solr-files=2"), f.server.runs());
    }

    @Test
    void aNodeWithoutStartScriptFailsBeforeAnyChange() throws Exception {
        try (var scripts = Files.list(f.newHome().resolve("bin"))) {
            for (Path p : scripts.toList()) {
                Files.delete(p);
            }
        }
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.plan(f.context()));
        assertEquals(ErrorCode.HOME_NOT_FOUND, e.code());
    }

    @Test
    void aStartThatNeverFinishesTimesOut() {
        f.server.scenario("hang");
        f.options = new ServerOptions(null, "", Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(1),
                Duration.ofSeconds(1), null, null, List.of(), true, null, Duration.ZERO);
        StepContext ctx = f.context();
        StepPlan plan = step.plan(ctx);
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.apply(plan, ctx));
        assertEquals(ErrorCode.SERVER_TIMEOUT, e.code());
        long pid = f.server.pid("wso2carbon.pid").orElseThrow();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
}
