package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.config.yaml.StrictYaml;
import io.github.apimupgrade.core.steps.resources.log4j.StockLog4j260;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stock 2.6.0 tables are resources read strictly: a typo in them fails loading, naming the resource and the key. */
class Stock260ResourceTest {

    private static StrictYaml yaml(String name, String text) {
        return StrictYaml.parse(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUnknownKeyInASettingsRowFailsNamingTheResourceAndTheKey() {
        List<StrictYaml> rows = yaml("stock-x.yaml", """
                settings:
                  - {path: GatewayType, stock: Synapse, table: apim, key: gateway_type}
                  - {path: EnableSecureVault, stock: "false", tabel: apim, key: enable_secure_vault, kind: boolean}
                """).maps("settings");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Stock260.settings(rows));
        assertEquals("stock-x.yaml: unknown key 'settings[1].tabel' (allowed keys: path, stock, table, key, kind, secret,"
                + " note)", e.getMessage());
    }

    @Test
    void anUnquotedValueFailsNamingTheKey() {
        List<StrictYaml> rows = yaml("stock-x.yaml", "settings:\n  - {path: Enabled, stock: false}\n").maps("settings");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Stock260.settings(rows));
        assertTrue(e.getMessage().startsWith("stock-x.yaml: key 'settings[0].stock' must be a string (quote it)"),
                e.getMessage());
    }

    @Test
    void anUnknownTopLevelKeyFailsToo() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> yaml("stock-log4j-x.yaml", "version: \"2.6.0\"\nlogers: []\n").keys("version", "root", "loggers"));
        assertEquals("stock-log4j-x.yaml: unknown key 'logers' (allowed keys: version, root, loggers)", e.getMessage());
    }

    @Test
    void theShippedResourcesLoadAndNameTheirVersion() {
        assertEquals("2.6.0", Stock260.VERSION);
        assertEquals("2.6.0", StockLog4j260.VERSION);
        Stock260.Setting s = Stock260.apiManager("/APIManager/OAuthConfigurations/RemoveOAuthHeadersFromOutMessage")
                .orElseThrow();
        assertEquals(Stock260.Kind.NEGATED_BOOLEAN, s.kind());
        assertEquals("enable_outbound_auth_header", s.key());
        assertTrue(Stock260.apiManager("/APIManager/APIKeyValidator/Password").orElseThrow().secret());
        assertEquals(List.of("AUDIT_LOGFILE"), StockLog4j260.logger("AUDIT_LOG").orElseThrow().appenders());
    }
}
