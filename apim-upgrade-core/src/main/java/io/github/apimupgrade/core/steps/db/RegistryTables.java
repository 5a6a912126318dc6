package io.github.apimupgrade.core.steps.db;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry's versioned link tables and the read-only queries the versioning step plans and verifies with. */
final class RegistryTables {

    /**
     * A REG_RESOURCE_* link table, the table it points into, the pointing column, and the temporary index the
     * clean-up scripts put on that column.
     */
    record Link(String table, String target, String idColumn, String tmpIndex) {
    }

    static final List<Link> LINKS = List.of(
            new Link("REG_RESOURCE_PROPERTY", "REG_PROPERTY", "REG_PROPERTY_ID", "APIMUP_TMP_RRP_ID"),
            new Link("REG_RESOURCE_TAG", "REG_TAG", "REG_TAG_ID", "APIMUP_TMP_RRT_ID"),
            new Link("REG_RESOURCE_COMMENT", "REG_COMMENT", "REG_COMMENT_ID", "APIMUP_TMP_RRC_ID"),
            new Link("REG_RESOURCE_RATING", "REG_RATING", "REG_RATING_ID", "APIMUP_TMP_RRR_ID"));

    private RegistryTables() {
    }

    static Link link(String table) {
        return LINKS.stream().filter(l -> l.table().equals(table)).findFirst().orElseThrow();
    }

    /** Fails (user error) unless the database has the registry tables. */
    static void requireRegistry(Database db) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(db.dialect().tableExistsSql())) {
            for (String t : List.of("REG_RESOURCE", "REG_RESOURCE_PROPERTY", "REG_PROPERTY", "REG_RESOURCE_TAG", "REG_TAG",
                    "REG_RESOURCE_COMMENT", "REG_COMMENT", "REG_RESOURCE_RATING", "REG_RATING")) {
                ps.setString(1, t);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED,
                                db.label() + " has no table " + t + ": it is not the registry database.",
                                db.datasource().origin(),
                                "The registry database is the one registry.xml's dbConfig uses; check the shared_db datasource.");
                    }
                }
            }
        } catch (SQLException e) {
            throw readFailure(db, e);
        }
    }

    /** REG_VERSION values that occur more than once in REG_RESOURCE (WSO2's script fails on them). */
    static List<Long> duplicateVersions(Database db) {
        return longs(db, "SELECT REG_VERSION FROM REG_RESOURCE GROUP BY REG_VERSION HAVING COUNT(*) > 1 ORDER BY REG_VERSION");
    }

    /** Link rows with no REG_VERSION: written while versioning was off; WSO2's script deletes them too. */
    static long unversionedRows(Database db, Link l) {
        return count(db, "SELECT COUNT(*) FROM " + l.table() + " WHERE REG_VERSION IS NULL");
    }

    static long nullPathRows(Database db, Link l) {
        return count(db, "SELECT COUNT(*) FROM " + l.table() + " WHERE REG_PATH_ID IS NULL");
    }

    static long orphans(Database db, Link l) {
        return count(db, "SELECT COUNT(*) FROM " + l.target() + " p WHERE NOT EXISTS (SELECT 1 FROM " + l.table()
                + " x WHERE x." + l.idColumn() + " = p.REG_ID)");
    }

    /** Row counts of the link tables and their targets. */
    static Map<String, Long> counts(Database db, List<Link> links) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Link l : links) {
            out.put(l.table(), count(db, "SELECT COUNT(*) FROM " + l.table()));
            out.put(l.target(), count(db, "SELECT COUNT(*) FROM " + l.target()));
        }
        return out;
    }

    static long count(Database db, String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw readFailure(db, e);
        }
    }

    private static List<Long> longs(Database db, String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Long> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
            return out;
        } catch (SQLException e) {
            throw readFailure(db, e);
        }
    }

    private static UpgradeException readFailure(Database db, SQLException e) {
        return UpgradeException.environment(ErrorCode.DATASOURCE_UNREACHABLE,
                "Cannot read the registry tables of " + db.label() + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + ")",
                db.datasource().origin(), "The upgrade user needs SELECT on the REG_ tables.", e);
    }
}
