package io.github.apimupgrade.core.config.toml;

import io.github.apimupgrade.core.testsupport.Apim300Fixtures;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TomlCarryOverTest {
    static final KnownTomlKeys KNOWN = KnownTomlKeys.load("3.1.0");
    static final String OLD = Apim300Fixtures.read("/fixtures/apim-300/toml/deployment-3.0.0.toml");
    static final String NEW = Apim300Fixtures.read("/fixtures/apim-300/toml/deployment-3.1.0.toml");
    /** NEW with OLD carried over: reviewed line by line (every other line of NEW is byte-identical). */
    static final String CARRIED = Apim300Fixtures.read("/fixtures/apim-300/toml/deployment-3.1.0-carried.toml");

    @Test
    void carriesEveryKnownKeyKeepingUntouchedLinesAndReportsTheUnknown() {
        TomlEditor editor = TomlEditor.parse(NEW, "new/deployment.toml");

        TomlCarryOver.Result r = TomlCarryOver.carry(Toml.parse(OLD), "old/deployment.toml", editor, KNOWN);

        assertEquals(CARRIED, editor.text());
        assertTrue(r.updated().containsAll(List.of("[server] hostname", "[database.apim_db] url", "[keystore.tls] file_name",
                "[[apim.gateway.environment]] #1 (Production and Sandbox) service_url")), r.updated().toString());
        assertTrue(r.added().containsAll(List.of("[server] offset", "[realm_manager] data_source", "[database.user] url",
                "[[apim.gateway.environment]] #2 (Internal)", "[apim.throttling] throttle_decision_endpoints",
                "[database.apim_db] driver (seed 004: required for postgre)")), r.added().toString());
        assertEquals(List.of(new TomlCarryOver.Unplaced("custom_feature.flag", "old/deployment.toml:86",
                "3.1.0 does not know [custom_feature]")), r.unplaced());
        assertTrue(r.secureVault());
        assertEquals(List.of("[[apim.gateway.environment]] #1 (Production and Sandbox) show_as_token_endpoint_url",
                "[[apim.gateway.environment]] #1 (Production and Sandbox) wss_endpoint"), r.keptDefaults());
    }

    @Test
    void secondCarryChangesNothing() {
        TomlEditor editor = TomlEditor.parse(CARRIED, "new/deployment.toml");

        TomlCarryOver.Result r = TomlCarryOver.carry(Toml.parse(OLD), "old/deployment.toml", editor, KNOWN);

        assertFalse(editor.changed());
        assertFalse(r.changed(), r.toString());
        assertEquals(CARRIED, editor.text());
    }

    @Test
    void mysqlAndH2GetNoDriverButOtherTypesDo() {
        String old = """
                [database.apim_db]
                type = "mysql"
                url = "jdbc:mysql://db:3306/am_db"

                [database.shared_db]
                type = "oracle"
                url = "jdbc:oracle:thin:@db:1521/reg"
                """;
        TomlEditor editor = TomlEditor.parse("""
                [database.apim_db]
                type = "h2"
                url = "jdbc:h2:./repository/database/WSO2AM_DB"

                [database.shared_db]
                type = "h2" # stock
                url = "jdbc:h2:./repository/database/WSO2SHARED_DB"
                """, "new");

        TomlCarryOver.carry(Toml.parse(old), "old", editor, KNOWN);

        assertEquals("""
                [database.apim_db]
                type = "mysql"
                url = "jdbc:mysql://db:3306/am_db"

                [database.shared_db]
                type = "oracle" # stock
                url = "jdbc:oracle:thin:@db:1521/reg"
                driver = "oracle.jdbc.driver.OracleDriver"
                validationQuery = "SELECT 1 FROM DUAL"
                """, editor.text());
    }

    @Test
    void anOldDriverIsKeptAndNotReplaced() {
        TomlEditor editor = TomlEditor.parse("[database.apim_db]\ntype = \"h2\"\n", "new");
        TomlCarryOver.carry(Toml.parse("[database.apim_db]\ntype = \"mssql\"\ndriver = \"net.sourceforge.jtds.jdbc.Driver\"\n"),
                "old", editor, KNOWN);
        assertEquals("[database.apim_db]\ntype = \"mssql\"\ndriver = \"net.sourceforge.jtds.jdbc.Driver\"\nvalidationQuery = \"SELECT 1\"\n",
                editor.text());
    }
}
