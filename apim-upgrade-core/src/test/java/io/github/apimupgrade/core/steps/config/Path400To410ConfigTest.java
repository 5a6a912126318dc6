package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.config.InstallationReader;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.path.PathCatalog;
import io.github.apimupgrade.core.steps.CopyFileAction;
import io.github.apimupgrade.core.steps.ManualAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.Workspace;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.steps.resources.MigrateResourcesStep;
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

/**
 * The 4.0.0 -> 4.1.0 guide's steps 1 and 2 on an operator's 4.0.0 home (fixtures/apim-400): the old TOML is carried
 * into the stock-shaped 4.1.0 file against 4.1.0's known tables, with 4.0.0's stock values left to 4.1.0; the admin
 * role waits for finalize; the old home's own global sequence is listed in the gateway's skip list and copied.
 */
class Path400To410ConfigTest {
    private static final List<String> STOCK_SEQUENCES = List.of("_auth_failure_handler_.xml", "_cors_request_handler_.xml",
            "fault.xml", "main.xml"); // a part of the set product-apim v4.0.0 and v4.1.0 ship
    @TempDir
    Path dir;

    private Path home(String name, String version, String toml) throws Exception {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("repository/conf"));
        Files.writeString(home.resolve("bin/version.txt"), "WSO2 API Manager v" + version + "\n", StandardCharsets.UTF_8);
        Files.writeString(home.resolve("repository/conf/deployment.toml"), toml, StandardCharsets.UTF_8);
        Path sequences = Files.createDirectories(home.resolve("repository/deployment/server/synapse-configs/default/sequences"));
        for (String s : STOCK_SEQUENCES) {
            Files.writeString(sequences.resolve(s), "<sequence name=\"" + s + "\"/>\n");
        }
        return home;
    }

    private StepContext context() throws Exception {
        String oldToml = Apim300Fixtures.read("/fixtures/apim-400/toml/deployment-4.0.0.toml")
                .replace("@PG_HOST@", "db.example.com:5432").replace("@AM_DB@", "am_db").replace("@SHARED_DB@", "shared_db")
                .replace("@USER_DB@", "um_db").replace("@PG_USER@", "apimuser").replace("@PG_PASSWORD@", "apim-db-pw");
        Path old = dir.resolve("wso2am-4.0.0");
        if (!Files.exists(old)) {
            old = home("wso2am-4.0.0", "4.0.0", oldToml);
            Files.writeString(old.resolve("repository/deployment/server/synapse-configs/default/sequences/WSO2AM--Ext--In.xml"),
                    "<sequence name=\"WSO2AM--Ext--In\"><log level=\"custom\"/></sequence>\n");
            home("wso2am-4.1.0", "4.1.0", Apim300Fixtures.read("/fixtures/apim-400/toml/deployment-4.1.0.toml"));
        }
        Path neu = dir.resolve("wso2am-4.1.0");
        UpgradeRequest request = UpgradeRequest.builder().oldHome(old).newHome(neu).build();
        Installation o = InstallationReader.readOld(old, null, List.of());
        Installation n = InstallationReader.readNew(neu, null);
        return new StepContext(request, o, n, PathCatalog.load().find(o.version(), n.version()), new Workspace(), null,
                EventSink.discard(), new Redactor(), null, Clock.fixed(Instant.parse("2026-12-02T05:00:00Z"), ZoneOffset.UTC), null);
    }

    @Test
    void carriesTheFourZeroTomlAgainstFourOneKeysAndHoldsTheAdminRoleBack() throws Exception {
        StepContext ctx = context();
        assertEquals("4.0.0 -> 4.1.0", ctx.path().id());
        StepPlan plan = new PrepareConfigStep().plan(ctx);

        WriteFileAction write = (WriteFileAction) plan.actions().get(0);
        TomlParseResult t = Toml.parse(write.after());
        assertFalse(t.hasErrors(), t.errors().toString());
        // guide step 1.1-1.2: datasources (type postgre with driver and validationQuery), the separate user store
        assertEquals("jdbc:postgresql://db.example.com:5432/am_db", t.getString("database.apim_db.url"));
        assertEquals("org.postgresql.Driver", t.getString("database.shared_db.driver"));
        assertEquals("jdbc:postgresql://db.example.com:5432/um_db", t.getString("database.user.url"));
        assertEquals("WSO2USER_DB", t.getString("realm_manager.data_source"));
        // 1.3 IS 5.11.0 as resident key manager, 1.4 the encryption key, 1.6 other features
        assertEquals("https://is.example.com:9443/services/", t.getString("apim.key_manager.service_url"));
        assertEquals("WSO2-IS", t.getString("apim.key_manager.type"));
        assertEquals("3e2f9a0c5b7d41e8a6c4f1b2d9e0a7c3", t.getString("encryption.key"));
        assertEquals(true, t.getBoolean("apim.devportal.enable_application_sharing"));
        assertEquals(2, t.getArray("apim.gateway.environment").size());
        assertEquals("https://gw-internal.example.com:8243",
                t.getArray("apim.gateway.environment").getTable(1).getString("https_endpoint"));
        assertEquals(List.of("Default", "Internal"), t.getArray("apim.sync_runtime_artifacts.gateway.gateway_labels").toList());
        assertEquals(1L, t.getLong("server.offset"));
        // 4.1.0's own values stand where the old file kept 4.0.0's stock ones
        assertEquals("database_unique_id", t.getString("user_store.type"));
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("Not carried, because the old file still had 4.0.0's stock value")
                && n.contains("[apim.cors] allow_methods")), plan.notes().toString());
        // step 1 note: admin_role is not changed this time (finalize sets it)
        assertFalse(t.contains("super_admin.admin_role"), write.after());
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("admin_role = \"apimadmin\"") && n.contains("finalize")),
                plan.notes().toString());
        // step 2.6: the old home's own global sequence is kept by the gateway
        assertEquals(List.of("WSO2AM--Ext--In.xml"),
                t.getArray("apim.sync_runtime_artifacts.gateway.skip_list.sequences").toList());
        // a table 4.1.0 does not know is the operator's, with its line in the old file
        List<ManualAction> manual = plan.manualActions();
        assertTrue(manual.stream().anyMatch(m -> m.what().equals("Carry custom_audit.enable by hand: 4.1.0 does not know "
                + "[custom_audit]") && m.where().equals("old repository/conf/deployment.toml:130")), manual.toString());
        // comments of the new file stay
        assertTrue(write.after().contains("#[apim.devportal]\n#enable_application_sharing = false\n"));
        assertFalse(write.details().contains("apim-db-pw"), "the diff never shows a password");

        write.apply(ctx);
        assertTrue(new PrepareConfigStep().plan(context()).isEmpty(), "a second run changes nothing");
    }

    @Test
    void migrateResourcesCopiesTheGlobalSequenceAndNoStockOne() throws Exception {
        StepContext ctx = context();
        StepPlan plan = new MigrateResourcesStep().plan(ctx);
        List<String> copied = plan.actions().stream().filter(a -> a instanceof CopyFileAction)
                .map(a -> a.summary()).filter(s -> s.contains("sequences/")).toList();
        assertEquals(1, copied.size(), copied.toString());
        assertTrue(copied.get(0).contains("WSO2AM--Ext--In.xml"), copied.toString());
    }
}
