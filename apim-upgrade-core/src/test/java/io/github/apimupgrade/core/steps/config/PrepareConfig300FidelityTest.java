package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.api.ConfigOptions;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.config.InstallationReader;
import io.github.apimupgrade.core.config.keystore.Keytool;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * prepare-config on a real-shaped 3.0.0 installation (fixture {@code deployment-3.0.0-ldap-mysql.toml}): LDAP stays
 * LDAP, escaped JDBC URLs, the config registry's mount path, versioning off in the new file, only what the operator
 * changed from 3.0.0's stock values carried; and the start gate of the server steps.
 */
class PrepareConfig300FidelityTest {
    @TempDir
    Path dir;

    private StepContext context(String oldToml, String newToml, String versioning) throws Exception {
        Path old = home("wso2am-3.0.0", "3.0.0", oldToml);
        Path neu = home("wso2am-3.1.0", "3.1.0", newToml);
        UpgradeRequest request = UpgradeRequest.builder().oldHome(old).newHome(neu)
                .config(new ConfigOptions(versioning, false, "database_unique_id", null, Secret.empty(), null)).build();
        return new StepContext(request, InstallationReader.readOld(old, null, List.of()),
                InstallationReader.readNew(neu, null), io.github.apimupgrade.core.path.PathCatalog.load().find(InstallationReader.readOld(old, null, List.of()).version(),
                InstallationReader.readNew(neu, null).version()), new Workspace(), null, EventSink.discard(), new Redactor(),
                null, Clock.systemUTC(), null);
    }

    private Path home(String name, String version, String toml) throws Exception {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("repository/conf"));
        Files.writeString(home.resolve("bin/version.txt"), "WSO2 API Manager v" + version + "\n", StandardCharsets.UTF_8);
        Files.writeString(home.resolve("repository/conf/deployment.toml"), toml, StandardCharsets.UTF_8);
        return home;
    }

    /** 3.1.0's stock file with its CORS allow_headers (apikey added in 3.1.0; product-apim v3.1.0 deployment.toml). */
    private static String new310() throws Exception {
        return Apim300Fixtures.read("/fixtures/apim-300/toml/deployment-3.1.0.toml").replace(
                "allow_methods = [\"GET\",\"PUT\",\"POST\",\"DELETE\",\"PATCH\",\"OPTIONS\"]\n",
                "allow_methods = [\"GET\",\"PUT\",\"POST\",\"DELETE\",\"PATCH\",\"OPTIONS\"]\n"
                        + "allow_headers = [\"authorization\",\"Access-Control-Allow-Origin\",\"Content-Type\",\"SOAPAction\",\"apikey\"]\n");
    }

    private static String old300() throws Exception {
        return Apim300Fixtures.read("/fixtures/apim-300/toml/deployment-3.0.0-ldap-mysql.toml");
    }

    @Test
    void ldapStaysLdapUrlsAreEscapedMountPathCarriedVersioningOffStockNotCarried() throws Exception {
        StepContext ctx = context(old300(), new310(), "auto");
        // the plugin's own JDBC connection gets the unescaped URL
        assertEquals("jdbc:mysql://mysql:3306/WSO2AM_DB?useSSL=false&autoReconnect=true&requireSSL=false"
                + "&verifyServerCertificate=false", ctx.oldHome().role(DatasourceRole.APIM_DB).orElseThrow().url());

        StepPlan plan = new PrepareConfigStep().plan(ctx);
        WriteFileAction write = (WriteFileAction) plan.actions().get(0);
        TomlParseResult t = Toml.parse(write.after());
        assertFalse(t.hasErrors(), t.errors().toString());
        // 1. the LDAP store keeps its type (migrate-identity then leaves it alone)
        assertEquals("read_write_ldap", t.getString("user_store.type"));
        assertEquals("ldap://ldap.wso2.com:389", t.getString("user_store.connection_url"));
        // 4. the new TOML keeps the escaped form 3.x templates need
        assertTrue(write.after().contains("useSSL=false&amp;autoReconnect=true&amp;requireSSL=false"), write.after());
        assertFalse(write.after().contains("&amp;amp;"), write.after());
        // 3. config_data.path is a 3.1.0 key: carried, no manual action
        assertEquals("/_system/nodes", t.getString("config_data.path"));
        assertTrue(plan.manualActions().stream().noneMatch(m -> m.what().contains("config_data")), plan.manualActions().toString());
        // 2. versioning off in the new file (seed 004), though the old file switched it on
        assertFalse(t.contains("registry.static_configuration.enable"), write.after());
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("Registry versioning is off in the new deployment.toml")
                && n.contains("the carried switch was removed")), plan.notes().toString());
        // 5. 3.0.0's stock CORS headers are not carried over 3.1.0's (which add apikey)
        assertEquals(List.of("authorization", "Access-Control-Allow-Origin", "Content-Type", "SOAPAction", "apikey"),
                t.getArray("apim.cors.allow_headers").toList());
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("Not carried, because the old file still had 3.0.0's stock value")
                && n.contains("allow_headers")), plan.notes().toString());
        // what the operator changed is carried
        assertEquals("am.wso2.com", t.getString("server.hostname"));
        // 8. published defaults are shown (file names intact) and warned about; the LDAP password is masked
        assertFalse(write.details().contains("****.jks"), write.details());
        assertFalse(write.details().contains("LdapPw300"), write.details());
        assertTrue(plan.warnings().stream().anyMatch(w -> w.startsWith("A published WSO2 default password")
                && w.contains("[super_admin] password")), plan.warnings().toString());
    }

    @Test
    void keepWritesTheSwitchesThe310TemplateReads() throws Exception {
        StepPlan plan = new PrepareConfigStep().plan(context(old300(), new310(), "keep"));
        TomlParseResult t = Toml.parse(((WriteFileAction) plan.actions().get(0)).after());
        assertEquals(Boolean.TRUE, t.getBoolean("registry.static_configuration.enable"));
        assertEquals(Boolean.TRUE, t.getBoolean("static_configuration.versioning_properties.enable"));
        assertEquals(Boolean.TRUE, t.getBoolean("static_configuration.versioning_ratings.enable"));
    }

    @Test
    void theIdentityRunTypeRuleIsSharedByBothPaths() {
        assertEquals("database", io.github.apimupgrade.core.config.toml.DeploymentTomlKeys.identityRunUserStoreType(null));
        assertEquals("database", io.github.apimupgrade.core.config.toml.DeploymentTomlKeys.identityRunUserStoreType("database_unique_id"));
        for (String ldap : List.of("read_write_ldap", "read_only_ldap", "active_directory")) {
            assertEquals(ldap, io.github.apimupgrade.core.config.toml.DeploymentTomlKeys.identityRunUserStoreType(ldap));
        }
    }

    /** 6. A [CHANGE_ME] secret or a weak primary key stops every server step while it plans. */
    @Test
    void aTomlTheServerCannotStartWithStopsTheServerSteps() throws Exception {
        Path neu = home("wso2am-4.1.0", "4.1.0", "[secrets]\nadmin_password = \"[CHANGE_ME]\"\n");
        UpgradeRequest request = UpgradeRequest.builder().oldHome(neu).newHome(neu).build();
        StepContext ctx = new StepContext(request, InstallationReader.readNew(neu, null), InstallationReader.readNew(neu, null),
                null, new Workspace(), null, EventSink.discard(), new Redactor(), null, Clock.systemUTC(), null);
        UpgradeException e = assertThrows(UpgradeException.class, () -> StartableConfig.require(ctx,
                Files.readString(ctx.deploymentToml()), "deployment.toml"));
        assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
        assertTrue(e.getMessage().contains("[secrets] admin_password still [CHANGE_ME]"), e.getMessage());

        Path security = Files.createDirectories(neu.resolve("repository/resources/security"));
        Keytool.genKeyPair(security.resolve("wso2carbon.jks"), "JKS", "wso2carbon", "wso2carbon", "RSA", 1024);
        List<String> problems = StartableConfig.problems(ctx, "[server]\nhostname = \"x\"\n");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("is RSA 1024 bits"), problems.toString());
        Keytool.genKeyPair(security.resolve("strong.jks"), "JKS", "s3cret-pw", "strong", "RSA", 2048);
        assertTrue(StartableConfig.problems(ctx, "[keystore.primary]\nfile_name = \"strong.jks\"\npassword = \"s3cret-pw\"\n"
                + "alias = \"strong\"\n").isEmpty());
    }
}
