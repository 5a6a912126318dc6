package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.api.NodeSpec;
import io.github.apimupgrade.core.api.ServerOptions;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.journal.StepState;
import io.github.apimupgrade.core.report.RunReport;
import io.github.apimupgrade.core.server.ProcessLauncher;
import io.github.apimupgrade.core.steps.StepCatalog;
import io.github.apimupgrade.core.testsupport.LegacyHomeFixture;
import io.github.apimupgrade.core.testsupport.NewHomeFixture;
import io.github.apimupgrade.core.testsupport.NoOpSteps;
import io.github.apimupgrade.core.testsupport.StandinServer;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real reindex and finalize steps on a 2.6.0 -> 4.1.0 cluster of two all-in-one nodes and a gateway, each new home
 * with the stand-in server: re-indexing on the all-in-one nodes only, one after the other with nodeDelay between, and
 * every node's own TOML and final start (seed 000 steps 5 and 6). The steps before them are stand-ins.
 */
@Timeout(180)
class ClusterServerStepsTest {
    /** [indexing] frequency = 1 keeps the "index unchanged" wait at seconds. */
    private static final String TOML = """
            [server]
            hostname = "localhost"
            [user_store]
            type = "database_unique_id"

            [indexing]
            frequency = 1
            """;

    @TempDir
    Path dir;

    @Test
    void reindexOnTheAllInOneNodesInTurnAndFinalizeEveryNode() throws Exception {
        Assumptions.assumeTrue(StandinServer.posix(), "the stand-in server is a shell script");
        String am = TestDatabases.h2Url();
        String reg = TestDatabases.h2Url();
        String um = TestDatabases.h2Url();
        try (Connection c = DriverManager.getConnection(um, "umUser", "umPass"); Statement st = c.createStatement()) {
            // the tenants re-indexing reads; the super tenant is no row (WSO2's dbscripts/<db>.sql: UM_TENANT holds the tenants only)
            st.execute("CREATE TABLE UM_TENANT (UM_ID INTEGER NOT NULL, UM_DOMAIN_NAME VARCHAR(255) NOT NULL, UM_EMAIL VARCHAR(255), "
                    + "UM_ACTIVE BOOLEAN DEFAULT FALSE, UM_CREATED_DATE TIMESTAMP NOT NULL, UM_USER_CONFIG BLOB, PRIMARY KEY (UM_ID))");
        }
        UpgradeRequest.Builder request = UpgradeRequest.builder().allowH2(true).reportDirectory(dir.resolve("r"));
        List<StandinServer> servers = new ArrayList<>();
        String[][] spec = {{"cp1", "all-in-one"}, {"cp2", "all-in-one"}, {"gw1", "gateway-worker"}};
        for (String[] n : spec) {
            Path old = LegacyHomeFixture.at(dir.resolve("old-" + n[0])).urls(am, reg, um).write();
            Path neu = NewHomeFixture.write(dir.resolve("new-" + n[0]), "4.1.0");
            servers.add(StandinServer.create(neu).toml(TOML));
            request.node(new NodeSpec(n[0], n[1], old, neu));
        }
        Duration t = Duration.ofSeconds(30);
        request.server(new ServerOptions(null, "", t, t, Duration.ofSeconds(2), Duration.ofSeconds(1), null, null, List.of(),
                true, null, Duration.ofMillis(300)));
        StepCatalog catalog = NoOpSteps.register(new StepCatalog(), "prepare-config", "backup", "migrate-registry-versioning",
                "migrate-resources", "migrate-identity", "migrate-apim", "verify");
        UpgradeEngine engine = new UpgradeEngine(EventSink.discard(), Clock.systemUTC(), ProcessLauncher.system(), catalog);

        // the plan shows the whole nodeDelay before cp2's re-index (applied, only what is left of it since cp1's ended)
        RunReport plan = engine.plan(request.build());
        assertTrue(plan.step("cp2", "reindex").actions.get(0).summary().startsWith("wait PT0.3S (node cp1 re-indexed just before"),
                plan.step("cp2", "reindex").actions.toString());
        assertTrue(plan.step("cp1", "reindex").actions.stream().noneMatch(a -> a.summary().startsWith("wait")));

        RunReport r = engine.migrate(request.build());

        assertEquals(RunReport.Outcome.SUCCEEDED, r.outcome);
        for (int i = 0; i < 3; i++) {
            String toml = Files.readString(servers.get(i).home().resolve("repository/conf/deployment.toml"));
            assertTrue(toml.contains("[authorization_manager.properties]\nGroupAndRoleSeparationEnabled = true"),
                    spec[i][0] + ": " + toml);
            assertEquals(i < 2, toml.contains("re_indexing = 1"), spec[i][0] + " re-indexed: " + toml);
            List<String> runs = servers.get(i).runs().stream().filter(l -> l.startsWith("start")).toList();
            assertEquals(i < 2 ? 2 : 1, runs.size(), spec[i][0] + ": the re-index start and the final start: " + runs);
        }
        assertTrue(r.steps.indexOf(r.step("cp1", "reindex")) < r.steps.indexOf(r.step("cp2", "reindex")), "cp1 first");
        assertEquals(StepState.NOT_ON_NODE.name(), r.step("gw1", "reindex").stateBefore);
        assertTrue(r.step("gw1", "reindex").notes.get(0).contains("not on gateway-worker nodes"), r.step("gw1", "reindex").notes.toString());

        RunReport again = engine.migrate(request.build());
        assertEquals(RunReport.Outcome.NOTHING_TO_DO, again.outcome);
        assertEquals(2, servers.get(1).runs().stream().filter(l -> l.startsWith("start")).count(), "nothing started again");
    }
}
