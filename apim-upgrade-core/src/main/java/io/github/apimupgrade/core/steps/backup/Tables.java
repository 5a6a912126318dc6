package io.github.apimupgrade.core.steps.backup;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables of the connection's own schema (PostgreSQL/H2 current schema, MySQL/MariaDB current database) and
 * their row counts. Names are compared ignoring case: PostgreSQL folds WSO2's unquoted names to lower case,
 * dumps quote them or not.
 */
public final class Tables {
    private Tables() {
    }

    public static List<String> list(Connection c) throws SQLException {
        return list(c, "TABLE");
    }

    static List<String> list(Connection c, String type) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String schema = schemaOf(c);
        String catalog = c.getCatalog();
        List<String> out = new ArrayList<>();
        try (ResultSet rs = md.getTables(catalog, schema, "%", new String[] {type})) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_NAME"));
            }
        }
        return out;
    }

    /** The schema the tables live in, or null where the database is the namespace (MySQL/MariaDB). */
    static String schemaOf(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("mysql") || product.contains("mariadb")) {
            return null;
        }
        return c.getSchema();
    }

    /** Table (lower case) -> rows, for every table of the schema. */
    public static Map<String, Long> counts(Connection c) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        String q = c.getMetaData().getIdentifierQuoteString().strip();
        for (String t : list(c)) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + q + t.replace(q, q + q) + q)) {
                rs.next();
                out.put(key(t), rs.getLong(1));
            }
        }
        return out;
    }

    /** How counts are keyed: the bare table name in lower case. */
    public static String key(String table) {
        String t = table.strip();
        int dot = t.lastIndexOf('.'); // schema.table: WSO2's table names have no dots
        if (dot >= 0) {
            t = t.substring(dot + 1);
        }
        return t.replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT);
    }

    /** The differences between two count maps: "am_api: dump 3, live 4". Empty when they agree. */
    public static List<String> differences(Map<String, Long> dump, Map<String, Long> live, String left, String right) {
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<String, Long> e : live.entrySet()) {
            Long d = dump.get(e.getKey());
            if (d == null) {
                diffs.add(e.getKey() + ": missing from the " + left + " (" + right + " " + e.getValue() + " rows)");
            } else if (!d.equals(e.getValue())) {
                diffs.add(e.getKey() + ": " + left + " " + d + ", " + right + " " + e.getValue());
            }
        }
        return diffs;
    }
}
