package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.config.InstallationReader;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.Workspace;
import io.github.apimupgrade.core.steps.WriteFileAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 3.0.0 home whose [database.user] names the registry's database (with [realm_manager] data_source =
 * "WSO2USER_DB"): the carried entries are the whole story. WSO2USER_DB is not reported as an unmapped custom
 * datasource, and no note claims [database.user] was left out.
 */
class PrepareConfigTomlEraUserDbTest {
    private static final String OLD = """
            [server]
            hostname = "apim.example.com"

            [database.apim_db]
            type = "postgre"
            url = "jdbc:postgresql://db.example.com:5432/am_db"
            username = "apim"
            password = "am-secret"

            [database.shared_db]
            type = "postgre"
            url = "jdbc:postgresql://db.example.com:5432/shared_db"
            username = "apim"
            password = "shared-secret"

            [database.user]
            type = "postgre"
            url = "jdbc:postgresql://db.example.com:5432/shared_db"
            username = "apim"
            password = "shared-secret"

            [realm_manager]
            data_source = "WSO2USER_DB"
            """;
    private static final String NEW = """
            [server]
            hostname = "localhost"

            [user_store]
            type = "database_unique_id"

            [database.apim_db]
            type = "h2"
            url = "jdbc:h2:./repository/database/WSO2AM_DB;DB_CLOSE_ON_EXIT=FALSE"
            username = "wso2carbon"
            password = "wso2carbon"
            """;

    @TempDir
    Path dir;

    @Test
    void userDatabaseSharingTheRegistryIsCarriedAndNotReportedAsCustom() throws Exception {
        Path old = home("wso2am-3.0.0", "3.0.0", OLD);
        Path neu = home("wso2am-3.1.0", "3.1.0", NEW);
        Installation o = InstallationReader.readOld(old, null, List.of());
        Installation n = InstallationReader.readNew(neu, null);
        StepContext ctx = new StepContext(UpgradeRequest.builder().oldHome(old).newHome(neu).build(), o, n, io.github.apimupgrade.core.path.PathCatalog.load().find(o.version(), n.version()),
                new Workspace(), null, EventSink.discard(), new Redactor(), null, Clock.systemUTC(), null);

        StepPlan plan = new PrepareConfigStep().plan(ctx);

        TomlParseResult t = Toml.parse(((WriteFileAction) plan.actions().get(0)).after());
        assertEquals("jdbc:postgresql://db.example.com:5432/shared_db", t.getString("database.user.url"));
        assertEquals("WSO2USER_DB", t.getString("realm_manager.data_source"));
        assertEquals("jdbc:postgresql://db.example.com:5432/am_db", t.getString("database.apim_db.url"));
        assertEquals("org.postgresql.Driver", t.getString("database.apim_db.driver"));
        assertTrue(plan.manualActions().stream().noneMatch(m -> m.what().contains("WSO2USER_DB")), plan.manualActions().toString());
        assertTrue(plan.notes().stream().noneMatch(s -> s.contains("no [database.user] is written")), plan.notes().toString());
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
