package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.api.ConfigOptions;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.config.InstallationReader;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.path.PathCatalog;
import io.github.apimupgrade.core.steps.ManualAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.Workspace;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.testsupport.Apim300Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * prepare-config for the hops 3.1.0 -> 4.1.0 and 3.2.0 -> 4.1.0 (TOML to TOML): the old deployment.toml is carried
 * into a 4.1.0-shaped one, the gateway environments get the labels of the guides' step 1, and the 3.x keys 4.1.0 no
 * longer reads are findings, never silently copied or dropped.
 */
class PrepareConfig3xTo410Test {

    @TempDir
    Path dir;

    private StepContext context(String from, boolean keepDefault) throws Exception {
        Path old = home("wso2am-" + from, from, Apim300Fixtures.read("/fixtures/apim-3x/deployment-" + from + ".toml"));
        Path neu = home("wso2am-4.1.0", "4.1.0", Apim260Fixture.DEPLOYMENT_TOML_410);
        ConfigOptions d = ConfigOptions.defaults();
        UpgradeRequest request = UpgradeRequest.builder().oldHome(old).newHome(neu)
                .config(new ConfigOptions(d.registryVersioning(), keepDefault, d.userStoreTypeAfterIdentity(), null,
                        Secret.empty(), null)).build();
        return context(request);
    }

    private StepContext context(UpgradeRequest request) {
        Installation o = InstallationReader.readOld(request.oldHome(), null, List.of());
        Installation n = InstallationReader.readNew(request.newHome(), null);
        return new StepContext(request, o, n, PathCatalog.load().find(o.version(), n.version()), new Workspace(), null,
                EventSink.discard(), new Redactor(), null, Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC),
                null);
    }

    private Path home(String name, String version, String toml) throws Exception {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("repository/conf"));
        Files.writeString(home.resolve("bin/version.txt"), "WSO2 API Manager v" + version + "\n", StandardCharsets.UTF_8);
        Files.writeString(home.resolve("repository/conf/deployment.toml"), toml, StandardCharsets.UTF_8);
        return home;
    }

    @Test
    void from320TheStockGatewayBecomesTheOldOneAndTheOldAnalyticsKeysAreFindings() throws Exception {
        StepContext ctx = context("3.2.0", false);
        String before = Files.readString(ctx.deploymentToml());

        StepPlan plan = new PrepareConfigStep().plan(ctx);

        WriteFileAction write = (WriteFileAction) plan.actions().get(0);
        TomlParseResult t = Toml.parse(write.after());
        assertFalse(t.hasErrors(), t.errors().toString());
        TomlArray envs = t.getArray("apim.gateway.environment");
        assertEquals(1, envs.size(), write.after());
        assertEquals("Production and Sandbox", envs.getTable(0).getString("name"));
        assertEquals("https://gw.example.com:8243", envs.getTable(0).getString("https_endpoint"));
        assertEquals("wss://gw.example.com:8099", envs.getTable(0).getString("wss_endpoint"));
        assertEquals("wso2", envs.getTable(0).getString("provider"), "4.1.0's own keys of the element stay");
        assertEquals(List.of("Production and Sandbox"), t.getArray("apim.sync_runtime_artifacts.gateway.gateway_labels").toList());

        // the datasources and the separate user store
        assertEquals("jdbc:postgresql://db.example.com:5432/apim_db", t.getString("database.apim_db.url"));
        assertEquals("jdbc:postgresql://db.example.com:5432/um_db", t.getString("database.user.url"));
        assertEquals("WSO2USER_DB", t.getString("realm_manager.data_source"));
        assertEquals("apim.example.com", t.getString("server.hostname"));

        // 3.x analytics: not carried (4.1.0's own [apim.analytics] stands), each key a finding with line and fix
        assertEquals(Boolean.FALSE, t.getBoolean("apim.analytics.enable"));
        assertFalse(t.contains("apim.analytics.store_api_url"));
        assertFalse(t.contains("apim.analytics.url_group"));
        List<ManualAction> manual = plan.manualActions();
        assertFinding(manual, "apim.analytics.enable", "old repository/conf/deployment.toml:69", "config_endpoint and auth_token");
        assertFinding(manual, "apim.analytics.store_api_url", "old repository/conf/deployment.toml:70", "drop it");
        assertFinding(manual, "apim.analytics.url_group", "old repository/conf/deployment.toml", "[[apim.analytics.url_group]]");

        // 3.2.0's stock values are not carried over 4.1.0's (CORS allow_headers keeps "Internal-Key")
        assertEquals(List.of("authorization", "Access-Control-Allow-Origin", "Content-Type", "SOAPAction", "apikey",
                "Internal-Key"), t.getArray("apim.cors.allow_headers").toList());
        assertFalse(t.contains("server.node_ip"), "3.2.0's stock node_ip is not added to 4.1.0's file");
        assertFalse(write.details().contains("apim-db-pw"), "the diff never shows a password");
        assertEquals(before, Files.readString(ctx.deploymentToml()), "planning writes nothing");

        write.apply(ctx);
        StepPlan second = new PrepareConfigStep().plan(context(ctx.request()));
        assertTrue(second.isEmpty(), second.actions().toString());
    }

    @Test
    void from310ARenamedAndASecondEnvironmentAreLabelledAndTheOldUserStoreTypeIsKeptForTheRun() throws Exception {
        StepContext ctx = context("3.1.0", false);

        StepPlan plan = new PrepareConfigStep().plan(ctx);

        String after = ((WriteFileAction) plan.actions().get(0)).after();
        TomlParseResult t = Toml.parse(after);
        assertFalse(after.contains("static_configuration"), "guide step 1.5: versioning off in 4.1.0, no empty table left\n" + after);
        TomlArray envs = t.getArray("apim.gateway.environment");
        assertEquals(2, envs.size());
        assertEquals("Test", envs.getTable(0).getString("name"), "the guide's info box: Default renamed to Test");
        assertEquals("https://gw-test.example.com:8243", envs.getTable(0).getString("https_endpoint"));
        assertEquals("Partners", envs.getTable(1).getString("name"));
        assertEquals("production", envs.getTable(1).getString("type"));
        assertEquals(List.of("Test", "Partners"), t.getArray("apim.sync_runtime_artifacts.gateway.gateway_labels").toList());
        assertEquals(1800L, t.getLong("apim.cache.gateway_token.expiry_time"));
        assertEquals(1L, t.getLong("server.offset"));
        assertEquals("database", t.getString("user_store.type"), "guide step 3.9: the old \"database\" store");
        assertFinding(plan.manualActions(), "apim.analytics.store_api_url", "old repository/conf/deployment.toml:", "drop it");
    }

    @Test
    void keepDefaultGatewayLabelAddsTheOldEnvironmentBesideDefault() throws Exception {
        StepContext ctx = context("3.2.0", true);

        StepPlan plan = new PrepareConfigStep().plan(ctx);

        TomlParseResult t = Toml.parse(((WriteFileAction) plan.actions().get(0)).after());
        TomlArray envs = t.getArray("apim.gateway.environment");
        assertEquals(2, envs.size());
        assertEquals("Default", envs.getTable(0).getString("name"));
        assertEquals("https://localhost:${https.nio.port}", envs.getTable(0).getString("https_endpoint"));
        assertEquals("Production and Sandbox", envs.getTable(1).getString("name"));
        assertEquals(List.of("Production and Sandbox", "Default"),
                t.getArray("apim.sync_runtime_artifacts.gateway.gateway_labels").toList(), "the guide's first variant");
    }

    private static void assertFinding(List<ManualAction> manual, String key, String where, String fix) {
        assertTrue(manual.stream().anyMatch(m -> m.what().startsWith("Not carried: " + key + " (")
                && m.where().startsWith(where) && m.how().contains(fix)), key + " in " + manual);
    }
}
