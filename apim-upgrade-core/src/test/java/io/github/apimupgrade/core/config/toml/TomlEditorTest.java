package io.github.apimupgrade.core.config.toml;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TomlEditorTest {

    /** Shaped like the stock 4.1.0 file, with user comments. */
    private static final String STOCK_LIKE = """
            # my deployment
            [server]
            hostname = "localhost"   # set by ops
            #offset=0
            server_role = "default"

            [super_admin]
            username = "admin"
            password = "admin"
            create_admin_account = true

            [user_store]
            type = "database_unique_id"

            [database.apim_db]
            type = "h2"
            url = "jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE"
            username = "wso2carbon"
            password = "wso2carbon"

            [database.shared_db]
            type = "h2"
            url = "jdbc:h2:./repository/database/WSO2SHARED_DB;DB_CLOSE_ON_EXIT=FALSE"
            username = "wso2carbon"
            password = "wso2carbon"

            [keystore.tls]
            file_name =  "wso2carbon.jks"
            type =  "JKS"

            #[keystore.primary]
            #file_name =  "wso2carbon.jks"

            [[apim.gateway.environment]]
            name = "Default"
            type = "hybrid"
            username= "${admin.username}"

            [apim.sync_runtime_artifacts.gateway]
            gateway_labels =["Default"]

            #[apim.key_manager]
            #service_url = "x"

            [apim.key_manager]
            pool.init_idle_capacity = 50 # dotted

            [[event_listener]]
            id = "token_revocation"
            [event_listener.properties]
            'header.X-WSO2-KEY-MANAGER' = "default"

            [database.local]
            url = "jdbc:h2:./repository/database/WSO2CARBON_DB;DB_CLOSE_ON_EXIT=FALSE"
            """;

    private static TomlEditor stock() {
        return TomlEditor.parse(STOCK_LIKE, "deployment.toml");
    }

    @Test
    void readsValuesOfEveryShape() {
        TomlEditor t = stock();
        assertEquals(Optional.of("localhost"), t.getString("server", "hostname"));
        assertEquals(Optional.of(true), t.getBoolean("super_admin", "create_admin_account"));
        assertEquals(List.of("Default"), t.getStringList("apim.sync_runtime_artifacts.gateway", "gateway_labels"));
        assertEquals(Optional.of(50L), t.getLong("apim.key_manager.pool", "init_idle_capacity"));
        assertEquals(Optional.of(50L), t.getLong("apim.key_manager", "pool.init_idle_capacity"));
        assertEquals(Optional.of("default"), t.getString("event_listener.properties", "'header.X-WSO2-KEY-MANAGER'"));
        assertEquals(Optional.of("default"),
                t.getString("event_listener.properties", TomlEditor.quote("header.X-WSO2-KEY-MANAGER")));
        assertEquals(1, t.arraySize("apim.gateway.environment"));
        assertEquals(Optional.of("Default"), t.getStringInArray("apim.gateway.environment", 0, "name"));
        assertEquals(Optional.empty(), t.get("server", "offset"));
        assertTrue(t.hasTable("database"));
        assertFalse(t.hasTable("realm_manager"));
    }

    @Test
    void malformedTomlNamesFileLineAndColumn() {
        UpgradeException e = assertThrows(UpgradeException.class,
                () -> TomlEditor.parse("[server]\nhostname = \"x\"\noffset = = 1\n", "conf/deployment.toml"));
        assertEquals(ErrorCode.MALFORMED_FILE, e.code());
        assertEquals(UpgradeException.Kind.USER, e.kind());
        assertTrue(e.getMessage().contains("conf/deployment.toml:3:"), e.getMessage());
        assertTrue(e.location().startsWith("conf/deployment.toml:3:"), e.location());
    }

    @Test
    void updatesExistingKeyInPlaceKeepingItsComment() {
        String out = stock().set("server", "hostname", "apim.example.com").text();
        assertEquals(STOCK_LIKE.replace("hostname = \"localhost\"   # set by ops",
                "hostname = \"apim.example.com\"   # set by ops"), out);
    }

    @Test
    void updatesArrayValueInPlaceKeepingKeySpacing() {
        String out = stock().set("apim.sync_runtime_artifacts.gateway", "gateway_labels",
                List.of("Production and Sandbox", "Default")).text();
        assertEquals(STOCK_LIKE.replace("gateway_labels =[\"Default\"]",
                "gateway_labels =[\"Production and Sandbox\", \"Default\"]"), out);
    }

    @Test
    void settingTheSameValueChangesNothingEvenWhenWrittenDifferently() {
        TomlEditor t = stock();
        t.set("apim.sync_runtime_artifacts.gateway", "gateway_labels", List.of("Default"));
        t.set("super_admin", "create_admin_account", true);
        t.set("apim.key_manager", "pool.init_idle_capacity", 50);
        assertFalse(t.changed());
        assertEquals(STOCK_LIKE, t.text());
    }

    @Test
    void setIsIdempotent() {
        TomlEditor t = stock();
        t.set("realm_manager", "data_source", "WSO2USER_DB");
        t.set("database.apim_db", "driver", "org.postgresql.Driver");
        String once = t.text();
        t.set("realm_manager", "data_source", "WSO2USER_DB");
        t.set("database.apim_db", "driver", "org.postgresql.Driver");
        assertEquals(once, t.text());
        assertEquals(once, TomlEditor.parse(once, "x").set("realm_manager", "data_source", "WSO2USER_DB").text());
    }

    @Test
    void missingKeyGoesAfterTheTablesLastKeyLine() {
        String out = stock().set("database.apim_db", "validationQuery", "SELECT 1").text();
        assertEquals(STOCK_LIKE.replace("""
                password = "wso2carbon"

                [database.shared_db]""", """
                password = "wso2carbon"
                validationQuery = "SELECT 1"

                [database.shared_db]"""), out);
    }

    @Test
    void missingSubTableGoesRightAfterItsParent() {
        String out = stock().set("database.apim_db.pool_options", "maxActive", 100).text();
        assertEquals(STOCK_LIKE.replace("""
                password = "wso2carbon"

                [database.shared_db]""", """
                password = "wso2carbon"

                [database.apim_db.pool_options]
                maxActive = 100

                [database.shared_db]"""), out);
    }

    @Test
    void missingSiblingTableJoinsItsGroup() {
        String out = stock().set("database.user", "type", "mysql").text();
        assertEquals(STOCK_LIKE.replace("""
                [database.shared_db]
                type = "h2"
                url = "jdbc:h2:./repository/database/WSO2SHARED_DB;DB_CLOSE_ON_EXIT=FALSE"
                username = "wso2carbon"
                password = "wso2carbon"
                """, """
                [database.shared_db]
                type = "h2"
                url = "jdbc:h2:./repository/database/WSO2SHARED_DB;DB_CLOSE_ON_EXIT=FALSE"
                username = "wso2carbon"
                password = "wso2carbon"

                [database.user]
                type = "mysql"
                """), out);
    }

    @Test
    void missingTopLevelTableFollowsTheUsualOrder() {
        String out = stock().set("realm_manager", "data_source", "WSO2USER_DB").text();
        assertEquals(STOCK_LIKE.replace("""
                [user_store]
                type = "database_unique_id"
                """, """
                [user_store]
                type = "database_unique_id"

                [realm_manager]
                data_source = "WSO2USER_DB"
                """), out);
    }

    @Test
    void unknownTableIsAppendedAtTheEnd() {
        String out = stock().set("indexing", "re_indexing", 1).text();
        assertEquals(STOCK_LIKE + "\n[indexing]\nre_indexing = 1\n", out);
    }

    @Test
    void newTablesStayBeforeSecretsWhichStaysLast() {
        String text = STOCK_LIKE + "\n# secrets, encrypted by ciphertool\n[secrets]\nadmin_password = \"[x]\"\n";
        TomlEditor t = TomlEditor.parse(text, "d.toml");
        t.set("indexing", "re_indexing", 1);
        t.set("secrets", "db_password", "[CHANGE_ME]");
        assertEquals(STOCK_LIKE + """

                [indexing]
                re_indexing = 1

                # secrets, encrypted by ciphertool
                [secrets]
                admin_password = "[x]"
                db_password = "[CHANGE_ME]"
                """, t.text());
    }

    @Test
    void secretsTableIsCreatedAtTheEnd() {
        TomlEditor t = stock();
        t.set("secrets", "db_password", "[CHANGE_ME]");
        t.set("registry.static_configuration", "enable", true);
        assertEquals(STOCK_LIKE + """

                [registry.static_configuration]
                enable = true

                [secrets]
                db_password = "[CHANGE_ME]"
                """, t.text());
    }

    @Test
    void dottedKeyTableIsExtendedWithDottedKeys() {
        String out = stock().set("apim.key_manager.pool", "max_idle", 100).text();
        assertEquals(STOCK_LIKE.replace("pool.init_idle_capacity = 50 # dotted\n",
                "pool.init_idle_capacity = 50 # dotted\npool.max_idle = 100\n"), out);
    }

    @Test
    void quotedKeysAreReadAndWritten() {
        TomlEditor t = stock();
        t.set("event_listener.properties", "'header.X-WSO2-KEY-MANAGER'", "custom");
        t.set("event_listener.properties", TomlEditor.quote("header.Other"), "x");
        assertEquals(STOCK_LIKE.replace("'header.X-WSO2-KEY-MANAGER' = \"default\"\n",
                "'header.X-WSO2-KEY-MANAGER' = \"custom\"\n'header.Other' = \"x\"\n"), t.text());
    }

    @Test
    void arrayOfTablesElementIsUpdatedInPlaceAndExtended() {
        TomlEditor t = stock();
        t.setInArray("apim.gateway.environment", 0, "name", "Production and Sandbox");
        t.setInArray("apim.gateway.environment", 0, "provider", "wso2");
        assertEquals(STOCK_LIKE.replace("""
                name = "Default"
                type = "hybrid"
                username= "${admin.username}"
                """, """
                name = "Production and Sandbox"
                type = "hybrid"
                username= "${admin.username}"
                provider = "wso2"
                """), t.text());
        assertThrows(IllegalArgumentException.class, () -> t.set("apim.gateway.environment", "name", "x"));
        assertThrows(IllegalArgumentException.class, () -> t.set("apim.gateway", "environment", "x"));
        assertThrows(IndexOutOfBoundsException.class, () -> t.setInArray("apim.gateway.environment", 1, "name", "x"));
    }

    @Test
    void arrayOfTablesElementIsAppendedAfterTheLastOne() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("name", "Test");
        env.put("type", "production");
        env.put("display_in_api_console", true);
        TomlEditor t = stock().appendToArray("apim.gateway.environment", env);
        assertEquals(STOCK_LIKE.replace("""
                username= "${admin.username}"

                """, """
                username= "${admin.username}"

                [[apim.gateway.environment]]
                name = "Test"
                type = "production"
                display_in_api_console = true

                """), t.text());
        assertEquals(2, t.arraySize("apim.gateway.environment"));
        assertEquals(Optional.of("Test"), t.getStringInArray("apim.gateway.environment", 1, "name"));
        // the element's sub-table stays with its element
        TomlEditor e = stock().appendToArray("event_listener", Map.of("id", "second"));
        assertEquals(STOCK_LIKE.replace("""
                'header.X-WSO2-KEY-MANAGER' = "default"
                """, """
                'header.X-WSO2-KEY-MANAGER' = "default"

                [[event_listener]]
                id = "second"
                """), e.text());
        assertEquals(Optional.empty(), e.getString("event_listener.properties", "'header.X-WSO2-KEY-MANAGER'"));
    }

    @Test
    void firstArrayElementCreatesTheArray() {
        TomlEditor t = TomlEditor.parse("[server]\nhostname = \"h\"\n", "d.toml")
                .appendToArray("apim.gateway.environment", Map.of("name", "Test"));
        assertEquals("[server]\nhostname = \"h\"\n\n[[apim.gateway.environment]]\nname = \"Test\"\n", t.text());
    }

    @Test
    void tableDeclaredOnlyThroughADottedHeaderGetsItsOwnHeader() {
        String text = "[database.apim_db.pool_options]\nmaxActive = 50\n";
        TomlEditor t = TomlEditor.parse(text, "d.toml").set("database.apim_db", "type", "mysql");
        assertEquals(text + "\n[database.apim_db]\ntype = \"mysql\"\n", t.text());
        assertEquals(Optional.of(50L), t.getLong("database.apim_db.pool_options", "maxActive"));
    }

    @Test
    void crlfFilesKeepCrlfAndUntouchedBytes() {
        String crlf = STOCK_LIKE.replace("\n", "\r\n");
        TomlEditor t = TomlEditor.parse(crlf, "d.toml");
        t.set("server", "hostname", "h");
        t.set("database.apim_db", "driver", "org.h2.Driver");
        t.set("realm_manager", "data_source", "WSO2USER_DB");
        String expected = STOCK_LIKE
                .replace("hostname = \"localhost\"", "hostname = \"h\"")
                .replace("password = \"wso2carbon\"\n\n[database.shared_db]",
                        "password = \"wso2carbon\"\ndriver = \"org.h2.Driver\"\n\n[database.shared_db]")
                .replace("type = \"database_unique_id\"\n",
                        "type = \"database_unique_id\"\n\n[realm_manager]\ndata_source = \"WSO2USER_DB\"\n")
                .replace("\n", "\r\n");
        assertEquals(expected, t.text());
    }

    @Test
    void removeDeletesOnlyTheKeyLine() {
        String out = stock().remove("server", "server_role").remove("server", "absent").text();
        assertEquals(STOCK_LIKE.replace("server_role = \"default\"\n", ""), out);
    }

    @Test
    void removeEmptyTableDropsOnlyAHeaderWithoutKeys() {
        String text = "# keep me\n[a]\nx = 1\n\n[a.b]\ny = 2\n\n[c]\n\n[[d]]\n\n[e]\nz = 3\n";
        TomlEditor t = TomlEditor.parse(text, "d.toml");
        t.remove("a.b", "y").removeEmptyTable("a.b").removeEmptyTable("a").removeEmptyTable("c")
                .removeEmptyTable("d").removeEmptyTable("absent");
        assertEquals("# keep me\n[a]\nx = 1\n\n[[d]]\n\n[e]\nz = 3\n", t.text());
    }

    @Test
    void valuesAreEscapedAndTyped() {
        TomlEditor t = TomlEditor.parse("[a]\n", "d.toml");
        t.set("a", "s", "q\"b\\n&amp;");
        t.set("a", "i", 7);
        t.set("a", "d", 1.5);
        t.set("a", "b", false);
        assertEquals("[a]\ns = \"q\\\"b\\\\n&amp;\"\ni = 7\nd = 1.5\nb = false\n", t.text());
        assertEquals(Optional.of("q\"b\\n&amp;"), t.getString("a", "s"));
        assertThrows(IllegalArgumentException.class, () -> t.set("a", "x", new Object()));
    }

    @Test
    void multiLineValuesAreSpannedWhole() {
        String text = "[a]\nlist = [\n  \"x\", # one\n  \"y\",\n]\ns = '''\nline ] \"\n'''\nafter = 1\n";
        TomlEditor t = TomlEditor.parse(text, "d.toml");
        t.set("a", "list", List.of("z"));
        t.set("a", "after", 2);
        assertEquals("[a]\nlist = [\"z\"]\ns = '''\nline ] \"\n'''\nafter = 2\n", t.text());
    }

    @Test
    void inlineTableCannotBeExtended() {
        TomlEditor t = TomlEditor.parse("a = { b = 1 }\n", "d.toml");
        assertEquals(Optional.of(1L), t.getLong("a", "b"));
        UpgradeException e = assertThrows(UpgradeException.class, () -> t.set("a", "c", 2));
        assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
    }

    @Test
    void topLevelKeysGoBeforeTheFirstTable() {
        TomlEditor t = TomlEditor.parse("# head\n[server]\nx = 1\n", "d.toml").set("", "top", "v");
        assertEquals("top = \"v\"\n\n# head\n[server]\nx = 1\n", t.text());
        assertEquals("top = \"v\"\nnext = 1\n\n# head\n[server]\nx = 1\n", t.set("", "next", 1).text());
    }

    @Test
    void fileWithoutTrailingNewlineGetsOne() {
        TomlEditor t = TomlEditor.parse("[a]\nx = 1", "d.toml").set("a", "y", 2);
        assertEquals("[a]\nx = 1\ny = 2\n", t.text());
    }

    @Test
    void groupAndRoleSeparationHelper() {
        TomlEditor t = DeploymentTomlKeys.groupAndRoleSeparation(stock(), true);
        assertEquals(Optional.of(true), t.getBoolean("authorization_manager.properties", "GroupAndRoleSeparationEnabled"));
        assertSame(t, DeploymentTomlKeys.groupAndRoleSeparation(t, true));
        assertTrue(t.text().contains("type = \"database_unique_id\"\n\n[authorization_manager.properties]\n"
                + "GroupAndRoleSeparationEnabled = true\n\n[database.apim_db]"), t.text());
    }

    @Test
    void everyExistingKeyIsUpdatedOnItsOwnLineOnly() {
        var parsed = org.tomlj.Toml.parse(STOCK_LIKE);
        int checked = 0;
        for (String dotted : parsed.dottedKeySet()) {
            if (parsed.get(dotted) instanceof org.tomlj.TomlArray a && !a.isEmpty() && a.get(0) instanceof org.tomlj.TomlTable) {
                continue; // an array of tables, not a value
            }
            List<String> parts = org.tomlj.Toml.parseDottedKey(dotted);
            String table = org.tomlj.Toml.joinKeyPath(parts.subList(0, parts.size() - 1));
            String key = TomlEditor.quote(parts.get(parts.size() - 1));
            TomlEditor t = stock();
            t.set(table, key, "changed");
            assertEquals(Optional.of("changed"), t.getString(table, key), dotted);
            List<String> before = List.of(STOCK_LIKE.split("\n", -1));
            List<String> after = List.of(t.text().split("\n", -1));
            assertEquals(before.size(), after.size(), dotted);
            int differing = 0;
            for (int i = 0; i < before.size(); i++) {
                if (!before.get(i).equals(after.get(i))) {
                    differing++;
                    assertTrue(after.get(i).contains("\"changed\""), after.get(i));
                }
            }
            assertEquals(1, differing, dotted);
            checked++;
        }
        assertEquals(19, checked, "every value key of the sample (arrays of tables excluded)");
    }

    @Test
    void newKeysInEveryTableKeepEveryOriginalLine() {
        TomlEditor t = stock();
        List<String> tables = List.of("", "server", "super_admin", "user_store", "database.apim_db",
                "database.shared_db", "keystore.tls", "apim.sync_runtime_artifacts.gateway", "apim.key_manager",
                "apim.key_manager.pool", "event_listener.properties", "database.local", "database.user",
                "database.apim_db.pool_options", "keystore.primary", "apim.devportal", "secrets");
        for (String table : tables) {
            t.set(table, "added_key", table);
        }
        for (String table : tables) {
            assertEquals(Optional.of(table), t.getString(table, "added_key"), table);
        }
        // the original lines are all still there, in order
        List<String> after = List.of(t.text().split("\n", -1));
        int i = 0;
        for (String line : STOCK_LIKE.split("\n", -1)) {
            while (i < after.size() && !after.get(i).equals(line)) {
                i++;
            }
            assertTrue(i < after.size(), "lost or reordered: " + line);
            i++;
        }
        assertTrue(t.text().endsWith("[secrets]\nadded_key = \"secrets\"\n"), t.text());
        String once = t.text();
        tables.forEach(table -> t.set(table, "added_key", table));
        assertEquals(once, t.text());
    }

    @Test
    void dottedKeyIntoATableWithItsOwnHeaderGoesUnderThatHeader() {
        String text = "[database.apim_db]\ntype = \"h2\"\n\n[database.apim_db.pool_options]\nmaxActive = 50\n";
        TomlEditor t = TomlEditor.parse(text, "d.toml").set("database.apim_db", "pool_options.maxWait", 60000);
        assertEquals(text + "maxWait = 60000\n", t.text());
        assertEquals(Optional.of(60000L), t.getLong("database.apim_db", "pool_options.maxWait"));
    }

    @Test
    void byteOrderMarkIsKept() {
        TomlEditor t = TomlEditor.parse("\uFEFF[server]\nhostname = \"a\"\n", "d.toml").set("server", "hostname", "b");
        assertEquals("\uFEFF[server]\nhostname = \"b\"\n", t.text());
        assertEquals(Optional.of("b"), t.getString("server", "hostname"));
    }
}
