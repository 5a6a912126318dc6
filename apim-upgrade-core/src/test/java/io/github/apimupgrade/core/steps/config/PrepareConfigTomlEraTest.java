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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** prepare-config for a TOML-era old home (3.0.0 -> 3.1.0): the old deployment.toml is carried key by key. */
class PrepareConfigTomlEraTest {

    @TempDir
    Path dir;

    private StepContext context() throws Exception {
        Path old = home("wso2am-3.0.0", "3.0.0", Apim300Fixtures.read("/fixtures/apim-300/toml/deployment-3.0.0.toml"));
        Path neu = home("wso2am-3.1.0", "3.1.0", Apim300Fixtures.read("/fixtures/apim-300/toml/deployment-3.1.0.toml"));
        UpgradeRequest request = UpgradeRequest.builder().oldHome(old).newHome(neu).build();
        Installation o = InstallationReader.readOld(old, null, List.of());
        Installation n = InstallationReader.readNew(neu, null);
        return new StepContext(request, o, n, io.github.apimupgrade.core.path.PathCatalog.load().find(o.version(), n.version()), new Workspace(), null, EventSink.discard(), new Redactor(), null,
                Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC), null);
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
    void carriesTheOldTomlKeyByKeyAndListsWhatItCannotPlace() throws Exception {
        StepContext ctx = context();
        String before = Files.readString(ctx.deploymentToml());

        StepPlan plan = new PrepareConfigStep().plan(ctx);

        WriteFileAction write = (WriteFileAction) plan.actions().get(0);
        TomlParseResult t = Toml.parse(write.after());
        assertFalse(t.hasErrors(), t.errors().toString());
        assertEquals("apim.example.com", t.getString("server.hostname"));
        assertEquals(2L, t.getLong("server.offset"));
        assertEquals("jdbc:postgresql://db.example.com:5432/am_db", t.getString("database.apim_db.url"));
        assertEquals("jdbc:postgresql://db.example.com:5432/um_db", t.getString("database.user.url"));
        assertEquals("WSO2USER_DB", t.getString("realm_manager.data_source"));
        assertEquals("database", t.getString("user_store.type"));
        assertEquals("apim-tls.jks", t.getString("keystore.tls.file_name"));
        assertEquals(2, t.getArray("apim.gateway.environment").size());
        assertEquals("Internal", t.getArray("apim.gateway.environment").getTable(1).getString("name"));
        assertEquals("https://gw1.example.com:8243", t.getArray("apim.gateway.environment").getTable(0).getString("https_endpoint"));
        assertEquals(List.of("tcp://tm1.example.com:5672", "tcp://tm2.example.com:5672"),
                t.getArray("apim.throttling.throttle_decision_endpoints").toList());
        assertEquals(5L, t.getLong("apim.throttling.jms.start_delay"));
        assertFalse(t.contains("custom_feature"));
        // comments and untouched lines of the new file are kept
        for (String line : List.of("# key manager implementation", "#[keystore.primary]", "mode = \"single\" #single or ha",
                "#[apim.throttling]", "allow_methods = [\"GET\",\"PUT\",\"POST\",\"DELETE\",\"PATCH\",\"OPTIONS\"]")) {
            assertTrue(write.after().contains(line + "\n"), line);
        }
        assertFalse(write.details().contains("apim-db-pw"), "the diff never shows a password");

        List<ManualAction> manual = plan.manualActions();
        assertTrue(manual.stream().anyMatch(m -> m.what().startsWith("Carry custom_feature.flag by hand")
                && m.where().equals("old repository/conf/deployment.toml:86")), manual.toString());
        assertTrue(manual.stream().anyMatch(m -> m.what().contains("secure vault") && m.how().endsWith("./ciphertool.sh -Dconfigure")),
                manual.toString());
        assertTrue(manual.stream().noneMatch(m -> m.what().startsWith("Carry the other customisations")), manual.toString());
        assertEquals(before, Files.readString(ctx.deploymentToml()), "planning writes nothing");

        write.apply(ctx);
        StepPlan second = new PrepareConfigStep().plan(context2(ctx));
        assertTrue(second.isEmpty(), second.actions().toString());
    }

    /** A fresh context on the same homes (the second run). */
    private StepContext context2(StepContext first) {
        Installation o = InstallationReader.readOld(first.oldHome().home(), null, List.of());
        Installation n = InstallationReader.readNew(first.newHome().home(), null);
        return new StepContext(first.request(), o, n, first.path(), new Workspace(), null, EventSink.discard(), new Redactor(),
                null, first.clock(), null);
    }
}
