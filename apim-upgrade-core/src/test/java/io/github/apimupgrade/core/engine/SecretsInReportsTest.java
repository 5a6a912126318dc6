package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.server.ProcessLauncher;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepCatalog;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.testsupport.LegacyHomeFixture;
import io.github.apimupgrade.core.testsupport.NewHomeFixture;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 / 14: secrets under every key shape never reach plan.txt, report.html, report.json or the console, on
 * both paths, while WSO2's published stock defaults (wso2carbon, admin) stay readable and are warned about. The real
 * prepare-config step plans; the other steps are no-ops (their own output is not what this test is about).
 */
class SecretsInReportsTest {
    private static final List<String> SECRETS_260 = List.of("UrlPw260x", "CsSecret260x", "ApiKey260x", "Token260x",
            "AmqpPw260x", "LdapPw260x");
    private static final List<String> SECRETS_300 = List.of("UrlPw300x", "CsSecret300x", "ApiKey300x", "Token300x",
            "AmqpPw300x", "GwPw300x", "SemiPw300x");

    @TempDir
    Path dir;
    private final List<UpgradeEvent> events = new ArrayList<>();

    @Test
    void path260SecretsAreMaskedInEveryOutputFile() throws Exception {
        Path old = LegacyHomeFixture.at(dir.resolve("old"))
                .urls(TestDatabases.h2Url() + ";password=UrlPw260x", TestDatabases.h2Url(), TestDatabases.h2Url()).write();
        // an LDAP primary user store with a connection password, a broker URL with user info, and custom properties
        // named like secrets (shape of user-mgt.xml in wso2/docker-apim 2.6.x, with the LDAP store enabled)
        Path userMgt = old.resolve("repository/conf/user-mgt.xml");
        Files.writeString(userMgt, Files.readString(userMgt).replace("org.wso2.carbon.user.core.jdbc.JDBCUserStoreManager\">",
                "org.wso2.carbon.user.core.ldap.ReadWriteLDAPUserStoreManager\">"
                        + "<Property name=\"ConnectionURL\">ldap://ldap.example.com:10389</Property>"
                        + "<Property name=\"ConnectionName\">uid=admin,ou=system</Property>"
                        + "<Property name=\"ConnectionPassword\">LdapPw260x</Property>"
                        + "<Property name=\"BrokerUrl\">amqp://admin:AmqpPw260x@clientid/carbon</Property>"
                        + "<Property name=\"ClientSecret\">CsSecret260x</Property>"
                        + "<Property name=\"api_key\">ApiKey260x</Property>"
                        + "<Property name=\"token\">Token260x</Property>"));
        Path neu = NewHomeFixture.write(dir.resolve("new"), "4.1.0");
        Path report = plan(old, neu);
        assertMasked(report, SECRETS_260, "4.1.0");
        String plan = Files.readString(report.resolve("plan.txt"));
        // the values were in the output, masked (so this test can fail)
        for (String shown : List.of("ClientSecret = \"****\"", "amqp://admin:****@clientid", "api_key = \"****\"",
                "token = \"****\"", "password=****")) {
            assertTrue(plan.contains(shown), shown + "\n" + plan);
        }
    }

    @Test
    void path300SecretsAreMaskedInEveryOutputFile() throws Exception {
        Path old = dir.resolve("old300");
        Files.createDirectories(old.resolve("bin"));
        Files.createDirectories(old.resolve("repository/conf"));
        Files.writeString(old.resolve("bin/version.txt"), "WSO2 API Manager v3.0.0\n");
        // shape: wso2/docker-apim v3.0.0 docker-compose apim-with-analytics deployment.toml, with secrets added
        Files.writeString(old.resolve("repository/conf/deployment.toml"), """
                [server]
                hostname = "apim.example.com"

                [super_admin]
                username = "admin"
                password = "admin"

                [database.apim_db]
                type = "h2"
                url = "%s;password=UrlPw300x"
                username = "wso2carbon"
                password = "wso2carbon"

                [database.shared_db]
                type = "h2"
                url = "%s;DB_CLOSE_DELAY=-1;PASSWORD=SemiPw300x"
                username = "wso2carbon"
                password = "wso2carbon"

                [[apim.gateway.environment]]
                name = "Production and Sandbox"
                password = "GwPw300x"

                [apim.key_manager]
                client_secret = "CsSecret300x"

                [apim.analytics]
                api_key = "ApiKey300x"
                auth_token = "Token300x"

                [apim.throttling.jms]
                connection_url = "amqp://admin:AmqpPw300x@clientid/carbon?brokerlist='tcp://tm1:5672'"
                """.formatted(TestDatabases.h2Url(), TestDatabases.h2Url()));
        Path neu = NewHomeFixture.write(dir.resolve("new310"), "3.1.0");
        Path report = plan(old, neu);
        assertMasked(report, SECRETS_300, "3.1.0");
        String plan = Files.readString(report.resolve("plan.txt"));
        for (String shown : List.of("client_secret = \"****\"", "amqp://admin:****@clientid", "api_key = \"****\"",
                "auth_token = \"****\"", "password=****", "PASSWORD=****")) {
            assertTrue(plan.contains(shown), shown + "\n" + plan);
        }
    }

    private Path plan(Path old, Path neu) {
        StepCatalog catalog = new StepCatalog();
        for (String id : List.of("migrate-registry-versioning", "migrate-resources", "migrate-apim-db", "migrate-identity",
                "migrate-apim", "reindex", "migrate-analytics", "migrate-scope-roles", "finalize")) {
            catalog.register(id, () -> new NoOp(id));
        }
        Path report = dir.resolve("report-" + neu.getFileName());
        UpgradeRequest request = UpgradeRequest.builder().oldHome(old).newHome(neu).allowH2(true)
                .reportDirectory(report).build();
        try {
            new UpgradeEngine(events::add, Clock.systemUTC(), ProcessLauncher.system(), catalog).plan(request);
        } catch (UpgradeException e) {
            // a plan may fail (e.g. a preflight); the reports are written either way, and they are what is checked
        }
        return report;
    }

    private void assertMasked(Path report, List<String> secrets, String version) throws Exception {
        StringBuilder console = new StringBuilder();
        events.forEach(e -> console.append(e.message()).append('\n'));
        String plan = Files.readString(report.resolve("plan.txt"));
        assertTrue(plan.contains("deployment.toml"), "the plan shows the TOML diff: " + plan);
        for (String file : List.of("plan.txt", "report.html", "report.json")) {
            String text = Files.readString(report.resolve(file));
            for (String secret : secrets) {
                assertFalse(text.contains(secret), secret + " in " + file + " (" + version + ")");
            }
            // stock defaults are no secrets: file names and aliases stay readable
            assertFalse(text.contains("****.jks") || text.contains("/****/"), file);
        }
        for (String secret : secrets) {
            assertFalse(console.toString().contains(secret), secret + " on the console (" + version + ")");
        }
        assertTrue(plan.contains("A published WSO2 default password"), plan);
    }

    /** A step with nothing to do. */
    private record NoOp(String id) implements Step {
        @Override public String title() { return "no-op " + id; }
        @Override public java.util.Set<io.github.apimupgrade.core.config.DatasourceRole> databaseRoles() { return java.util.Set.of(); }
        @Override public StepPlan plan(StepContext context) { return StepPlan.builder(id).build(); }
    }
}
