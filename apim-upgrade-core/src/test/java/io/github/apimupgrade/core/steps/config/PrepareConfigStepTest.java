package io.github.apimupgrade.core.steps.config;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import io.github.apimupgrade.core.api.ConfigOptions;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrepareConfigStepTest {

    @TempDir
    Path dir;

    private final PrepareConfigStep step = new PrepareConfigStep();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    private StepContext context(Apim260Fixture f, ConfigOptions options) {
        UpgradeRequest request = UpgradeRequest.builder().oldHome(f.oldHome()).newHome(f.newHome())
                .config(options).build();
        Installation old = InstallationReader.readOld(f.oldHome(), null, List.of());
        Installation neu = InstallationReader.readNew(f.newHome(), null);
        return new StepContext(request, old, neu, io.github.apimupgrade.core.path.PathCatalog.load().find(old.version(), neu.version()), new Workspace(), null, EventSink.discard(), new Redactor(),
                null, clock, null);
    }

    private static ConfigOptions options() {
        return ConfigOptions.defaults();
    }

    private static TomlParseResult toml(String text) {
        TomlParseResult r = Toml.parse(text);
        assertFalse(r.hasErrors(), () -> r.errors().toString());
        return r;
    }

    /** The original lines the change removed or replaced, in order (every other line is byte-identical). */
    private static List<String> touchedLines(String before, String after) {
        List<String> out = new ArrayList<>();
        for (AbstractDelta<String> d : DiffUtils.diff(lines(before), lines(after)).getDeltas()) {
            out.addAll(d.getSource().getLines());
        }
        return out;
    }

    private static List<String> lines(String s) {
        return Arrays.asList(s.split("\n", -1));
    }

    /** Applies the plan, then plans again: the second plan has no action. */
    private void assertSecondRunIsNoop(Apim260Fixture f, ConfigOptions options, StepPlan plan) {
        StepContext ctx = context(f, options);
        step.apply(plan, ctx);
        StepPlan again = step.plan(context(f, options));
        assertTrue(again.actions().isEmpty(), () -> again.actions().get(0).details());
    }

    private static String manual(StepPlan plan) {
        return String.join("\n", plan.manualActions().stream().map(ManualAction::describe).toList());
    }

    @Test
    void mysqlHomeWithSeparateUserDbAndWeakKey() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).db(Apim260Fixture.Db.MYSQL).separateUserDb()
                .keystoreKeySize(1024).hostName("apim.example.com").write();
        StepContext ctx = context(f, options());
        String before = Files.readString(f.deploymentToml());

        StepPlan plan = step.plan(ctx);

        assertEquals(1, plan.actions().size());
        WriteFileAction write = (WriteFileAction) plan.actions().get(0);
        assertEquals(f.deploymentToml(), write.file());
        String after = write.after();
        // dry run shows exactly the diff of the file, passwords masked
        assertTrue(write.details().startsWith("--- a/repository/conf/deployment.toml\n+++ b/repository/conf/deployment.toml\n"),
                write.details());
        assertFalse(write.details().contains("apimpass") || write.details().contains("am&amp;Secret")
                || write.details().contains("umpass"), write.details());

        TomlParseResult t = toml(after);
        assertEquals("apim.example.com", t.getString("server.hostname"));
        assertEquals("mysql", t.getString("database.apim_db.type"));
        assertEquals("jdbc:mysql://db.example.com:3306/apimgtdb?autoReconnect=true&amp;useSSL=false",
                t.getString("database.apim_db.url"));
        assertEquals("apimuser", t.getString("database.apim_db.username"));
        assertEquals("am&amp;Secret", t.getString("database.apim_db.password"));
        assertEquals("com.mysql.jdbc.Driver", t.getString("database.apim_db.driver"));
        assertEquals("SELECT 1", t.getString("database.apim_db.validationQuery"));
        assertEquals(150L, t.getLong("database.apim_db.pool_options.maxActive"));
        assertEquals(60000L, t.getLong("database.apim_db.pool_options.maxWait"));
        assertEquals(true, t.getBoolean("database.apim_db.pool_options.testOnBorrow"));
        assertEquals(30000L, t.getLong("database.apim_db.pool_options.validationInterval"));
        assertEquals(true, t.getBoolean("database.apim_db.pool_options.removeAbandoned"));
        assertNull(t.get("database.apim_db.pool_options.validationQuery"));
        assertEquals("jdbc:mysql://db.example.com:3306/regdb?autoReconnect=true&amp;useSSL=false",
                t.getString("database.shared_db.url"));
        assertEquals("reguser", t.getString("database.shared_db.username"));
        assertEquals("jdbc:mysql://db.example.com:3306/userdb?autoReconnect=true&amp;useSSL=false",
                t.getString("database.user.url"));
        assertEquals("mysql", t.getString("database.user.type"));
        assertEquals("WSO2USER_DB", t.getString("realm_manager.data_source"));
        assertNull(t.get("database.config"));
        assertNull(t.get("database.mb"));
        assertEquals("database", t.getString("user_store.type"));
        assertEquals("^[\\S]{8,30}$", t.getString("user_store.properties.PasswordJavaRegEx"));
        assertNull(t.get("user_store.properties.ReadGroups"), "stock values are not written");
        assertEquals(5L, t.getLong("indexing.frequency"));
        assertNull(t.get("indexing.starting_delay"));
        assertEquals("Production and Sandbox", t.getArray("apim.gateway.environment").getTable(0).getString("name"));
        assertEquals("wso2", t.getArray("apim.gateway.environment").getTable(0).getString("provider"));
        assertEquals(List.of("Production and Sandbox"),
                t.getArray("apim.sync_runtime_artifacts.gateway.gateway_labels").toList());
        // weak key: internal and tls keep the old keystore; primary names the strong keystore migrate-resources creates
        assertEquals("wso2carbon.jks", t.getString("keystore.internal.file_name"));
        assertEquals("wso2carbon", t.getString("keystore.internal.alias"));
        assertEquals("wso2carbon.jks", t.getString("keystore.tls.file_name"));
        assertEquals("apim-upgrade-primary.jks", t.getString("keystore.primary.file_name"));
        assertEquals("apim-upgrade-primary", t.getString("keystore.primary.alias"));
        assertEquals(24, t.getString("keystore.primary.password").length());
        assertFalse(write.details().contains(t.getString("keystore.primary.password")), "the generated password is masked");
        assertTrue(plan.warnings().stream().anyMatch(w -> w.contains("RSA 1024 bits")), plan.warnings().toString());
        assertNull(t.get("registry.static_configuration"));
        assertNull(t.get("secrets"));
        assertTrue(manual(plan).contains("WSO2AM_STATS_DB is not migrated"), manual(plan));

        // every line not listed here is byte-identical
        assertEquals(List.of(
                "hostname = \"localhost\"",
                "type = \"database_unique_id\"",
                "type = \"h2\"",
                "url = \"jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE\"",
                "username = \"wso2carbon\"",
                "password = \"wso2carbon\"",
                "type = \"h2\"  # TODO: switch to the production database",
                "url = \"jdbc:h2:./repository/database/WSO2SHARED_DB;DB_CLOSE_ON_EXIT=FALSE\"",
                "username = \"wso2carbon\"",
                "password = \"wso2carbon\"",
                "name = \"Default\"",
                "gateway_labels =[\"Default\"]"), touchedLines(before, after));
        // in-place: the inline comment survives
        assertTrue(after.contains("type = \"mysql\"  # TODO: switch to the production database\n"));
        assertEquals("""
                [database.apim_db]
                type = "mysql"
                url = "jdbc:mysql://db.example.com:3306/apimgtdb?autoReconnect=true&amp;useSSL=false"
                username = "apimuser"
                password = "am&amp;Secret"
                driver = "com.mysql.jdbc.Driver"
                validationQuery = "SELECT 1"

                [database.apim_db.pool_options]
                maxActive = 150
                maxWait = 60000
                testOnBorrow = true
                validationInterval = 30000
                defaultAutoCommit = true
                removeAbandoned = true

                [database.shared_db]
                """, after.substring(after.indexOf("[database.apim_db]"), after.indexOf("[database.shared_db]") + 21));

        // planning changed nothing on disk
        assertEquals(before, Files.readString(f.deploymentToml()));
        try (Stream<Path> files = Files.list(f.deploymentToml().getParent())) {
            assertEquals(List.of("deployment.toml"), files.map(p -> p.getFileName().toString()).toList());
        }

        // apply: the file is written, the previous one kept as a backup
        step.apply(plan, ctx);
        assertEquals(after, Files.readString(f.deploymentToml(), StandardCharsets.UTF_8));
        Path backup = f.deploymentToml().resolveSibling("deployment.toml.apim-upgrade-20261123T120000Z.bak");
        assertEquals(before, Files.readString(backup));

        // second run: nothing to do
        StepPlan again = step.plan(context(f, options()));
        assertTrue(again.actions().isEmpty());
        assertTrue(again.notes().stream().anyMatch(n -> n.contains("nothing to change")), again.notes().toString());
    }

    @ParameterizedTest
    @EnumSource(Apim260Fixture.Db.class)
    void everyDatabaseTypeGetsTypeDriverAndValidationQuery(Apim260Fixture.Db db) throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).db(db).write();
        String before = Files.readString(f.deploymentToml());
        StepPlan plan = step.plan(context(f, options()));
        String after = ((WriteFileAction) plan.actions().get(0)).after();
        TomlParseResult t = toml(after);
        assertEquals(List.of(
                "type = \"database_unique_id\"",
                "type = \"h2\"",
                "url = \"jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE\"",
                "username = \"wso2carbon\"",
                "password = \"wso2carbon\"",
                "type = \"h2\"  # TODO: switch to the production database",
                "url = \"jdbc:h2:./repository/database/WSO2SHARED_DB;DB_CLOSE_ON_EXIT=FALSE\"",
                "username = \"wso2carbon\"",
                "password = \"wso2carbon\"",
                "name = \"Default\"",
                "gateway_labels =[\"Default\"]"), touchedLines(before, after));
        for (String table : List.of("database.apim_db", "database.shared_db")) {
            assertEquals(db.tomlType, t.getString(table + ".type"), table);
            assertEquals(db.driver, t.getString(table + ".driver"), table);
            assertEquals(db.validationQuery, t.getString(table + ".validationQuery"), table);
        }
        assertEquals(db.url("apimgtdb").replace("&", "&amp;"), t.getString("database.apim_db.url"));
        assertEquals(db.url("regdb").replace("&", "&amp;"), t.getString("database.shared_db.url"));
        assertNull(t.get("database.user"), "the user store shared the registry database");
        assertNull(t.get("realm_manager"));
        assertEquals("postgre", Apim260Fixture.Db.POSTGRESQL.tomlType);
        assertSecondRunIsNoop(f, options(), plan);
    }

    @Test
    void customGatewayEnvironmentNameAndKeepingDefault() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).environmentName("Test").write();
        String before = Files.readString(f.deploymentToml());

        String renamed = ((WriteFileAction) step.plan(context(f, options())).actions().get(0)).after();
        TomlParseResult t = toml(renamed);
        assertEquals(1, t.getArray("apim.gateway.environment").size());
        assertEquals("Test", t.getArray("apim.gateway.environment").getTable(0).getString("name"));
        assertEquals(List.of("Test"), t.getArray("apim.sync_runtime_artifacts.gateway.gateway_labels").toList());

        ConfigOptions keep = new ConfigOptions("auto", true, "database_unique_id", null, Secret.empty(), null);
        StepPlan keepPlan = step.plan(context(f, keep));
        String kept = ((WriteFileAction) keepPlan.actions().get(0)).after();
        TomlParseResult k = toml(kept);
        assertEquals(2, k.getArray("apim.gateway.environment").size());
        assertEquals("Default", k.getArray("apim.gateway.environment").getTable(0).getString("name"));
        var added = k.getArray("apim.gateway.environment").getTable(1);
        assertEquals("Test", added.getString("name"));
        assertEquals("hybrid", added.getString("type"));
        assertEquals("http://${carbon.local.ip}:${http.nio.port}", added.getString("http_endpoint"));
        assertEquals("https://${carbon.local.ip}:${https.nio.port}", added.getString("https_endpoint"));
        assertEquals("ws://${carbon.local.ip}:9099", added.getString("ws_endpoint"));
        assertEquals(List.of("Test", "Default"), k.getArray("apim.sync_runtime_artifacts.gateway.gateway_labels").toList());
        assertFalse(touchedLines(before, kept).contains("name = \"Default\""));
        assertSecondRunIsNoop(f, keep, keepPlan);
    }

    @Test
    void configDatabaseGetsItsOwnTable() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).db(Apim260Fixture.Db.POSTGRESQL).configDb().separateUserDb().write();
        TomlParseResult t = toml(((WriteFileAction) step.plan(context(f, options())).actions().get(0)).after());
        assertEquals("jdbc:postgresql://db.example.com:5432/configdb", t.getString("database.config.url"));
        assertEquals("postgre", t.getString("database.config.type"));
        assertEquals("configuser", t.getString("database.config.username"));
        assertEquals("jdbc:postgresql://db.example.com:5432/userdb", t.getString("database.user.url"));
        assertEquals("jdbc:postgresql://db.example.com:5432/regdb", t.getString("database.shared_db.url"));
    }

    @Test
    void secureVaultAliasBecomesSecretReferenceAndCipherToolAction() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).amPasswordAlias("Datasources.WSO2AM_DB.Configuration.Password").write();
        Path um = f.oldHome().resolve("repository/conf/user-mgt.xml");
        Files.writeString(um, Files.readString(um)
                .replace("<UserManager>", "<UserManager xmlns:svns=\"http://org.wso2.securevault/configuration\">")
                .replace("<Password>admin</Password>",
                        "<Password svns:secretAlias=\"UserManager.AdminUser.Password\">password</Password>"));
        StepContext ctx = context(f, options());
        StepPlan plan = step.plan(ctx);
        String after = ((WriteFileAction) plan.actions().get(0)).after();
        TomlParseResult t = toml(after);
        assertEquals("$secret{apim_db_password}", t.getString("database.apim_db.password"));
        assertEquals("[CHANGE_ME]", t.getString("secrets.apim_db_password"));
        assertEquals("$secret{admin_password}", t.getString("super_admin.password"));
        assertTrue(after.endsWith("\n[secrets]\napim_db_password = \"[CHANGE_ME]\"\nadmin_password = \"[CHANGE_ME]\"\n"),
                after);
        ManualAction cipher = plan.manualActions().stream().filter(a -> a.how() != null
                && a.how().contains("ciphertool")).findFirst().orElseThrow();
        assertEquals("cd " + f.newHome().resolve("bin") + " && ./ciphertool.sh -Dconfigure", cipher.how());
        assertTrue(cipher.what().contains("Datasources.WSO2AM_DB.Configuration.Password"), cipher.what());
        assertTrue(cipher.what().contains("UserManager.AdminUser.Password"), cipher.what());

        // once the operator filled in and encrypted the secret, a re-run keeps it and asks nothing more
        step.apply(plan, ctx);
        Files.writeString(f.deploymentToml(), after.replace("\"[CHANGE_ME]\"", "\"kXq8cipher==\""));
        StepPlan again = step.plan(context(f, options()));
        assertTrue(again.actions().isEmpty());
        assertTrue(again.manualActions().stream().noneMatch(a -> a.how() != null && a.how().contains("ciphertool")));
    }

    @Test
    void weakKeyWithAStrongPrimaryKeystoreGivesTheThreeKeystoreTables() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).keystoreKeySize(1024).write();
        Path strong = dir.resolve("primary.jks");
        Apim260Fixture.keytool(strong, "newkey", "strongpass", 2048);
        ConfigOptions opts = new ConfigOptions("auto", false, "database_unique_id", strong, Secret.of("strongpass"),
                "newkey");
        StepPlan plan = step.plan(context(f, opts));
        TomlParseResult t = toml(((WriteFileAction) plan.actions().get(0)).after());
        assertEquals("primary.jks", t.getString("keystore.primary.file_name"));
        assertEquals("JKS", t.getString("keystore.primary.type"));
        assertEquals("strongpass", t.getString("keystore.primary.password"));
        assertEquals("newkey", t.getString("keystore.primary.alias"));
        assertEquals("strongpass", t.getString("keystore.primary.key_password"));
        assertEquals("wso2carbon.jks", t.getString("keystore.internal.file_name"));
        assertEquals("wso2carbon", t.getString("keystore.internal.password"));
        assertEquals("wso2carbon.jks", t.getString("keystore.tls.file_name"));
        assertTrue(manual(plan).contains("cp " + strong), manual(plan));
        assertFalse(plan.actions().get(0).details().contains("strongpass"));
        assertSecondRunIsNoop(f, opts, plan);

        ConfigOptions weakPrimary = new ConfigOptions("auto", false, "database_unique_id",
                f.oldHome().resolve("repository/resources/security/wso2carbon.jks"), Secret.of("wso2carbon"), null);
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.plan(context(f, weakPrimary)));
        assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
    }

    @Test
    void strongStockKeystoreWritesNoKeystoreTables() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).keystoreKeySize(2048).write();
        TomlParseResult t = toml(((WriteFileAction) step.plan(context(f, options())).actions().get(0)).after());
        assertNull(t.get("keystore.primary"));
        assertNull(t.get("keystore.internal"));
        assertEquals("wso2carbon.jks", t.getString("keystore.tls.file_name"));
    }

    @Test
    void changedApiManagerSettingsAreMappedAndTheRestReported() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).customisedApiManager().offset("2").write();
        Path am = f.oldHome().resolve("repository/conf/api-manager.xml");
        Files.writeString(am, Files.readString(am).replace("</OAuthConfigurations>", """
                    <ScopeWhitelist>
                        <Scope>^device_.*</Scope>
                        <Scope>openid</Scope>
                        <Scope>internal_custom</Scope>
                    </ScopeWhitelist>
                </OAuthConfigurations>""").replace("</APIManager>", """
                <APIKeyManager>
                    <KeyManagerClientImpl>com.example.OktaClient</KeyManagerClientImpl>
                    <Configuration><ServerURL>https://okta.example.com</ServerURL></Configuration>
                </APIKeyManager>
                </APIManager>"""));
        StepPlan plan = step.plan(context(f, options()));
        TomlParseResult t = toml(((WriteFileAction) plan.actions().get(0)).after());
        assertEquals(2L, t.getLong("server.offset"));
        assertEquals(true, t.getBoolean("apim.jwt.enable"));
        assertEquals(true, t.getBoolean("apim.devportal.display_multiple_versions"));
        assertEquals(500L, t.getLong("apim.throttling.publisher.max_idle"));
        assertEquals(List.of("authorization", "Content-Type", "X-Custom", "apikey", "Internal-Key"),
                t.getArray("apim.cors.allow_headers").toList());
        assertEquals(List.of("^device_.*", "openid", "internal_custom"), t.getArray("apim.oauth_config.allowed_scopes").toList());
        assertNull(t.get("apim.oauth_config.revoke_endpoint"), "stock values are not carried");
        assertNull(t.get("apim.oauth_config.token_endpoint_context"), "stock values are not carried");
        assertNull(t.get("apim.analytics.config_endpoint"));
        assertEquals(false, t.getBoolean("apim.analytics.enable"));
        String manual = manual(plan);
        assertTrue(manual.contains("/APIManager/MyCompanyAuditHook/Endpoint is not a stock 2.6.0 setting"), manual);
        assertTrue(manual.contains("api-manager.xml:"), manual);
        assertTrue(manual.contains("/APIManager/AuthManager/CheckPermissionsRemotely = true"), manual);
        assertTrue(manual.contains("API-M analytics was enabled"), manual);
        assertEquals(1, plan.manualActions().stream().filter(a -> a.what().contains("third-party key manager")).count(),
                manual);
        assertFalse(manual.contains("/APIManager/APIKeyManager/KeyManagerClientImpl is not a stock"), manual);
        assertSecondRunIsNoop(f, options(), plan);
    }

    @Test
    void keepingRegistryVersioningWritesTheStaticConfiguration() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).write();
        ConfigOptions keep = new ConfigOptions("keep", false, "database_unique_id", null, Secret.empty(), null);
        StepPlan plan = step.plan(context(f, keep));
        TomlParseResult t = toml(((WriteFileAction) plan.actions().get(0)).after());
        assertEquals(true, t.getBoolean("registry.static_configuration.enable"));
        for (String k : List.of("versioning_properties", "versioning_comments", "versioning_tags", "versioning_ratings")) {
            assertEquals(true, t.getBoolean("registry.static_configuration." + k + ".enable"), k);
        }
        assertTrue(plan.warnings().stream().anyMatch(w -> w.contains("NOT recommended")));

        TomlParseResult auto = toml(((WriteFileAction) step.plan(context(f, options())).actions().get(0)).after());
        assertNull(auto.get("registry"));
        assertSecondRunIsNoop(f, keep, plan);
    }

    @Test
    void malformedOldXmlNamesFileAndLine() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).write();
        Path apiManager = f.oldHome().resolve("repository/conf/api-manager.xml");
        Files.writeString(apiManager, "<APIManager>\n  <DataSourceName>jdbc/WSO2AM_DB</DataSourceName>\n"
                + "  <GatewayType>Synapse</Gateway>\n</APIManager>\n");
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.plan(context(f, options())));
        assertEquals(ErrorCode.MALFORMED_FILE, e.code());
        assertTrue(e.location().endsWith("api-manager.xml:3"), e.location());
    }

    @Test
    void malformedTomlNamesFileAndLine() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).write();
        Files.writeString(f.deploymentToml(), "[server]\nhostname = \"x\"\n[server\n");
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.plan(context(f, options())));
        assertEquals(ErrorCode.MALFORMED_FILE, e.code());
        assertTrue(e.location().startsWith("repository/conf/deployment.toml:3:"), e.location());
    }

    @Test
    void unsupportedDatabaseUrlFailsBeforeAnyChange() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).write();
        Path ds = f.oldHome().resolve("repository/conf/datasources/master-datasources.xml");
        Files.writeString(ds, Files.readString(ds).replace("jdbc:mysql://db.example.com:3306/apimgtdb",
                "jdbc:informix-sqli://db:1526/apimgtdb"));
        String before = Files.readString(f.deploymentToml());
        UpgradeException e = assertThrows(UpgradeException.class, () -> step.plan(context(f, options())));
        assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
        assertTrue(e.location().contains("master-datasources.xml:"), e.location());
        assertEquals(before, Files.readString(f.deploymentToml()));
    }

    @Test
    void crlfRegistryAndTomlAreHandled() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).write();
        String crlf = Apim260Fixture.DEPLOYMENT_TOML_410.replace("\n", "\r\n");
        Files.writeString(f.deploymentToml(), crlf);
        String after = ((WriteFileAction) step.plan(context(f, options())).actions().get(0)).after();
        toml(after);
        assertFalse(after.replace("\r\n", "").contains("\n"), "every line ends with CRLF");
        assertTrue(Stream.of(after.split("\r\n")).anyMatch(l -> l.equals("type = \"mysql\"")));
    }

    @Test
    void vaultedKeystorePasswordStillAllowsTheKeySizeCheck() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).keystoreKeySize(1024).keystorePasswordInVault().write();
        StepPlan plan = step.plan(context(f, options()));
        String after = ((WriteFileAction) plan.actions().get(0)).after();
        TomlParseResult t = toml(after);
        assertEquals("$secret{keystore_password}", t.getString("keystore.internal.password"));
        assertEquals("$secret{keystore_key_password}", t.getString("keystore.internal.key_password"));
        assertEquals("$secret{keystore_password}", t.getString("keystore.tls.password"));
        assertEquals("[CHANGE_ME]", t.getString("secrets.keystore_password"));
        assertEquals("[CHANGE_ME]", t.getString("secrets.keystore_key_password"));
        assertTrue(after.endsWith("[secrets]\nkeystore_password = \"[CHANGE_ME]\"\n"
                + "keystore_key_password = \"[CHANGE_ME]\"\n"), after);
        assertTrue(plan.warnings().stream().anyMatch(w -> w.contains("RSA 1024 bits")), plan.warnings().toString());
        assertTrue(manual(plan).contains("Carbon.Security.KeyStore.Password"), manual(plan));
        assertSecondRunIsNoop(f, options(), plan);
    }

    @Test
    void referencedButMissingDatasourceIsNamed() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).write();
        Path um = f.oldHome().resolve("repository/conf/user-mgt.xml");
        Files.writeString(um, Files.readString(um).replace("jdbc/WSO2REG_DB", "jdbc/WSO2UM_DB"));
        UpgradeException e = assertThrows(UpgradeException.class, () -> context(f, options()));
        assertEquals(ErrorCode.DATASOURCE_MISSING, e.code());
        assertTrue(e.getMessage().contains("jdbc/WSO2UM_DB"), e.getMessage());
        assertTrue(e.location().contains("user-mgt.xml:"), e.location());
    }

    @Test
    void tomlEraOldHomeCarriesItsDatabases() throws Exception {
        Path old = dir.resolve("wso2am-3.0.0");
        Path neu = dir.resolve("wso2am-3.1.0");
        Files.createDirectories(old.resolve("repository/conf"));
        Files.createDirectories(old.resolve("bin"));
        Files.createDirectories(neu.resolve("repository/conf"));
        Files.createDirectories(neu.resolve("bin"));
        Files.writeString(old.resolve("bin/version.txt"), "WSO2 API Manager v3.0.0\n");
        Files.writeString(neu.resolve("bin/version.txt"), "WSO2 API Manager v3.1.0\n");
        Files.writeString(old.resolve("repository/conf/deployment.toml"), """
                [database.apim_db]
                type = "postgre"
                url = "jdbc:postgresql://db:5432/am?ssl=true&amp;sslmode=require"
                username = "am"
                password = "ampass"

                [database.shared_db]
                type = "postgre"
                url = "jdbc:postgresql://db:5432/shared"
                username = "shared"
                password = "sharedpass"
                """);
        Files.writeString(neu.resolve("repository/conf/deployment.toml"), Apim260Fixture.DEPLOYMENT_TOML_410);
        UpgradeRequest request = UpgradeRequest.builder().oldHome(old).newHome(neu).build();
        StepContext ctx = new StepContext(request, InstallationReader.readOld(old, null, List.of()),
                InstallationReader.readNew(neu, null), io.github.apimupgrade.core.path.PathCatalog.load().find(InstallationReader.readOld(old, null, List.of()).version(),
                InstallationReader.readNew(neu, null).version()), new Workspace(), null, EventSink.discard(), new Redactor(),
                null, clock, null);
        StepPlan plan = step.plan(ctx);
        TomlParseResult t = toml(((WriteFileAction) plan.actions().get(0)).after());
        assertEquals("jdbc:postgresql://db:5432/am?ssl=true&amp;sslmode=require", t.getString("database.apim_db.url"),
                "already escaped in the old TOML: not escaped twice");
        assertEquals("postgre", t.getString("database.apim_db.type"));
        assertEquals("org.postgresql.Driver", t.getString("database.apim_db.driver"));
        assertEquals("jdbc:postgresql://db:5432/shared", t.getString("database.shared_db.url"));
        assertEquals("database", t.getString("user_store.type"));
        // the rest of the old TOML is carried by TomlCarryOver (PrepareConfigTomlEraTest); nothing is left to do by hand here
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("Carried the old deployment.toml")), plan.notes().toString());
        assertFalse(manual(plan).contains("old deployment.toml"), manual(plan));
    }

    @Test
    void ldapUserStoreCarriesItsPropertiesAndVaultedConnectionPassword() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).write();
        Path um = f.oldHome().resolve("repository/conf/user-mgt.xml");
        String text = Files.readString(um);
        String jdbc = text.substring(text.indexOf("<UserStoreManager class=\"org.wso2.carbon.user.core.jdbc"),
                text.indexOf("<AuthorizationManager"));
        Files.writeString(um, text.replace("<UserManager>",
                        "<UserManager xmlns:svns=\"http://org.wso2.securevault/configuration\">")
                .replace(jdbc, """
                        <UserStoreManager class="org.wso2.carbon.user.core.ldap.ReadWriteLDAPUserStoreManager">
                                    <Property name="ConnectionURL">ldap://ldap.example.com:389</Property>
                                    <Property name="ConnectionName">uid=admin,ou=system</Property>
                                    <Property name="ConnectionPassword" svns:secretAlias="UserStoreManager.Property.ConnectionPassword">password</Property>
                                    <Property name="UserSearchBase">ou=Users,dc=example,dc=com</Property>
                                    <Property name="ReadGroups">true</Property>
                                </UserStoreManager>
                        """));
        StepPlan plan = step.plan(context(f, options()));
        TomlParseResult t = toml(((WriteFileAction) plan.actions().get(0)).after());
        assertEquals("read_write_ldap", t.getString("user_store.type"));
        assertEquals("ldap://ldap.example.com:389", t.getString("user_store.properties.ConnectionURL"));
        assertEquals("uid=admin,ou=system", t.getString("user_store.properties.ConnectionName"));
        assertEquals("ou=Users,dc=example,dc=com", t.getString("user_store.properties.UserSearchBase"));
        assertEquals(true, t.getBoolean("user_store.properties.ReadGroups"));
        assertEquals("$secret{user_store_connection_password}", t.getString("user_store.properties.ConnectionPassword"));
        assertEquals("[CHANGE_ME]", t.getString("secrets.user_store_connection_password"));
        assertSecondRunIsNoop(f, options(), plan);
    }

    @Test
    void severalOldEnvironmentsRenameDefaultAndAppendTheRest() throws Exception {
        Apim260Fixture f = Apim260Fixture.at(dir).environmentName("Production").write();
        Path am = f.oldHome().resolve("repository/conf/api-manager.xml");
        Files.writeString(am, Files.readString(am).replace("</Environments>", """
                    <Environment type="sandbox" api-console="false">
                        <Name>Sandbox</Name>
                        <ServerURL>https://sbx.example.com:9443/services/</ServerURL>
                        <Username>${admin.username}</Username>
                        <Password>${admin.password}</Password>
                        <GatewayEndpoint>http://sbx.example.com:8280,https://sbx.example.com:8243</GatewayEndpoint>
                    </Environment>
                </Environments>"""));
        StepPlan plan = step.plan(context(f, options()));
        TomlParseResult t = toml(((WriteFileAction) plan.actions().get(0)).after());
        var envs = t.getArray("apim.gateway.environment");
        assertEquals(2, envs.size());
        assertEquals("Production", envs.getTable(0).getString("name"));
        assertEquals("https://localhost:${mgt.transport.https.port}/services/", envs.getTable(0).getString("service_url"),
                "stock values of the old environment do not overwrite 4.1.0's");
        assertEquals("Sandbox", envs.getTable(1).getString("name"));
        assertEquals("sandbox", envs.getTable(1).getString("type"));
        assertEquals(false, envs.getTable(1).getBoolean("display_in_api_console"));
        assertEquals("https://sbx.example.com:8243", envs.getTable(1).getString("https_endpoint"));
        assertEquals(List.of("Production", "Sandbox"),
                t.getArray("apim.sync_runtime_artifacts.gateway.gateway_labels").toList());
        assertSecondRunIsNoop(f, options(), plan);
    }
}
