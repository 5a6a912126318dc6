package io.github.apimupgrade.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** Runs a ';'-terminated script statement by statement in autocommit (as psql and the mariadb client do), timing each. */
final class Timed {
    private Timed() {
    }

    static void script(Connection c, String script) throws SQLException {
        c.setAutoCommit(true);
        int n = 0;
        for (String raw : script.split(";\\s*(\\n|$)")) {
            StringBuilder sb = new StringBuilder();
            for (String line : raw.split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sb.append(line).append('\n');
                }
            }
            String sql = sb.toString().strip();
            if (sql.isEmpty()) {
                continue;
            }
            n++;
            long t0 = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute(sql);
                System.out.printf(Locale.ROOT, "  %2d %8.1f s %9d rows  %s%n", n, Bench.secs(t0), s.getUpdateCount(),
                        sql.replaceAll("\\s+", " ").substring(0, Math.min(90, sql.replaceAll("\\s+", " ").length())));
            }
        }
    }
}
