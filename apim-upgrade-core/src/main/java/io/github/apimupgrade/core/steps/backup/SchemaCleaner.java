package io.github.apimupgrade.core.steps.backup;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Empties the connection's schema before a dump is loaded: the upgrade adds tables and columns, so the
 * pre-upgrade state is the dump loaded into an empty schema, not the dump loaded over the upgraded one.
 */
final class SchemaCleaner {
    private SchemaCleaner() {
    }

    /** Drops every view, table (and PostgreSQL sequence) of the schema; returns what it dropped. */
    static List<String> empty(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        List<String> dropped = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            if (product.contains("h2")) {
                dropped.addAll(Tables.list(c));
                s.execute("DROP ALL OBJECTS");
                return dropped;
            }
            boolean mysql = product.contains("mysql") || product.contains("mariadb");
            String q = mysql ? "`" : "\"";
            String cascade = mysql ? "" : " CASCADE";
            if (mysql) {
                s.execute("SET FOREIGN_KEY_CHECKS = 0");
            }
            for (String v : Tables.list(c, "VIEW")) {
                s.execute("DROP VIEW IF EXISTS " + q + v + q + cascade);
                dropped.add(v);
            }
            for (String t : Tables.list(c)) {
                s.execute("DROP TABLE IF EXISTS " + q + t + q + cascade);
                dropped.add(t);
            }
            if (!mysql) {
                for (String seq : Tables.list(c, "SEQUENCE")) {
                    s.execute("DROP SEQUENCE IF EXISTS " + q + seq + q + cascade);
                }
            } else {
                s.execute("SET FOREIGN_KEY_CHECKS = 1");
            }
        }
        return dropped;
    }
}
