package io.github.apimupgrade.core.steps.resources;

import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.config.keystore.KeystoreEntry;
import io.github.apimupgrade.core.config.keystore.KeystoreInspector;
import io.github.apimupgrade.core.config.keystore.KeystoreReport;
import io.github.apimupgrade.core.config.keystore.Keytool;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.config.PrepareConfigStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed step 2.5 resolved by the plugin: a 2.6.0 home whose primary key is RSA 1024 (as many 2.x installations still
 * have) and a POM that names no strong keystore. prepare-config then migrate-resources end with a deployment.toml and
 * keystores a 4.1.0 server starts with: the old keystore as internal and tls, a new RSA 2048 primary keystore, its
 * certificate in the truststore, the new pack's own wso2carbon.jks not used as the primary.
 */
class WeakPrimaryKeyEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void theRunEndsWithKeystoresAServerStartsWith() throws Exception {
        Homes homes = Homes.twoSixToFourOne(dir);
        String pw = "Old-Store-Pw1";
        Path oldSec = Files.createDirectories(homes.old.resolve("repository/resources/security"));
        Path newSec = Files.createDirectories(homes.neu.resolve("repository/resources/security"));
        Keytool.genKeyPair(oldSec.resolve("wso2carbon.jks"), "JKS", pw, "wso2carbon", "RSA", 1024);
        Keytool.trust(oldSec.resolve("wso2carbon.jks"), pw, "wso2carbon", oldSec.resolve("client-truststore.jks"), "JKS", pw);
        Keytool.genKeyPair(newSec.resolve("wso2carbon.jks"), "JKS", "wso2carbon", "wso2carbon", "RSA", 2048);
        // carbon.xml Security as 2.6.0 ships it (wso2/product-apim v2.6.0), with the operator's store password
        Homes.write(homes.old.resolve("repository/conf/carbon.xml"), """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <Server xmlns="http://wso2.org/projects/carbon/carbon.xml">
                    <Security>
                        <KeyStore>
                            <Location>${carbon.home}/repository/resources/security/wso2carbon.jks</Location>
                            <Type>JKS</Type><Password>%1$s</Password><KeyAlias>wso2carbon</KeyAlias><KeyPassword>%1$s</KeyPassword>
                        </KeyStore>
                        <TrustStore>
                            <Location>${carbon.home}/repository/resources/security/client-truststore.jks</Location>
                            <Type>JKS</Type><Password>%1$s</Password>
                        </TrustStore>
                    </Security>
                </Server>
                """.formatted(pw));
        Homes.write(homes.neu.resolve("repository/conf/deployment.toml"), """
                [server]
                hostname = "apim.example.com"

                [super_admin]
                username = "admin"
                password = "admin"
                """);

        runBoth(homes);

        TomlParseResult t = Toml.parse(Files.readString(homes.neu.resolve("repository/conf/deployment.toml")));
        assertEquals("apim-upgrade-primary.jks", t.getString("keystore.primary.file_name"));
        assertEquals("wso2carbon.jks", t.getString("keystore.internal.file_name"));
        assertEquals("wso2carbon.jks", t.getString("keystore.tls.file_name"));
        String primaryPw = t.getString("keystore.primary.password");
        KeystoreReport primary = KeystoreInspector.inspect(newSec.resolve("apim-upgrade-primary.jks"), "JKS", Secret.of(primaryPw));
        KeystoreEntry key = primary.primaryKey("apim-upgrade-primary").orElseThrow();
        assertEquals("RSA", key.algorithm());
        assertTrue(key.keySize() >= 2048, key.toString());
        assertTrue(key.subject().contains("CN=apim.example.com"), key.subject());
        // the truststore (the old one, copied) trusts the new primary certificate, and still the old one
        KeystoreReport trust = KeystoreInspector.inspect(newSec.resolve("client-truststore.jks"), "JKS", Secret.of(pw));
        assertTrue(trust.entry("apim-upgrade-primary").isPresent(), trust.toString());
        assertTrue(trust.entry("wso2carbon").isPresent(), trust.toString());
        // the internal keystore is the old one: what the old server encrypted stays readable
        KeystoreReport internal = KeystoreInspector.inspect(newSec.resolve("wso2carbon.jks"), "JKS", Secret.of(pw));
        assertEquals(1024, internal.primaryKey("wso2carbon").orElseThrow().keySize());
        // nothing left that would stop the server
        StepContext ctx = homes.context();
        assertTrue(io.github.apimupgrade.core.steps.config.StartableConfigProbe.problems(ctx,
                Files.readString(ctx.deploymentToml())).isEmpty());

        // a second run changes nothing
        StepPlan again = new PrepareConfigStep().plan(homes.context());
        assertTrue(again.actions().isEmpty(), again.actions().toString());
        StepPlan resources = new MigrateResourcesStep().plan(homes.context());
        assertTrue(resources.actions().stream().noneMatch(a -> a instanceof GenerateKeystoreAction), resources.actions().toString());
    }

    private static void runBoth(Homes homes) {
        for (var step : List.of(new PrepareConfigStep(), new MigrateResourcesStep())) {
            StepContext ctx = homes.context();
            StepPlan plan = step.plan(ctx);
            if (step instanceof MigrateResourcesStep) {
                List<PlannedAction> generated = plan.actions().stream().filter(a -> a instanceof GenerateKeystoreAction).toList();
                assertEquals(1, generated.size(), plan.actions().toString());
                assertFalse(generated.get(0).details().contains(Toml.parse(ctx.workspace().read(ctx.deploymentToml())
                        .orElseThrow()).getString("keystore.primary.password")), "the password is not on keytool's command line");
            }
            step.apply(plan, ctx);
        }
    }
}
