package io.github.apimupgrade.core.steps.resources;

import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.keystore.Keytool;
import io.github.apimupgrade.core.steps.CopyFileAction;
import io.github.apimupgrade.core.steps.ManualAction;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.WriteFileAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrateResourcesStepTest {

    @TempDir
    Path dir;

    private static Set<String> copyTargets(StepPlan plan, Path home) {
        return plan.actions().stream().filter(a -> a.kind() == PlannedAction.Kind.FILE_COPY)
                .map(a -> home.relativize(((CopyFileAction) a).target()).toString()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String everything(StepPlan plan) {
        return String.join("\n", plan.notes()) + "\n" + String.join("\n", plan.warnings()) + "\n"
                + plan.manualActions().stream().map(ManualAction::describe).collect(Collectors.joining("\n")) + "\n"
                + plan.actions().stream().map(a -> a.summary() + "\n" + a.details()).collect(Collectors.joining("\n"));
    }

    private static String carbonXml(String password) {
        return """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <Server xmlns="http://wso2.org/projects/carbon/carbon.xml">
                    <Security>
                        <KeyStore>
                            <Location>${carbon.home}/repository/resources/security/wso2carbon.jks</Location>
                            <Type>JKS</Type>
                            <Password>%1$s</Password>
                            <KeyAlias>wso2carbon</KeyAlias>
                            <KeyPassword>%1$s</KeyPassword>
                        </KeyStore>
                        <InternalKeyStore>
                            <Location>${carbon.home}/repository/resources/security/wso2carbon.jks</Location>
                            <Type>JKS</Type>
                            <Password>%1$s</Password>
                            <KeyAlias>wso2carbon</KeyAlias>
                            <KeyPassword>%1$s</KeyPassword>
                        </InternalKeyStore>
                        <TrustStore>
                            <Location>${carbon.home}/repository/resources/security/client-truststore.jks</Location>
                            <Type>JKS</Type>
                            <Password>%1$s</Password>
                        </TrustStore>
                    </Security>
                </Server>
                """.formatted(password);
    }

    @Test
    void keystoresAreCopiedInspectedAndAWeakPrimaryKeyIsHandedToPrepareConfig() throws Exception {
        Homes homes = Homes.twoSixToFourOne(dir);
        String pw = "S3cretPass";
        Path oldSec = homes.old.resolve("repository/resources/security");
        Path newSec = homes.neu.resolve("repository/resources/security");
        Files.createDirectories(oldSec);
        Files.createDirectories(newSec);
        Keytool.genKeyPair(oldSec.resolve("wso2carbon.jks"), "JKS", pw, "wso2carbon", "RSA", 1024);
        Keytool.trust(oldSec.resolve("wso2carbon.jks"), pw, "wso2carbon", oldSec.resolve("client-truststore.jks"), "JKS", pw);
        Keytool.genKeyPair(oldSec.resolve("partner.p12"), "PKCS12", pw, "partner", "EC", 256);
        Homes.write(oldSec.resolve("README.txt"), "not a keystore");
        Keytool.genKeyPair(newSec.resolve("wso2carbon.jks"), "JKS", "wso2carbon", "wso2carbon", "RSA", 2048);
        byte[] stockNew = Files.readAllBytes(newSec.resolve("wso2carbon.jks"));
        Homes.write(homes.old.resolve("repository/conf/carbon.xml"), carbonXml(pw));
        Homes.write(homes.old.resolve("repository/conf/tomcat/catalina-server.xml"), """
                <Server port="8005" shutdown="SHUTDOWN">
                    <Service name="Catalina">
                        <Connector protocol="org.apache.coyote.http11.Http11NioProtocol" port="9763"/>
                        <Connector protocol="org.apache.coyote.http11.Http11NioProtocol" port="9443" SSLEnabled="true"
                                   keystoreFile="${carbon.home}/repository/resources/security/wso2carbon.jks"
                                   keystorePass="%s"/>
                    </Service>
                </Server>
                """.formatted(pw));

        MigrateResourcesStep step = new MigrateResourcesStep();
        StepContext ctx = homes.context();
        StepPlan plan = step.plan(ctx);

        assertEquals(Set.of("repository/resources/security/client-truststore.jks", "repository/resources/security/partner.p12",
                "repository/resources/security/wso2carbon.jks"), copyTargets(plan, homes.neu));
        String notes = String.join("\n", plan.notes());
        assertTrue(notes.contains("Keystore [old] repository/resources/security/wso2carbon.jks (JKS) wso2carbon: key RSA 1024 bits, CN=wso2carbon,O=Test, expires "), notes);
        assertTrue(notes.contains("Keystore [old] repository/resources/security/partner.p12 (PKCS12) partner: key EC 256 bits"), notes);
        assertTrue(notes.contains("Keystore [old] repository/resources/security/client-truststore.jks (JKS) wso2carbon: cert RSA 1024 bits"), notes);
        assertTrue(plan.warnings().stream().anyMatch(w -> w.startsWith("The primary key 'wso2carbon' of wso2carbon.jks is RSA 1024 bits (< 2048):"
                + " API-M 4.1.0 requires at least 2048 bits. prepare-config keeps wso2carbon.jks as the internal (and tls) keystore")), plan.warnings().toString());
        ManualAction create = plan.manualActions().stream().filter(m -> m.what().startsWith("Create a primary keystore")).findFirst().orElseThrow();
        assertTrue(create.how().startsWith("keytool -genkeypair -alias wso2carbon -keyalg RSA -keysize 2048 -validity 3650 -storetype JKS -keystore "
                + newSec.resolve("primary.jks")), create.how());
        assertFalse(everything(plan).contains(pw), "the keystore password never appears in the plan");
        CopyFileAction ks = (CopyFileAction) plan.actions().stream().filter(a -> a.summary().contains("wso2carbon.jks")).findFirst().orElseThrow();
        assertTrue(ks.summary().contains("replaces a differing file, backup kept"), ks.summary());
        assertTrue(ks.details().contains("why:    keystore (primary in repository/conf/carbon.xml:4 Security/KeyStore, internal in repository/conf/carbon.xml:11 Security/InternalKeyStore, tls in repository/conf/tomcat/catalina-server.xml:6 Connector keystoreFile)"), ks.details());

        step.apply(plan, ctx);

        for (String f : List.of("wso2carbon.jks", "client-truststore.jks", "partner.p12")) {
            assertArrayEquals(Files.readAllBytes(oldSec.resolve(f)), Files.readAllBytes(newSec.resolve(f)), f);
        }
        assertArrayEquals(stockNew, Files.readAllBytes(newSec.resolve("wso2carbon.jks.apim-upgrade-20260102T030405Z.bak")));
        assertFalse(Files.exists(newSec.resolve("README.txt")));
        assertTrue(step.plan(homes.context()).actions().isEmpty());
    }

    @Test
    void threeXKeystoresComeFromTheOldDeploymentToml() throws Exception {
        Homes homes = Homes.threeZeroToThreeOne(dir);
        Path oldSec = homes.old.resolve("repository/resources/security");
        Files.createDirectories(oldSec);
        Keytool.genKeyPair(oldSec.resolve("custom.jks"), "JKS", "Pw3xStore", "custom", "RSA", 2048);
        Keytool.genKeyPair(oldSec.resolve("client-truststore.jks"), "JKS", "wso2carbon", "ca", "RSA", 2048);
        Homes.write(homes.old.resolve("repository/conf/deployment.toml"), """
                [keystore.primary]
                file_name = "custom.jks"
                password = "Pw3xStore"
                alias = "custom"
                key_password = "Pw3xStore"
                """);

        StepPlan plan = new MigrateResourcesStep().plan(homes.context());

        assertEquals(Set.of("repository/resources/security/client-truststore.jks", "repository/resources/security/custom.jks"),
                copyTargets(plan, homes.neu));
        String notes = String.join("\n", plan.notes());
        assertTrue(notes.contains("Keystore [old] repository/resources/security/custom.jks (JKS) custom: key RSA 2048 bits"), notes);
        assertTrue(notes.contains("Keystore [old] repository/resources/security/client-truststore.jks (JKS) ca: key RSA 2048 bits"), notes);
        assertTrue(plan.warnings().stream().noneMatch(w -> w.contains("primary key")), plan.warnings().toString());
        assertFalse(everything(plan).contains("Pw3xStore"));
    }

    @Test
    void threeZeroToThreeOneCopiesSynapseConfigsAndTenantsExceptTheThreeFilesAndExecutionPlans() throws Exception {
        Homes homes = Homes.threeZeroToThreeOne(dir);
        Path oldSyn = homes.old.resolve("repository/deployment/server/synapse-configs/default");
        Path newSyn = homes.neu.resolve("repository/deployment/server/synapse-configs/default");
        Homes.write(oldSyn.resolve("api/_RevokeAPI_.xml"), "<old revoke/>");
        Homes.write(oldSyn.resolve("api/admin--MyAPI_v1.0.xml"), "<api name='MyAPI'/>");
        Homes.write(oldSyn.resolve("api/_TokenAPI_.xml"), "<token/>");
        Homes.write(oldSyn.resolve("sequences/main.xml"), "<old main/>");
        Homes.write(oldSyn.resolve("sequences/_cors_request_handler_.xml"), "<old cors/>");
        Homes.write(oldSyn.resolve("sequences/custom-fault.xml"), "<seq/>");
        Homes.write(newSyn.resolve("api/_RevokeAPI_.xml"), "<new revoke/>");
        Homes.write(newSyn.resolve("api/_TokenAPI_.xml"), "<token/>");
        Homes.write(newSyn.resolve("sequences/main.xml"), "<new main/>");
        Homes.write(newSyn.resolve("sequences/_cors_request_handler_.xml"), "<new cors/>");
        Path oldT1 = homes.old.resolve("repository/tenants/1");
        Homes.write(oldT1.resolve("synapse-configs/default/api/t.com--TApi_v1.xml"), "<tenant api/>");
        Homes.write(oldT1.resolve("synapse-configs/default/sequences/main.xml"), "<tenant main/>");
        Homes.write(oldT1.resolve("userstores/secondary.xml"), "<UserStoreManager/>");
        Homes.write(oldT1.resolve("executionplans/tenant-policy.siddhi"), "@Plan:name('t')");
        Homes.write(homes.old.resolve("repository/deployment/server/executionplans/throttle.siddhi"), "@Plan:name('x')");
        Homes.write(homes.old.resolve("repository/deployment/server/userstores/LDAP2.xml"), "<UserStoreManager ldap/>");

        MigrateResourcesStep step = new MigrateResourcesStep();
        StepContext ctx = homes.context();
        StepPlan plan = step.plan(ctx);

        assertEquals(Set.of("repository/deployment/server/executionplans/throttle.siddhi",
                "repository/deployment/server/synapse-configs/default/api/admin--MyAPI_v1.0.xml",
                "repository/deployment/server/synapse-configs/default/sequences/custom-fault.xml",
                "repository/deployment/server/userstores/LDAP2.xml",
                "repository/tenants/1/executionplans/tenant-policy.siddhi",
                "repository/tenants/1/synapse-configs/default/api/t.com--TApi_v1.xml",
                "repository/tenants/1/userstores/secondary.xml"), copyTargets(plan, homes.neu));
        assertTrue(plan.notes().contains("tenants: [old] repository/tenants/<id>/synapse-configs/default/sequences/main.xml of 1 tenant(s)"
                + " not copied: the new home's own version is kept"), plan.notes().toString());
        String notes = String.join("\n", plan.notes());
        assertTrue(notes.contains("super tenant synapse configs: [old] repository/deployment/server/synapse-configs/default/sequences/main.xml not copied: the new home's own version is kept"), notes);
        assertTrue(notes.contains("super tenant synapse configs: 1 file(s) already identical in [new] repository/deployment/server/synapse-configs/default, skipped: api/_TokenAPI_.xml"), notes);

        step.apply(plan, ctx);

        assertEquals("<new revoke/>", Files.readString(newSyn.resolve("api/_RevokeAPI_.xml")));
        assertEquals("<new main/>", Files.readString(newSyn.resolve("sequences/main.xml")));
        assertEquals("<new cors/>", Files.readString(newSyn.resolve("sequences/_cors_request_handler_.xml")));
        assertEquals("<api name='MyAPI'/>", Files.readString(newSyn.resolve("api/admin--MyAPI_v1.0.xml")));
        assertFalse(Files.exists(homes.neu.resolve("repository/tenants/1/synapse-configs/default/sequences/main.xml")));
        assertEquals("<tenant api/>", Files.readString(homes.neu.resolve("repository/tenants/1/synapse-configs/default/api/t.com--TApi_v1.xml")));
        assertEquals("@Plan:name('x')", Files.readString(homes.neu.resolve("repository/deployment/server/executionplans/throttle.siddhi")));
        assertTrue(step.plan(homes.context()).actions().isEmpty(), "second run plans nothing");
    }

    /** Issue 17, seed 004 steps 1.6/1.7: Synapse configurations on the Gateway node, execution plans on the Traffic Manager. */
    @Test
    void synapseConfigsGoOnlyToGatewayNodesAndExecutionPlansOnlyToTrafficManagers() throws Exception {
        Homes homes = Homes.threeZeroToThreeOne(dir);
        Homes.write(homes.old.resolve("repository/deployment/server/synapse-configs/default/api/admin--MyAPI_v1.0.xml"), "<api/>");
        Homes.write(homes.old.resolve("repository/deployment/server/executionplans/throttle.siddhi"), "@Plan:name('x')");
        Homes.write(homes.old.resolve("repository/tenants/1/synapse-configs/default/api/t.com--TApi_v1.xml"), "<tenant api/>");
        Homes.write(homes.old.resolve("repository/tenants/1/userstores/secondary.xml"), "<UserStoreManager/>");
        io.github.apimupgrade.core.cluster.Cluster cluster = io.github.apimupgrade.core.cluster.Cluster.of(UpgradeRequest.builder()
                .node(new io.github.apimupgrade.core.api.NodeSpec("pub1", "publisher", dir.resolve("p-old"), dir.resolve("p-new")))
                .node(new io.github.apimupgrade.core.api.NodeSpec("gw1", "gateway-worker", dir.resolve("g-old"), dir.resolve("g-new")))
                .node(new io.github.apimupgrade.core.api.NodeSpec("tm1", "traffic-manager", dir.resolve("t-old"), dir.resolve("t-new")))
                .build(), io.github.apimupgrade.core.cluster.ProfileDetector.NONE);
        MigrateResourcesStep step = new MigrateResourcesStep();

        StepPlan gateway = step.plan(homes.context().withNode(new io.github.apimupgrade.core.cluster.NodeView(cluster, cluster.node("gw1"), null)));
        assertEquals(Set.of("repository/deployment/server/synapse-configs/default/api/admin--MyAPI_v1.0.xml",
                "repository/tenants/1/synapse-configs/default/api/t.com--TApi_v1.xml",
                "repository/tenants/1/userstores/secondary.xml"), copyTargets(gateway, homes.neu));
        assertTrue(gateway.notes().stream().anyMatch(n -> n.startsWith("Execution plans not copied: node gw1 (gateway-worker)")),
                gateway.notes().toString());

        StepPlan tm = step.plan(homes.context().withNode(new io.github.apimupgrade.core.cluster.NodeView(cluster, cluster.node("tm1"), null)));
        assertEquals(Set.of("repository/deployment/server/executionplans/throttle.siddhi",
                "repository/tenants/1/userstores/secondary.xml"), copyTargets(tm, homes.neu));
        assertTrue(tm.notes().contains("tenants: 1 Synapse configuration file(s) not copied: node tm1 (traffic-manager) is not a gateway node"),
                tm.notes().toString());

        StepPlan publisher = step.plan(homes.context().withNode(new io.github.apimupgrade.core.cluster.NodeView(cluster, cluster.node("pub1"), null)));
        assertEquals(Set.of("repository/tenants/1/userstores/secondary.xml"), copyTargets(publisher, homes.neu));
    }

    @Test
    void twoSixDoesNotTouchSynapseAndLeavesTenantUserStoresForAfterMigrateApim() throws Exception {
        Homes homes = Homes.twoSixToFourOne(dir);
        Homes.write(homes.old.resolve("repository/deployment/server/synapse-configs/default/api/x.xml"), "<api/>");
        Homes.write(homes.old.resolve("repository/deployment/server/userstores/LDAP2.xml"), "<ldap/>");
        Homes.write(homes.old.resolve("repository/tenants/3/userstores/JDBC_T.xml"), "<jdbc/>");
        MigrateResourcesStep step = new MigrateResourcesStep();

        StepPlan plan = step.plan(homes.context());

        assertEquals(Set.of("repository/deployment/server/userstores/LDAP2.xml"), copyTargets(plan, homes.neu));
        // migrate-apim copies them after its run: a note here, not a manual action
        assertTrue(plan.manualActions().stream().noneMatch(m -> m.what().contains("tenant 3")), plan.manualActions().toString());
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("migrate-apim copies the secondary user stores of tenant 3")),
                plan.notes().toString());
        StepContext ctx = homes.context();
        step.apply(plan, ctx);

        // once migrate-apim's server run has created the tenant directory, a re-run copies them as well
        Files.createDirectories(homes.neu.resolve("repository/tenants/3"));
        StepPlan tenants = step.plan(homes.context());
        assertEquals(Set.of("repository/tenants/3/userstores/JDBC_T.xml"), copyTargets(tenants, homes.neu));
        step.apply(tenants, homes.context());
        assertEquals("<jdbc/>", Files.readString(homes.neu.resolve("repository/tenants/3/userstores/JDBC_T.xml")));
        assertTrue(step.plan(homes.context()).actions().isEmpty());
    }

    @Test
    void log4jPropertiesBecomesAWriteOfLog4j2Properties() throws Exception {
        Homes homes = Homes.twoSixToFourOne(dir);
        Homes.write(homes.old.resolve("repository/conf/log4j.properties"), """
                log4j.rootLogger=ERROR, CARBON_CONSOLE
                log4j.logger.com.acme=DEBUG, ACME
                log4j.appender.ACME=org.apache.log4j.FileAppender
                log4j.appender.ACME.File=${carbon.home}/repository/logs/acme.log
                log4j.appender.ACME.layout=org.apache.log4j.PatternLayout
                log4j.appender.ACME.layout.ConversionPattern=%d %m%n
                """);
        Path log4j2 = Homes.write(homes.neu.resolve("repository/conf/log4j2.properties"), """
                appenders = CARBON_CONSOLE
                appender.CARBON_CONSOLE.type = Console
                appender.CARBON_CONSOLE.name = CARBON_CONSOLE
                loggers = AUDIT_LOG
                logger.AUDIT_LOG.name = AUDIT_LOG
                logger.AUDIT_LOG.level = INFO
                rootLogger.level = INFO
                """);
        String before = Files.readString(log4j2);
        MigrateResourcesStep step = new MigrateResourcesStep();
        StepContext ctx = homes.context();

        StepPlan plan = step.plan(ctx);

        List<PlannedAction> writes = plan.actions().stream().filter(a -> a instanceof WriteFileAction).toList();
        assertEquals(1, writes.size());
        assertTrue(writes.get(0).details().contains("+logger.com-acme.appenderRef.ACME.ref = ACME"), writes.get(0).details());
        step.apply(plan, ctx);
        assertEquals("""
                appenders = CARBON_CONSOLE, ACME
                appender.CARBON_CONSOLE.type = Console
                appender.CARBON_CONSOLE.name = CARBON_CONSOLE
                loggers = AUDIT_LOG, com-acme
                logger.AUDIT_LOG.name = AUDIT_LOG
                logger.AUDIT_LOG.level = INFO
                rootLogger.level = INFO

                # Added by apim-upgrade: custom appenders and loggers of the old log4j.properties
                appender.ACME.type = File
                appender.ACME.name = ACME
                appender.ACME.fileName = ${sys:carbon.home}/repository/logs/acme.log
                appender.ACME.layout.type = PatternLayout
                appender.ACME.layout.pattern = %d %m%n
                logger.com-acme.name = com.acme
                logger.com-acme.level = DEBUG
                logger.com-acme.appenderRef.ACME.ref = ACME
                """, Files.readString(log4j2));
        assertEquals(before, Files.readString(homes.neu.resolve("repository/conf/log4j2.properties.apim-upgrade-20260102T030405Z.bak")));
        assertTrue(step.plan(homes.context()).actions().isEmpty());
    }

    @Test
    void secureVaultInUseIsAManualActionWithTheCipherToolCommandAndAliases() {
        Homes homes = Homes.twoSixToFourOne(dir);
        Homes.write(homes.old.resolve("repository/conf/security/cipher-text.properties"), """
                Carbon.Security.KeyStore.Password=cGFzc3dvcmQtZW5jcnlwdGVkLWJ5dGVz
                UserManager.AdminUser.Password=[admin]
                """);
        Homes.write(homes.old.resolve("repository/conf/datasources/master-datasources.xml"), """
                <datasources-configuration xmlns:svns="http://org.wso2.securevault/configuration">
                  <!-- <password svns:secretAlias="Commented.Sample.Password"/> -->
                  <password svns:secretAlias="Datasources.WSO2AM_DB.Configuration.Password"></password>
                </datasources-configuration>
                """);

        StepPlan plan = new MigrateResourcesStep().plan(homes.context());

        ManualAction vault = plan.manualActions().stream().filter(m -> m.what().startsWith("Re-enter the secure vault secrets"))
                .findFirst().orElseThrow();
        assertEquals("cd " + homes.neu.resolve("bin") + " && ./ciphertool.sh -Dconfigure", vault.how());
        assertTrue(vault.what().endsWith("Aliases to re-enter: Carbon.Security.KeyStore.Password, Datasources.WSO2AM_DB.Configuration.Password"),
                vault.what());
        assertTrue(plan.warnings().stream().anyMatch(w -> w.startsWith("Secure vault is in use in the old home (repository/conf/security/cipher-text.properties"
                + " (encrypted values), repository/conf/datasources/master-datasources.xml (svns:secretAlias))")), plan.warnings().toString());
    }

    @Test
    void stockPlaintextCipherTextIsNotSecureVault() {
        Homes homes = Homes.twoSixToFourOne(dir);
        Homes.write(homes.old.resolve("repository/conf/security/cipher-text.properties"),
                "Carbon.Security.KeyStore.Password=[wso2carbon]\r\nUserManager.AdminUser.Password=[admin]\r\n");

        StepPlan plan = new MigrateResourcesStep().plan(homes.context());

        assertTrue(plan.manualActions().stream().noneMatch(m -> m.what().contains("secure vault")));
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("Secure vault is not in use")));
        assertTrue(plan.actions().isEmpty());
    }

    @Test
    void emptyHomesPlanNothing() {
        Homes homes = Homes.twoSixToFourOne(dir);
        StepPlan plan = new MigrateResourcesStep().plan(homes.context());
        assertTrue(plan.actions().isEmpty());
        assertTrue(plan.warnings().isEmpty(), plan.warnings().toString());
        assertEquals("migrate-resources", plan.stepId());
    }
}
