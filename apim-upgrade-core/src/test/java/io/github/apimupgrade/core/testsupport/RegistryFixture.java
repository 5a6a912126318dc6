package io.github.apimupgrade.core.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A versioned WSO2 registry in miniature: the real keys, foreign keys and indexes (registry/schema.sql) and a small
 * dataset with the cases that decide whether a clean-up script is equivalent to WSO2's: two tenants, resources
 * with old versions, collections (NULL names), properties/tags/comments/ratings shared between versions, rows
 * orphaned already, rows written while versioning was off (NULL REG_VERSION), stale names, and an id that
 * exists in two tenants (WSO2's NOT IN matches on the id alone).
 */
public final class RegistryFixture {
    public static final List<String> TABLES = List.of("REG_PATH", "REG_CONTENT", "REG_RESOURCE",
            "REG_PROPERTY", "REG_RESOURCE_PROPERTY", "REG_TAG", "REG_RESOURCE_TAG",
            "REG_COMMENT", "REG_RESOURCE_COMMENT", "REG_RATING", "REG_RESOURCE_RATING", "REG_LOG");

    private static final int T0 = -1234;
    private static final int T1 = 1;
    private static final Timestamp TS = Timestamp.valueOf("2020-01-02 03:04:05");

    private RegistryFixture() {
    }

    public static void createSchema(Connection c) throws SQLException {
        for (String sql : resource("/registry/schema.sql").split(";")) {
            String s = stripComments(sql);
            if (!s.isBlank()) {
                try (Statement st = c.createStatement()) {
                    st.execute(s);
                }
            }
        }
    }

    /** Loads the tricky dataset into an empty schema. */
    public static void loadData(Connection c) throws SQLException {
        path(c, 1, "/", null, T0);
        path(c, 2, "/_system", 1, T0);
        path(c, 3, "/_system/governance", 2, T0);
        path(c, 10, "/", null, T1);
        path(c, 11, "/_system/governance/apis", 10, T1);

        resource(c, 103, 3, "api.rxt", T0);
        resource(c, 104, 3, null, T0); // a collection: no name
        resource(c, 203, 11, "api1", T1);
        resource(c, 210, 11, "api2", T1);

        for (int id : new int[] {1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1999, 2003}) {
            property(c, id, T0);
        }
        for (int id : new int[] {2001, 2002, 2003, 2004, 2010, 2011}) {
            property(c, id, T1);
        }
        link(c, "REG_RESOURCE_PROPERTY", 1001, 101, null, null, T0);
        link(c, "REG_RESOURCE_PROPERTY", 1002, 101, null, null, T0);
        link(c, "REG_RESOURCE_PROPERTY", 1003, 102, null, null, T0);
        link(c, "REG_RESOURCE_PROPERTY", 1004, 102, null, null, T0);
        link(c, "REG_RESOURCE_PROPERTY", 1005, 103, null, null, T0);
        link(c, "REG_RESOURCE_PROPERTY", 1006, 103, null, null, T0);
        link(c, "REG_RESOURCE_PROPERTY", 1007, 102, null, null, T0); // shared by an old and the current version
        link(c, "REG_RESOURCE_PROPERTY", 1007, 103, null, null, T0);
        link(c, "REG_RESOURCE_PROPERTY", 1008, 104, null, null, T0);
        link(c, "REG_RESOURCE_PROPERTY", 2001, 201, null, null, T1);
        link(c, "REG_RESOURCE_PROPERTY", 2002, 202, null, null, T1);
        link(c, "REG_RESOURCE_PROPERTY", 2003, 203, null, null, T1);
        link(c, "REG_RESOURCE_PROPERTY", 2004, 201, null, null, T1);
        link(c, "REG_RESOURCE_PROPERTY", 2004, 203, null, null, T1);
        link(c, "REG_RESOURCE_PROPERTY", 2010, 210, 11, "stale-name", T1);
        link(c, "REG_RESOURCE_PROPERTY", 2011, null, 11, "api2", T1); // written while versioning was off

        for (int id : new int[] {3001, 3002, 3003}) { // 3003 also in tenant 1
            tag(c, id, T0);
        }
        for (int id : new int[] {3003, 3004, 3005}) {
            tag(c, id, T1);
        }
        link(c, "REG_RESOURCE_TAG", 3001, 101, null, null, T0);
        link(c, "REG_RESOURCE_TAG", 3001, 103, null, null, T0);
        link(c, "REG_RESOURCE_TAG", 3002, 102, null, null, T0);
        link(c, "REG_RESOURCE_TAG", 3003, 203, null, null, T1);
        link(c, "REG_RESOURCE_TAG", 3004, 201, null, null, T1);

        comment(c, 4001, T0);
        comment(c, 4002, T0);
        comment(c, 4003, T1);
        link(c, "REG_RESOURCE_COMMENT", 4001, 102, null, null, T0);
        link(c, "REG_RESOURCE_COMMENT", 4002, 103, null, null, T0);
        link(c, "REG_RESOURCE_COMMENT", 4003, 203, null, null, T1);

        rating(c, 5001, T0);
        rating(c, 5002, T1);
        rating(c, 5003, T1);
        link(c, "REG_RESOURCE_RATING", 5001, 101, null, null, T0);
        link(c, "REG_RESOURCE_RATING", 5001, 102, null, null, T0);
        link(c, "REG_RESOURCE_RATING", 5002, 203, null, null, T1);
        link(c, "REG_RESOURCE_RATING", 5003, 210, 11, "api2", T1); // already right: unchanged
    }

    /**
     * REG_LOG rows with the cases that decide whether a compaction equals WSO2's reg-index.sql: several rows per
     * path, a path whose newest row is a REG_ACTION 7, rows with no path, two tenants sharing a path, and an id
     * (50) that is the newest of its path in tenant 1 but not of its path in tenant -1234 (WSO2's NOT IN, on the id
     * alone, keeps both).
     */
    public static void loadRegLog(Connection c) throws SQLException {
        Object[][] rows = {
                {10, "/a", 2, T0}, {11, "/a", 2, T0}, {12, "/a", 3, T0},
                {20, "/b", 2, T0}, {21, "/b", 7, T0},
                {30, "/c", 7, T0}, {31, "/c", 2, T0},
                {40, null, 2, T0}, {41, null, 2, T0},
                {50, "/d", 2, T0}, {51, "/d", 2, T0},
                {50, "/x", 2, T1}, {45, "/x", 4, T1},
                {60, "/a", 2, T1}, {61, "/a", 7, T1}, {62, "/a", 2, T1},
        };
        for (Object[] r : rows) {
            exec(c, "INSERT INTO REG_LOG (REG_LOG_ID, REG_PATH, REG_USER_ID, REG_LOGGED_TIME, REG_ACTION, REG_TENANT_ID)"
                    + " VALUES (?, ?, 'admin', ?, ?, ?)", r[0], r[1], TS, r[2], r[3]);
        }
    }

    /** Every row of every REG_ table, as text, in a stable order: equal dumps mean equal registries. */
    public static Map<String, List<String>> dump(Connection c) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String table : TABLES) {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        sb.append(md.getColumnName(i).toUpperCase()).append('=')
                                .append(v instanceof Timestamp t ? t.toLocalDateTime().toString() : String.valueOf(v)).append(' ');
                    }
                    rows.add(sb.toString().strip());
                }
            }
            rows.sort(null);
            out.put(table, rows);
        }
        return out;
    }

    public static int count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Runs a script split on ';' at line ends (the seed scripts' form), skipping comment lines. */
    public static void runSemicolonScript(Connection c, String script) throws SQLException {
        for (String sql : script.split(";\\s*(\\n|$)")) {
            String s = stripComments(sql);
            if (!s.isBlank()) {
                try (Statement st = c.createStatement()) {
                    st.execute(s);
                }
            }
        }
    }

    public static String resource(String name) {
        try (InputStream in = RegistryFixture.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripComments(String sql) {
        StringBuilder sb = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (!line.strip().startsWith("--")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString().strip();
    }

    private static void path(Connection c, int id, String value, Integer parent, int tenant) throws SQLException {
        exec(c, "INSERT INTO REG_PATH (REG_PATH_ID, REG_PATH_VALUE, REG_PATH_PARENT_ID, REG_TENANT_ID) VALUES (?, ?, ?, ?)",
                id, value, parent, tenant);
    }

    private static void resource(Connection c, int version, int pathId, String name, int tenant) throws SQLException {
        exec(c, "INSERT INTO REG_RESOURCE (REG_PATH_ID, REG_NAME, REG_VERSION, REG_MEDIA_TYPE, REG_CREATOR, REG_CREATED_TIME,"
                        + " REG_LAST_UPDATOR, REG_LAST_UPDATED_TIME, REG_TENANT_ID, REG_UUID) VALUES (?, ?, ?, 'text/plain', 'admin', ?, 'admin', ?, ?, ?)",
                pathId, name, version, TS, TS, tenant, "uuid-" + version);
    }

    private static void property(Connection c, int id, int tenant) throws SQLException {
        exec(c, "INSERT INTO REG_PROPERTY (REG_ID, REG_NAME, REG_VALUE, REG_TENANT_ID) VALUES (?, ?, ?, ?)",
                id, "p" + id, "v" + id, tenant);
    }

    private static void tag(Connection c, int id, int tenant) throws SQLException {
        exec(c, "INSERT INTO REG_TAG (REG_ID, REG_TAG_NAME, REG_USER_ID, REG_TAGGED_TIME, REG_TENANT_ID) VALUES (?, ?, 'admin', ?, ?)",
                id, "t" + id, TS, tenant);
    }

    private static void comment(Connection c, int id, int tenant) throws SQLException {
        exec(c, "INSERT INTO REG_COMMENT (REG_ID, REG_COMMENT_TEXT, REG_USER_ID, REG_COMMENTED_TIME, REG_TENANT_ID) VALUES (?, ?, 'admin', ?, ?)",
                id, "c" + id, TS, tenant);
    }

    private static void rating(Connection c, int id, int tenant) throws SQLException {
        exec(c, "INSERT INTO REG_RATING (REG_ID, REG_RATING, REG_USER_ID, REG_RATED_TIME, REG_TENANT_ID) VALUES (?, 4, 'admin', ?, ?)",
                id, TS, tenant);
    }

    private static void link(Connection c, String table, int id, Integer version, Integer pathId, String name, int tenant)
            throws SQLException {
        String idColumn = switch (table) {
            case "REG_RESOURCE_PROPERTY" -> "REG_PROPERTY_ID";
            case "REG_RESOURCE_TAG" -> "REG_TAG_ID";
            case "REG_RESOURCE_COMMENT" -> "REG_COMMENT_ID";
            default -> "REG_RATING_ID";
        };
        exec(c, "INSERT INTO " + table + " (" + idColumn + ", REG_VERSION, REG_PATH_ID, REG_RESOURCE_NAME, REG_TENANT_ID) VALUES (?, ?, ?, ?, ?)",
                id, version, pathId, name, tenant);
    }

    private static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p == null) {
                    boolean text = sql.contains("REG_RESOURCE_NAME") && i == 3 || sql.contains("REG_NAME") && i == 1
                            || sql.contains("REG_LOG") && i == 1;
                    ps.setNull(i + 1, text ? java.sql.Types.VARCHAR : java.sql.Types.INTEGER);
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            ps.executeUpdate();
        }
    }
}
