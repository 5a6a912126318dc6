package io.github.apimupgrade.core.steps.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small API Manager 2.6.0-shaped data set (our own rows) for the backup tests: the tables the verify counts read,
 * with the keys, foreign keys (ON DELETE CASCADE), auto-increment ids, BLOBs and timestamps of WSO2's schemas.
 * Shape after wso2/carbon-apimgt v6.4.50 features/apimgt/org.wso2.carbon.apimgt.core.feature/src/main/resources/sql/
 * {postgresql,mysql}.sql and wso2/carbon-kernel 4.4.x distribution/kernel/carbon-home/dbscripts/{postgresql,mysql}.sql.
 */
final class ApimShapedData {
    private ApimShapedData() {
    }

    static void apimDb(Connection c, boolean pg) throws SQLException {
        String id = pg ? "SERIAL" : "INTEGER AUTO_INCREMENT";
        String blob = pg ? "BYTEA" : "LONGBLOB";
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE AM_API (API_ID " + id + ", API_PROVIDER VARCHAR(200), API_NAME VARCHAR(200), API_VERSION VARCHAR(30), "
                    + "CONTEXT VARCHAR(256), API_TIER VARCHAR(256), CREATED_TIME TIMESTAMP NULL, PRIMARY KEY (API_ID), "
                    + "UNIQUE (API_PROVIDER, API_NAME, API_VERSION))");
            s.execute("CREATE TABLE AM_APPLICATION (APPLICATION_ID " + id + ", NAME VARCHAR(100), SUBSCRIBER_ID INTEGER, "
                    + "DESCRIPTION VARCHAR(512), PRIMARY KEY (APPLICATION_ID))");
            s.execute("CREATE TABLE AM_SUBSCRIPTION (SUBSCRIPTION_ID " + id + ", TIER_ID VARCHAR(50), API_ID INTEGER, APPLICATION_ID INTEGER, "
                    + "SUB_STATUS VARCHAR(50), PRIMARY KEY (SUBSCRIPTION_ID), "
                    + "FOREIGN KEY (APPLICATION_ID) REFERENCES AM_APPLICATION(APPLICATION_ID) ON DELETE CASCADE, "
                    + "FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID) ON DELETE CASCADE)");
            s.execute("CREATE INDEX IDX_AM_SUB_APP ON AM_SUBSCRIPTION (APPLICATION_ID)");
            s.execute("CREATE TABLE AM_API_LC_EVENT (EVENT_ID " + id + ", API_ID INTEGER NOT NULL, PREVIOUS_STATE VARCHAR(50), "
                    + "NEW_STATE VARCHAR(50) NOT NULL, USER_ID VARCHAR(50) NOT NULL, TENANT_ID INTEGER NOT NULL, EVENT_DATE TIMESTAMP NOT NULL, "
                    + "PRIMARY KEY (EVENT_ID), FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID) ON DELETE CASCADE)");
            s.execute("CREATE TABLE IDN_OAUTH_CONSUMER_APPS (ID " + id + ", CONSUMER_KEY VARCHAR(255), CONSUMER_SECRET VARCHAR(2048), "
                    + "APP_NAME VARCHAR(255), CALLBACK_URL VARCHAR(2048), APP_STATE VARCHAR(25) DEFAULT 'ACTIVE', PRIMARY KEY (ID))");
            s.execute("CREATE TABLE AM_API_URL_MAPPING (URL_MAPPING_ID " + id + ", API_ID INTEGER NOT NULL, HTTP_METHOD VARCHAR(20), "
                    + "URL_PATTERN VARCHAR(512), MEDIATION_SCRIPT " + blob + ", PRIMARY KEY (URL_MAPPING_ID))");
        }
        String[][] apis = {
                {"admin", "PizzaShackAPI", "1.0.0", "/pizzashack/1.0.0"},
                {"admin", "Weather's \"API\"", "2.0.0", "/weather/2.0.0"},
                {"admin", "NoSubscribers", "1.0.0", "/nosubs/1.0.0"},
                {"alice@tenant.example", "TenantAPI", "1.0.0", "/t/tenant.example/tenant/1.0.0"},
        };
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO AM_API (API_PROVIDER, API_NAME, API_VERSION, CONTEXT, API_TIER, CREATED_TIME) "
                + "VALUES (?, ?, ?, ?, 'Unlimited', TIMESTAMP '2019-03-01 10:15:30.123')")) {
            for (String[] a : apis) {
                for (int i = 0; i < 4; i++) {
                    ps.setString(i + 1, a[i]);
                }
                ps.executeUpdate();
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO AM_APPLICATION (NAME, SUBSCRIBER_ID, DESCRIPTION) VALUES ('DefaultApplication', 1, NULL), "
                    + "('mobile', 1, 'line one\\nline two, tab\\t and (parens), ''quoted''')");
            s.execute("INSERT INTO AM_SUBSCRIPTION (TIER_ID, API_ID, APPLICATION_ID, SUB_STATUS) VALUES ('Gold', 1, 1, 'UNBLOCKED'), "
                    + "('Bronze', 2, 1, 'UNBLOCKED'), ('Gold', 1, 2, 'BLOCKED'), ('Unlimited', 4, 2, 'UNBLOCKED')");
            s.execute("INSERT INTO AM_API_LC_EVENT (API_ID, PREVIOUS_STATE, NEW_STATE, USER_ID, TENANT_ID, EVENT_DATE) VALUES "
                    + "(1, NULL, 'CREATED', 'admin', -1234, TIMESTAMP '2019-03-01 10:15:30'), (1, 'CREATED', 'PUBLISHED', 'admin', -1234, TIMESTAMP '2019-03-01 10:20:00')");
            s.execute("INSERT INTO IDN_OAUTH_CONSUMER_APPS (CONSUMER_KEY, CONSUMER_SECRET, APP_NAME, CALLBACK_URL) VALUES "
                    + "('k1', 's3cr3t==', 'admin_DefaultApplication_PRODUCTION', NULL)");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO AM_API_URL_MAPPING (API_ID, HTTP_METHOD, URL_PATTERN, MEDIATION_SCRIPT) VALUES (1, 'GET', '/menu', ?)")) {
            byte[] bytes = new byte[300];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i * 7);
            }
            ps.setBytes(1, bytes);
            ps.executeUpdate();
        }
    }

    static void sharedDb(Connection c, boolean pg) throws SQLException {
        String id = pg ? "SERIAL" : "INTEGER AUTO_INCREMENT";
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE UM_TENANT (UM_ID " + id + ", UM_DOMAIN_NAME VARCHAR(255) NOT NULL, UM_EMAIL VARCHAR(255), UM_ACTIVE BOOLEAN DEFAULT FALSE, "
                    + "PRIMARY KEY (UM_ID), UNIQUE (UM_DOMAIN_NAME))");
            s.execute("CREATE TABLE UM_USER (UM_ID " + id + ", UM_USER_NAME VARCHAR(255) NOT NULL, UM_USER_PASSWORD VARCHAR(255) NOT NULL, "
                    + "UM_TENANT_ID INTEGER DEFAULT 0, PRIMARY KEY (UM_ID, UM_TENANT_ID), UNIQUE (UM_USER_NAME, UM_TENANT_ID))");
            s.execute("CREATE TABLE UM_ROLE (UM_ID " + id + ", UM_ROLE_NAME VARCHAR(255) NOT NULL, UM_TENANT_ID INTEGER DEFAULT 0, "
                    + "PRIMARY KEY (UM_ID, UM_TENANT_ID))");
            s.execute("CREATE TABLE UM_HYBRID_ROLE (UM_ID " + id + ", UM_ROLE_NAME VARCHAR(255), UM_TENANT_ID INTEGER DEFAULT 0, PRIMARY KEY (UM_ID, UM_TENANT_ID))");
            s.execute("CREATE TABLE REG_PATH (REG_PATH_ID " + id + ", REG_PATH_VALUE VARCHAR(895) NOT NULL, REG_PATH_PARENT_ID INTEGER, "
                    + "REG_TENANT_ID INTEGER DEFAULT 0, PRIMARY KEY (REG_PATH_ID, REG_TENANT_ID))");
            s.execute("CREATE TABLE REG_RESOURCE (REG_PATH_ID INTEGER NOT NULL, REG_NAME VARCHAR(256), REG_VERSION " + id + ", "
                    + "REG_MEDIA_TYPE VARCHAR(500), REG_CREATOR VARCHAR(31) NOT NULL, REG_CREATED_TIME TIMESTAMP NOT NULL, "
                    + "REG_TENANT_ID INTEGER DEFAULT 0, REG_UUID VARCHAR(100) NOT NULL, PRIMARY KEY (REG_VERSION, REG_TENANT_ID), "
                    + "FOREIGN KEY (REG_PATH_ID, REG_TENANT_ID) REFERENCES REG_PATH (REG_PATH_ID, REG_TENANT_ID))");
            s.execute("INSERT INTO UM_TENANT (UM_DOMAIN_NAME, UM_EMAIL, UM_ACTIVE) VALUES ('tenant.example', 'alice@tenant.example', TRUE)");
            s.execute("INSERT INTO UM_USER (UM_USER_NAME, UM_USER_PASSWORD, UM_TENANT_ID) VALUES ('admin', 'hash1', -1234), "
                    + "('bob', 'hash2', -1234), ('alice', 'hash3', 1)");
            s.execute("INSERT INTO UM_ROLE (UM_ROLE_NAME, UM_TENANT_ID) VALUES ('admin', -1234), ('apicreator', -1234), ('admin', 1)");
            s.execute("INSERT INTO UM_HYBRID_ROLE (UM_ROLE_NAME, UM_TENANT_ID) VALUES ('Internal/everyone', -1234), ('Internal/subscriber', -1234)");
            s.execute("INSERT INTO REG_PATH (REG_PATH_VALUE, REG_PATH_PARENT_ID, REG_TENANT_ID) VALUES "
                    + "('/_system/governance/apimgt/applicationdata/provider/admin/PizzaShackAPI/1.0.0', NULL, -1234), "
                    + "('/_system/governance/apimgt/applicationdata/provider/alice-AT-tenant.example/TenantAPI/1.0.0', NULL, 1)");
            s.execute("INSERT INTO REG_RESOURCE (REG_PATH_ID, REG_NAME, REG_MEDIA_TYPE, REG_CREATOR, REG_CREATED_TIME, REG_TENANT_ID, REG_UUID) VALUES "
                    + "(1, 'api', 'application/vnd.wso2-api+xml', 'admin', TIMESTAMP '2019-03-01 10:15:30', -1234, 'u1'), "
                    + "(1, 'swagger.json', 'application/json', 'admin', TIMESTAMP '2019-03-01 10:15:31', -1234, 'u2'), "
                    + "(2, 'api', 'application/vnd.wso2-api+xml', 'alice@tenant.example', TIMESTAMP '2019-03-02 09:00:00', 1, 'u3')");
        }
    }

    /** Every table's column names and rows (as text, sorted): two databases with equal snapshots hold the same data. */
    static Map<String, List<String>> snapshot(Connection c) throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        for (String t : Tables.list(c)) {
            List<String> rows = new ArrayList<>();
            String q = c.getMetaData().getIdentifierQuoteString();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + q + t + q)) {
                ResultSetMetaData md = rs.getMetaData();
                StringBuilder cols = new StringBuilder("columns:");
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    cols.append(' ').append(md.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
                }
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        row.append(i > 1 ? " | " : "").append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v));
                    }
                    rows.add(row.toString());
                }
                rows.sort(null);
                rows.add(0, cols.toString());
            }
            out.put(Tables.key(t), rows);
        }
        return out;
    }
}
