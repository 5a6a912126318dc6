package io.github.apimupgrade.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills the registry schema server-side (generate_series / MariaDB's seq_1_to_N), so that a million rows take
 * seconds. A versioned registry of N resources x 5 versions:
 * <ul>
 *   <li>REG_PATH: one path per 10 resources; REG_RESOURCE: N rows, the current version r*5 of resource r;</li>
 *   <li>2 properties per version: N*10 REG_PROPERTY rows, each linked to its version in REG_RESOURCE_PROPERTY
 *       (REG_VERSION set, path and name NULL, as the versioned registry writes them) - 80% belong to old versions;</li>
 *   <li>every 100th resource: a tag shared by all its versions, a comment on its first version, a rating per
 *       version.</li>
 * </ul>
 * REG_LOG: M rows, 5 per path, 10% with REG_ACTION = 7, as registry-schema-facts.md measured.
 */
final class Generator {
    private static final int VERSIONS = 5;
    private static final int PROPS = 2;

    private Generator() {
    }

    static void versionedRegistry(Connection c, String kind, int n) throws SQLException {
        boolean pg = kind.equals("pg");
        int paths = n / 10 + 1;
        int versions = n * VERSIONS;
        int props = versions * PROPS;
        try (Statement s = c.createStatement()) {
            if (!pg) {
                s.execute("SET foreign_key_checks = 0");
                s.execute("SET unique_checks = 0");
            }
            s.execute("INSERT INTO REG_PATH (REG_PATH_ID, REG_PATH_VALUE, REG_PATH_PARENT_ID, REG_TENANT_ID) SELECT "
                    + "g, " + concat(pg, "'/_system/governance/p'", "g") + ", NULL, -1234 FROM " + series(pg, paths));
            s.execute("INSERT INTO REG_RESOURCE (REG_PATH_ID, REG_NAME, REG_VERSION, REG_MEDIA_TYPE, REG_CREATOR, REG_CREATED_TIME,"
                    + " REG_LAST_UPDATOR, REG_LAST_UPDATED_TIME, REG_TENANT_ID, REG_UUID) SELECT "
                    + div(pg, "g - 1", "10") + " + 1, " + concat(pg, "'res'", "g") + ", g * " + VERSIONS
                    + ", 'text/plain', 'admin', CURRENT_TIMESTAMP, 'admin', CURRENT_TIMESTAMP, -1234, "
                    + concat(pg, "'uuid-'", "g") + " FROM " + series(pg, n));
            s.execute("INSERT INTO REG_PROPERTY (REG_ID, REG_NAME, REG_VALUE, REG_TENANT_ID) SELECT g, "
                    + concat(pg, "'p'", "g") + ", " + concat(pg, "'v'", "g") + ", -1234 FROM " + series(pg, props));
            s.execute("INSERT INTO REG_RESOURCE_PROPERTY (REG_PROPERTY_ID, REG_VERSION, REG_PATH_ID, REG_RESOURCE_NAME, REG_TENANT_ID)"
                    + " SELECT g, " + div(pg, "g - 1", String.valueOf(PROPS)) + " + 1, NULL, NULL, -1234 FROM " + series(pg, props));
            // every 100th resource: r = g*100; its versions (r-1)*5+1 .. r*5
            int sample = n / 100;
            s.execute("INSERT INTO REG_TAG (REG_ID, REG_TAG_NAME, REG_USER_ID, REG_TAGGED_TIME, REG_TENANT_ID) SELECT g, "
                    + concat(pg, "'t'", "g") + ", 'admin', CURRENT_TIMESTAMP, -1234 FROM " + series(pg, sample));
            s.execute("INSERT INTO REG_RESOURCE_TAG (REG_TAG_ID, REG_VERSION, REG_PATH_ID, REG_RESOURCE_NAME, REG_TENANT_ID)"
                    + " SELECT " + div(pg, "g - 1", String.valueOf(VERSIONS)) + " + 1, (" + div(pg, "g - 1", String.valueOf(VERSIONS))
                    + " * 100 + 99) * " + VERSIONS + " + (g - 1) % " + VERSIONS + " + 1, NULL, NULL, -1234 FROM " + series(pg, sample * VERSIONS));
            s.execute("INSERT INTO REG_COMMENT (REG_ID, REG_COMMENT_TEXT, REG_USER_ID, REG_COMMENTED_TIME, REG_TENANT_ID) SELECT g, "
                    + concat(pg, "'c'", "g") + ", 'admin', CURRENT_TIMESTAMP, -1234 FROM " + series(pg, sample));
            s.execute("INSERT INTO REG_RESOURCE_COMMENT (REG_COMMENT_ID, REG_VERSION, REG_PATH_ID, REG_RESOURCE_NAME, REG_TENANT_ID)"
                    + " SELECT g, (g * 100 - 1) * " + VERSIONS + " + 1, NULL, NULL, -1234 FROM " + series(pg, sample));
            s.execute("INSERT INTO REG_RATING (REG_ID, REG_RATING, REG_USER_ID, REG_RATED_TIME, REG_TENANT_ID) SELECT g, 4, 'admin',"
                    + " CURRENT_TIMESTAMP, -1234 FROM " + series(pg, sample * VERSIONS));
            s.execute("INSERT INTO REG_RESOURCE_RATING (REG_RATING_ID, REG_VERSION, REG_PATH_ID, REG_RESOURCE_NAME, REG_TENANT_ID)"
                    + " SELECT g, (" + div(pg, "g - 1", String.valueOf(VERSIONS)) + " * 100 + 99) * " + VERSIONS + " + (g - 1) % "
                    + VERSIONS + " + 1, NULL, NULL, -1234 FROM " + series(pg, sample * VERSIONS));
            analyze(s, pg);
        }
    }

    static void regLog(Connection c, String kind, int rows) throws SQLException {
        boolean pg = kind.equals("pg");
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO REG_LOG (REG_LOG_ID, REG_PATH, REG_USER_ID, REG_LOGGED_TIME, REG_ACTION, REG_TENANT_ID) SELECT g, "
                    + concat(pg, "'/_system/governance/r'", div(pg, "g - 1", "5")) + ", 'admin', CURRENT_TIMESTAMP, "
                    + "CASE WHEN g % 10 = 0 THEN 7 ELSE 2 END, -1234 FROM " + series(pg, rows));
            analyze(s, pg);
        }
    }

    private static void analyze(Statement s, boolean pg) throws SQLException {
        if (pg) {
            s.execute("VACUUM ANALYZE");
        } else {
            s.execute("SET foreign_key_checks = 1");
            for (String t : new String[] {"REG_PATH", "REG_RESOURCE", "REG_PROPERTY", "REG_RESOURCE_PROPERTY", "REG_TAG",
                    "REG_RESOURCE_TAG", "REG_COMMENT", "REG_RESOURCE_COMMENT", "REG_RATING", "REG_RESOURCE_RATING", "REG_LOG"}) {
                s.execute("ANALYZE TABLE " + t);
            }
        }
    }

    private static String series(boolean pg, long n) {
        return pg ? "generate_series(1, " + n + ") AS t(g)" : "(SELECT seq AS g FROM seq_1_to_" + n + ") t";
    }

    private static String concat(boolean pg, String a, String b) {
        return pg ? a + " || (" + b + ")" : "CONCAT(" + a + ", " + b + ")";
    }

    private static String div(boolean pg, String a, String b) {
        return pg ? "((" + a + ") / " + b + ")" : "((" + a + ") DIV " + b + ")";
    }
}
