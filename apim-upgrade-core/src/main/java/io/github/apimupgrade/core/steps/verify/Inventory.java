package io.github.apimupgrade.core.steps.verify;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.steps.backup.Tables;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The counts an upgrade must keep, taken before the first change (by the backup step) and after the last (by the
 * verify step): tenants, APIs per tenant and lifecycle state, API revisions, applications, subscriptions, users
 * and roles per user store and tenant, registry API artifacts per tenant. Each table is looked up in whichever of
 * the upgrade's databases holds it; a metric whose table is absent is simply not counted.
 */
public final class Inventory {
    /** The registry media type of an API artifact (WSO2 governance RXT "api"). */
    static final String API_MEDIA_TYPE = "application/vnd.wso2-api+xml";

    private Inventory() {
    }

    /** How a count may change across the upgrade. */
    public enum Rule {
        /** Must be the same after as before. */
        EQUAL,
        /** May grow (the migration adds revisions and internal roles), never shrink. */
        AT_LEAST,
        /** Shown only: not comparable across the versions (lifecycle state before AM_API had a STATUS column). */
        INFO
    }

    public static Rule rule(String key) {
        if (key.startsWith("api revisions") || key.startsWith("roles") || key.startsWith("internal roles")) {
            return Rule.AT_LEAST;
        }
        return Rule.EQUAL;
    }

    public static Map<String, Long> count(Databases databases) {
        Map<String, Long> out = new TreeMap<>();
        Map<Database, List<String>> tables = new HashMap<>();
        try {
            find(databases, tables, "UM_TENANT").ifPresent(db -> out.put("tenants", 1 + single(db, "SELECT COUNT(*) FROM UM_TENANT")));
            Optional<Database> am = find(databases, tables, "AM_API");
            if (am.isPresent()) {
                try (Connection c = am.get().connect(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT API_PROVIDER FROM AM_API")) {
                    while (rs.next()) {
                        out.merge("apis[tenant=" + tenantOf(rs.getString(1)) + "]", 1L, Long::sum);
                    }
                }
                if (hasColumn(am.get(), "AM_API", "STATUS")) {
                    group(am.get(), "SELECT STATUS, COUNT(*) FROM AM_API GROUP BY STATUS", "api lifecycle[state=%s]", out);
                }
            }
            find(databases, tables, "AM_REVISION").ifPresent(db -> out.put("api revisions", single(db, "SELECT COUNT(*) FROM AM_REVISION")));
            find(databases, tables, "AM_APPLICATION").ifPresent(db -> out.put("applications", single(db, "SELECT COUNT(*) FROM AM_APPLICATION")));
            find(databases, tables, "AM_SUBSCRIPTION").ifPresent(db -> out.put("subscriptions", single(db, "SELECT COUNT(*) FROM AM_SUBSCRIPTION")));
            Optional<Database> um = find(databases, tables, "UM_USER");
            if (um.isPresent()) {
                group(um.get(), "SELECT UM_TENANT_ID, COUNT(*) FROM UM_USER GROUP BY UM_TENANT_ID", "users[store=PRIMARY,tenant=%s]", out);
            }
            find(databases, tables, "UM_ROLE").ifPresent(db ->
                    group(db, "SELECT UM_TENANT_ID, COUNT(*) FROM UM_ROLE GROUP BY UM_TENANT_ID", "roles[store=PRIMARY,tenant=%s]", out));
            find(databases, tables, "UM_HYBRID_ROLE").ifPresent(db ->
                    group(db, "SELECT UM_TENANT_ID, COUNT(*) FROM UM_HYBRID_ROLE GROUP BY UM_TENANT_ID", "internal roles[tenant=%s]", out));
            find(databases, tables, "REG_RESOURCE").ifPresent(db ->
                    group(db, "SELECT REG_TENANT_ID, COUNT(*) FROM REG_RESOURCE WHERE REG_MEDIA_TYPE = '" + API_MEDIA_TYPE
                            + "' GROUP BY REG_TENANT_ID", "registry api artifacts[tenant=%s]", out));
        } catch (SQLException e) {
            throw UpgradeException.environment(ErrorCode.VERIFY_FAILED, "Counting tenants, APIs, applications, users and registry "
                    + "artifacts failed: " + e.getMessage(), null, "Check the databases are reachable.", e);
        }
        return out;
    }

    /**
     * Each difference a rule forbids, e.g. "apis[tenant=carbon.super]: 3 before, 2 after (must stay equal)".
     * Lifecycle states are compared only when both sides have them.
     */
    public static List<String> differences(Map<String, Long> before, Map<String, Long> after) {
        List<String> diffs = new ArrayList<>();
        boolean lifecycleBefore = before.keySet().stream().anyMatch(k -> k.startsWith("api lifecycle"));
        for (Map.Entry<String, Long> e : before.entrySet()) {
            long b = e.getValue();
            Long a = after.get(e.getKey());
            Rule rule = rule(e.getKey());
            if (a == null) {
                diffs.add(e.getKey() + ": " + b + " before, none after");
            } else if (rule == Rule.EQUAL && a != b) {
                diffs.add(e.getKey() + ": " + b + " before, " + a + " after (must stay equal)");
            } else if (rule == Rule.AT_LEAST && a < b) {
                diffs.add(e.getKey() + ": " + b + " before, " + a + " after (must not shrink)");
            }
        }
        for (Map.Entry<String, Long> e : after.entrySet()) {
            if (!before.containsKey(e.getKey()) && rule(e.getKey()) == Rule.EQUAL && e.getValue() > 0
                    && (lifecycleBefore || !e.getKey().startsWith("api lifecycle"))) {
                diffs.add(e.getKey() + ": none before, " + e.getValue() + " after");
            }
        }
        return diffs;
    }

    /** carbon.super, or the domain of "user@domain" / "user-AT-domain" (how AM_API and the registry write tenant providers). */
    static String tenantOf(String provider) {
        if (provider == null) {
            return "carbon.super";
        }
        int at = provider.lastIndexOf("-AT-");
        if (at >= 0) {
            return provider.substring(at + 4).toLowerCase(Locale.ROOT);
        }
        int sign = provider.lastIndexOf('@');
        return sign >= 0 ? provider.substring(sign + 1).toLowerCase(Locale.ROOT) : "carbon.super";
    }

    private static Optional<Database> find(Databases databases, Map<Database, List<String>> cache, String table) throws SQLException {
        for (Database db : databases.all()) {
            List<String> names = cache.get(db);
            if (names == null) {
                try (Connection c = db.connect()) {
                    names = Tables.list(c).stream().map(Tables::key).toList();
                }
                cache.put(db, names);
            }
            if (names.contains(table.toLowerCase(Locale.ROOT))) {
                return Optional.of(db);
            }
        }
        return Optional.empty();
    }

    private static boolean hasColumn(Database db, String table, String column) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                if (rs.getMetaData().getColumnName(i).equalsIgnoreCase(column)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static long single(Database db, String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw UpgradeException.environment(ErrorCode.VERIFY_FAILED, "Counting on " + db.label() + " failed (" + sql + "): "
                    + e.getMessage(), db.datasource().origin(), "Check the database is reachable.", e);
        }
    }

    private static void group(Database db, String sql, String keyFormat, Map<String, Long> out) {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(String.format(keyFormat, rs.getString(1)), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw UpgradeException.environment(ErrorCode.VERIFY_FAILED, "Counting on " + db.label() + " failed (" + sql + "): "
                    + e.getMessage(), db.datasource().origin(), "Check the database is reachable.", e);
        }
    }
}
