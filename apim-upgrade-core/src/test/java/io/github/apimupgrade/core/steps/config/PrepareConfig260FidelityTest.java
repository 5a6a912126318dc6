package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.InstallationReader;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.Workspace;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.testsupport.LegacyHomeFixture;
import io.github.apimupgrade.core.testsupport.NewHomeFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * prepare-config on a clustered 2.6.0 node shaped after wso2/kubernetes-apim v2.6.x (pattern-2, active-active):
 * the config registry mounted at /_system/nodes, the Store URL behind the load balancer, the passthrough HTTPS
 * sender's HostnameVerifier relaxed for in-cluster host names, and the realm's datasource declared under a name of
 * its own on the registry database.
 */
class PrepareConfig260FidelityTest {
    private static final String REG_URL = "jdbc:mysql://wso2apim-rdbms-service-mysql:3306/WSO2AM_REG_DB?useSSL=false";

    @TempDir
    Path dir;

    @Test
    void realPatternSettingsBecomeTheir410Keys() throws Exception {
        Path old = LegacyHomeFixture.at(dir.resolve("old"))
                .urls("jdbc:mysql://wso2apim-rdbms-service-mysql:3306/WSO2AM_APIMGT_DB?useSSL=false", REG_URL, REG_URL)
                .write();
        Path conf = old.resolve("repository/conf");
        // the realm's datasource WSO2UM_DB is the registry's database under its own name (same URL and user)
        Path ds = conf.resolve("datasources/master-datasources.xml");
        Files.writeString(ds, Files.readString(ds).replace("<username>umUser</username><password>umPass</password>",
                "<username>regUser</username><password>regPass</password>"));
        Path registry = conf.resolve("registry.xml");
        Files.writeString(registry, Files.readString(registry).replace(
                "<mount path=\"/_system/config\" overwrite=\"true\"><instanceId>gov</instanceId><targetPath>/_system/config</targetPath>",
                "<mount path=\"/_system/config\" overwrite=\"true\"><instanceId>gov</instanceId><targetPath>/_system/nodes</targetPath>"));
        Path apiManager = conf.resolve("api-manager.xml");
        Files.writeString(apiManager, Files.readString(apiManager).replace("</APIManager>", """
                    <APIStore>
                        <DisplayURL>true</DisplayURL>
                        <URL>https://wso2apim:443/store</URL>
                    </APIStore>
                </APIManager>"""));
        Files.createDirectories(conf.resolve("axis2"));
        Files.writeString(conf.resolve("axis2/axis2.xml"), """
                <axisconfig name="AxisJava2.0">
                    <transportSender name="https" class="org.apache.synapse.transport.passthru.PassThroughHttpSSLSender">
                        <parameter name="non-blocking" locked="false">true</parameter>
                        <parameter name="HostnameVerifier">AllowAll</parameter>
                    </transportSender>
                </axisconfig>
                """);
        Path neu = NewHomeFixture.write(dir.resolve("new"), "4.1.0");
        UpgradeRequest request = UpgradeRequest.builder().oldHome(old).newHome(neu).build();
        StepContext ctx = new StepContext(request, InstallationReader.readOld(old, null, List.of()),
                InstallationReader.readNew(neu, null), io.github.apimupgrade.core.path.PathCatalog.load().find(InstallationReader.readOld(old, null, List.of()).version(),
                InstallationReader.readNew(neu, null).version()), new Workspace(), null, EventSink.discard(), new Redactor(),
                null, Clock.systemUTC(), null);

        StepPlan plan = new PrepareConfigStep().plan(ctx);
        TomlParseResult t = Toml.parse(((WriteFileAction) plan.actions().get(0)).after());
        assertFalse(t.hasErrors(), t.errors().toString());
        assertEquals("/_system/nodes", t.getString("config_data.path"));
        assertFalse(t.contains("governance_data.path"), "governance is mounted at its own path");
        assertEquals("https://wso2apim:443/devportal", t.getString("apim.devportal.url"));
        assertEquals(Boolean.TRUE, t.getBoolean("apim.devportal.display_url"));
        assertEquals("AllowAll", t.getString(List.of("transport", "passthru_https", "sender", "parameters", "HostnameVerifier")));
        assertTrue(plan.manualActions().stream().noneMatch(m -> m.what().contains("APIStore/URL")
                || m.what().startsWith("Custom datasource WSO2UM_DB")), plan.manualActions().toString());
        // the admin password is still WSO2's published default: shown, and warned about
        assertTrue(plan.warnings().stream().anyMatch(w -> w.startsWith("A published WSO2 default password")
                && w.contains("admin user")), plan.warnings().toString());
    }
}
