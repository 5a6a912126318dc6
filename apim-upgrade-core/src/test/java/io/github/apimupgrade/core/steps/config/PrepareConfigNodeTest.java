package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.config.InstallationReader;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.steps.ManualAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.Workspace;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.testsupport.Apim300Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each node's deployment.toml carries that node's own settings (issue 17). */
class PrepareConfigNodeTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    private StepContext context(Path oldHome, Path newHome, boolean runsDatabaseSteps) {
        UpgradeRequest request = UpgradeRequest.builder().oldHome(oldHome).newHome(newHome).build();
        Installation old = InstallationReader.readNode(oldHome, null, List.of(), runsDatabaseSteps);
        Installation neu = InstallationReader.readNew(newHome, null);
        return new StepContext(request, old, neu, io.github.apimupgrade.core.path.PathCatalog.load().find(old.version(),
                neu.version()), new Workspace(), null, EventSink.discard(), new Redactor(),
                null, clock, null);
    }

    private static TomlParseResult written(StepPlan plan) {
        WriteFileAction write = (WriteFileAction) plan.actions().get(0);
        TomlParseResult t = Toml.parse(write.after());
        assertFalse(t.hasErrors(), () -> t.errors().toString());
        return t;
    }

    @Test
    void aGatewayNodeGetsItsOwnRoleUrlsReceiversAndTheEventHubOfItsCluster() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).gatewayNodeOf("aio1.example.com").write();

        StepPlan plan = new PrepareConfigStep().plan(context(f.oldHome(), f.newHome(), false));
        TomlParseResult t = written(plan);

        assertEquals("gateway-worker", t.getString("server.server_role"));
        assertEquals("https://aio1.example.com:9443${carbon.context}services/", t.getString("apim.key_manager.service_url"));
        assertEquals("{tcp://aio1.example.com:9611},{tcp://tm2.example.com:9611}", t.getString("apim.throttling.receiver_url"));
        assertEquals("{ssl://aio1.example.com:9711},{ssl://tm2.example.com:9711}",
                t.getString("apim.throttling.receiver_auth_url"));
        assertEquals(Boolean.FALSE, t.getBoolean("apim.throttling.enable_policy_deploy"));
        assertEquals(Boolean.TRUE, t.getBoolean("apim.event_hub.enable"));
        assertEquals("https://aio1.example.com:9443${carbon.context}services/", t.getString("apim.event_hub.service_url"));
        assertEquals(List.of("tcp://aio1.example.com:5672"), t.getArray("apim.event_hub.event_listening_endpoints").toList());
        assertEquals("$ref{super_admin.username}", t.getString("apim.event_hub.username"));
        // its own H2 WSO2AM_DB is not a cluster database: the 4.1.0 default local H2 stays
        assertEquals("h2", t.getString("database.apim_db.type"));
        assertEquals("jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE",
                t.getString("database.apim_db.url"));
        assertEquals("jdbc:mysql://db.example.com:3306/regdb?autoReconnect=true&amp;useSSL=false",
                t.getString("database.shared_db.url"));
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("WSO2AM_DB (apim_db) is this node's own embedded H2 "
                + "database")), () -> plan.notes().toString());
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("This node's old home is configured as gateway-worker (")),
                () -> plan.notes().toString());
        assertTrue(plan.warnings().stream().anyMatch(w -> w.startsWith("[apim.event_hub] of this gateway node points at")),
                () -> plan.warnings().toString());
        assertTrue(plan.manualActions().stream().map(ManualAction::what).noneMatch(w -> w.contains("WSO2AM_DB")),
                () -> plan.manualActions().toString());
    }

    @Test
    void theAllInOneNodeOfTheSameClusterGetsNoNodeSettings() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).write();

        TomlParseResult t = written(new PrepareConfigStep().plan(context(f.oldHome(), f.newHome(), true)));

        assertEquals("default", t.getString("server.server_role")); // the 4.1.0 stock value, untouched
        assertNull(t.get("apim.event_hub"));
        assertEquals("jdbc:mysql://db.example.com:3306/apimgtdb?autoReconnect=true&amp;useSSL=false",
                t.getString("database.apim_db.url"));
    }

    @Test
    void aStoreNodeOf300BecomesA310DevportalNodeItsOwnSettingsCarried() throws Exception {
        String oldToml = Apim300Fixtures.read("/fixtures/apim-300/toml/deployment-3.0.0.toml")
                .replace("server_role = \"default\"", "server_role = \"api-store\"");
        assertTrue(oldToml.contains("server_role = \"api-store\""));
        Path old = home("wso2am-3.0.0", "3.0.0", oldToml);
        Path neu = home("wso2am-3.1.0", "3.1.0", Apim300Fixtures.read("/fixtures/apim-300/toml/deployment-3.1.0.toml"));
        // the server roles of wso2/product-apim v3.1.0 modules/distribution/product/src/main/resources/conf/infer.json
        Files.createDirectories(neu.resolve("repository/resources/conf"));
        Files.writeString(neu.resolve("repository/resources/conf/infer.json"), """
                {"server.server_role": {"gateway-worker": {}, "api-key-manager": {}, "api-publisher": {},
                 "api-devportal": {}, "traffic-manager": {}, "default": {}}}
                """);

        TomlParseResult t = written(new PrepareConfigStep().plan(context(old, neu, true)));

        assertEquals("api-devportal", t.getString("server.server_role")); // 3.1.0 has no api-store role
        assertEquals("apim.example.com", t.getString("server.hostname"));
        assertEquals(List.of("tcp://tm1.example.com:5672", "tcp://tm2.example.com:5672"),
                t.getArray("apim.throttling.throttle_decision_endpoints").toList());
        assertNull(t.get("apim.event_hub")); // 3.1.0 has no event hub
    }

    @Test
    void aGatewayNodeOf300KeepsItsRoleAndReceiversIn310() throws Exception {
        String oldToml = Apim300Fixtures.read("/fixtures/apim-300/toml/deployment-3.0.0.toml")
                .replace("server_role = \"default\"", "server_role = \"gateway-worker\"");
        Path old = home("wso2am-3.0.0", "3.0.0", oldToml);
        Path neu = home("wso2am-3.1.0", "3.1.0", Apim300Fixtures.read("/fixtures/apim-300/toml/deployment-3.1.0.toml"));
        Files.createDirectories(neu.resolve("repository/resources/conf"));
        Files.writeString(neu.resolve("repository/resources/conf/infer.json"), """
                {"server.server_role": {"gateway-worker": {}, "api-key-manager": {}, "api-publisher": {},
                 "api-devportal": {}, "traffic-manager": {}, "default": {}}}
                """);

        TomlParseResult t = written(new PrepareConfigStep().plan(context(old, neu, false)));

        assertEquals("gateway-worker", t.getString("server.server_role"));
        assertEquals(List.of("tcp://tm1.example.com:5672", "tcp://tm2.example.com:5672"),
                t.getArray("apim.throttling.throttle_decision_endpoints").toList());
    }

    private Path home(String name, String version, String toml) throws Exception {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("repository/conf"));
        Files.writeString(home.resolve("bin/version.txt"), "WSO2 API Manager v" + version + "\n", StandardCharsets.UTF_8);
        Files.writeString(home.resolve("repository/conf/deployment.toml"), toml, StandardCharsets.UTF_8);
        return home;
    }
}
