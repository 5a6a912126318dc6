package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.config.yaml.StrictYaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stock API Manager 2.6.0 values, read from {@code config/xml/stock-2.6.0.yaml} (its header cites the sources):
 * the upgrade carries a setting to deployment.toml only when the old
 * installation changed it from these (WSO2: "redo the configuration changes"; several 4.1.0 defaults differ from
 * 2.6.0's, so copying stock 2.6.0 values over would break 4.1.0). The mapping columns follow
 * ../shared/research/config-mapping.md sections 3-5. A malformed resource fails loading the class, naming the
 * resource and the key.
 */
final class Stock260 {
    private Stock260() {
    }

    /** How an XML text becomes a TOML value. */
    enum Kind {
        STRING, BOOLEAN, LONG,
        /** comma-separated text -> array of strings */
        LIST,
        /** boolean written negated (RemoveOAuthHeadersFromOutMessage -> enable_outbound_auth_header) */
        NEGATED_BOOLEAN
    }

    /**
     * One old element, its stock value, and its 4.1.0 key (table null: no automatic mapping).
     *
     * @param secret the value may be a password: never shown
     */
    record Setting(String path, String stock, String table, String key, Kind kind, boolean secret, String note) {
        boolean mapped() {
            return table != null;
        }
    }

    /** The resource these tables are read from; its header cites the sources. */
    static final String RESOURCE = "io/github/apimupgrade/core/config/xml/stock-2.6.0.yaml";

    private static final StrictYaml DATA = StrictYaml.load(RESOURCE)
            .keys("version", "apiManager", "carbon", "userMgt", "registry", "datasources");
    private static final StrictYaml AM_DATA = DATA.map("apiManager")
            .keys("root", "settings", "handled", "scopeWhitelist", "gatewayEnvironment");
    private static final StrictYaml ENV = AM_DATA.map("gatewayEnvironment")
            .keys("name", "type", "apiConsole", "description", "serverUrl", "username", "password", "http", "https", "ws");
    private static final StrictYaml CARBON = DATA.map("carbon").keys("hostName", "offset", "keystore", "truststore");
    private static final StrictYaml KEYSTORE = CARBON.map("keystore").keys("file", "type", "password", "alias");
    private static final StrictYaml TRUSTSTORE = CARBON.map("truststore").keys("file", "password");
    private static final StrictYaml USER_MGT = DATA.map("userMgt").keys("addAdmin", "adminRole", "adminUser",
            "adminPassword", "everyoneRole", "realmProperties", "jdbcUserStore", "authorizationManager", "userStoreTypes");
    private static final StrictYaml JDBC = USER_MGT.map("jdbcUserStore").keys("class", "properties");
    private static final StrictYaml AUTHZ = USER_MGT.map("authorizationManager").keys("class", "properties");
    private static final StrictYaml DATASOURCES = DATA.map("datasources").keys("notMigrated", "statsDb");

    /** The version these tables describe: a path's {@code stockDefaults} for an XML source must name it. */
    static final String VERSION = DATA.string("version");

    private static final String AM = AM_DATA.string("root");

    /** api-manager.xml elements by absolute path. */
    static final Map<String, Setting> API_MANAGER = settings(AM_DATA.maps("settings"));

    /**
     * api-manager.xml elements the step handles elsewhere or deliberately skips (not reported as unmapped):
     * the datasource name (the apim_db role), the gateway environments, analytics (reported once), the REST API
     * URI lists (their 2.6.0 paths are obsolete).
     */
    static final List<String> API_MANAGER_HANDLED = AM_DATA.strings("handled").stream().map(p -> AM + p).toList();

    /** OAuthConfigurations/ScopeWhitelist/Scope entries (commented out in stock; 4.1.0's default is the same). */
    static final List<String> SCOPE_WHITELIST = AM_DATA.strings("scopeWhitelist");

    /** Stock 2.6.0 gateway environment (api-manager.xml). */
    static final String ENV_NAME = ENV.string("name");
    static final String ENV_TYPE = ENV.string("type");
    static final String ENV_API_CONSOLE = ENV.string("apiConsole");
    static final String ENV_DESCRIPTION = ENV.string("description");
    static final String ENV_SERVER_URL = ENV.string("serverUrl");
    static final String ENV_USERNAME = ENV.string("username");
    static final String ENV_PASSWORD = ENV.string("password");
    static final String ENV_HTTP = ENV.string("http");
    static final String ENV_HTTPS = ENV.string("https");
    static final String ENV_WS = ENV.string("ws");

    /** carbon.xml. HostName and MgtHostName are commented out in stock (the server uses localhost). */
    static final String HOST_NAME = CARBON.string("hostName");
    static final String OFFSET = CARBON.string("offset");
    static final String KEYSTORE_FILE = KEYSTORE.string("file");
    static final String KEYSTORE_TYPE = KEYSTORE.string("type");
    static final String KEYSTORE_PASSWORD = KEYSTORE.string("password");
    static final String KEYSTORE_ALIAS = KEYSTORE.string("alias");
    static final String TRUSTSTORE_FILE = TRUSTSTORE.string("file");
    static final String TRUSTSTORE_PASSWORD = TRUSTSTORE.string("password");

    /** user-mgt.xml realm configuration. */
    static final String ADD_ADMIN = USER_MGT.string("addAdmin");
    static final String ADMIN_ROLE = USER_MGT.string("adminRole");
    static final String ADMIN_USER = USER_MGT.string("adminUser");
    static final String ADMIN_PASSWORD = USER_MGT.string("adminPassword");
    static final String EVERYONE_ROLE = USER_MGT.string("everyoneRole");
    /** Realm properties other than dataSource (the 2.6.0 build adds initializeNewClaimManager). */
    static final Map<String, String> REALM_PROPERTIES = USER_MGT.stringMap("realmProperties");
    static final String JDBC_USER_STORE = JDBC.string("class");
    /** The stock JDBC user store manager's properties. */
    static final Map<String, String> JDBC_USER_STORE_PROPERTIES = JDBC.stringMap("properties");
    static final String AUTHORIZATION_MANAGER = AUTHZ.string("class");
    static final Map<String, String> AUTHORIZATION_PROPERTIES = AUTHZ.stringMap("properties");

    /** registry.xml indexingConfiguration -> [indexing] key, with stock values: {stock, key}. */
    static final Map<String, String[]> INDEXING = indexing(DATA.map("registry").keys("indexing").map("indexing"));

    /** Old UserStoreManager classes and their 4.1.0 [user_store] type (the non-unique-ID ones the old data fits). */
    static final Map<String, String> USER_STORE_TYPES = USER_MGT.stringMap("userStoreTypes");

    /** The 2.6.0 stock datasources that are not migrated (seed step 1; config-mapping.md section 1.2). */
    static final Set<String> NOT_MIGRATED = Set.copyOf(DATASOURCES.strings("notMigrated"));
    static final String STATS_DB = DATASOURCES.string("statsDb");

    static Optional<Setting> apiManager(String path) {
        return Optional.ofNullable(API_MANAGER.get(path));
    }

    static boolean apiManagerHandled(String path) {
        return API_MANAGER_HANDLED.stream().anyMatch(p -> p.endsWith("/") ? path.startsWith(p) : path.equals(p));
    }

    static Map<String, Setting> settings(List<StrictYaml> rows) {
        Map<String, Setting> out = new LinkedHashMap<>();
        for (StrictYaml row : rows) {
            row.keys("path", "stock", "table", "key", "kind", "secret", "note");
            String path = AM + row.string("path");
            String table = row.optString("table");
            String key = row.optString("key");
            if ((table == null) != (key == null)) {
                throw new IllegalStateException(RESOURCE + ": " + path + " names a table without a key or a key"
                        + " without a table");
            }
            String kind = row.optString("kind");
            Setting s = new Setting(path, row.string("stock"), table, key,
                    kind == null ? Kind.STRING : kind(kind, path), row.bool("secret", false), row.optString("note"));
            if (out.put(path, s) != null) {
                throw new IllegalStateException(RESOURCE + ": " + path + " is listed twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Kind kind(String text, String path) {
        for (Kind k : Kind.values()) {
            if (k.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(text)) {
                return k;
            }
        }
        throw new IllegalStateException(RESOURCE + ": " + path + ": kind '" + text
                + "' is not one of string, boolean, long, list, negated-boolean");
    }

    private static Map<String, String[]> indexing(StrictYaml indexing) {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String element : indexing.keyList()) {
            StrictYaml e = indexing.map(element).keys("stock", "key");
            out.put(element, new String[] {e.string("stock"), e.string("key")});
        }
        return Collections.unmodifiableMap(out);
    }

    /** Splits a comma list, trimming entries. */
    static List<String> list(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
