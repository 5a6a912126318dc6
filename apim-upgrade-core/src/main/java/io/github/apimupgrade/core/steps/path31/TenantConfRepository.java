package io.github.apimupgrade.core.steps.path31;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.files.SafeFiles;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every tenant's {@code /_system/config/apimgt/applicationdata/tenant-conf.json} in a registry database, read and
 * written directly in the carbon-kernel registry tables: {@code REG_PATH} holds the collection path
 * ({@code REG_PATH_VALUE}), {@code REG_RESOURCE} the file name ({@code REG_NAME}) and its current version, which
 * points at the bytes in {@code REG_CONTENT.REG_CONTENT_DATA}. All three are keyed by id and tenant.
 */
public final class TenantConfRepository {
    public static final String COLLECTION = "/_system/config/apimgt/applicationdata";
    public static final String NAME = "tenant-conf.json";
    public static final int SUPER_TENANT_ID = -1234;

    // Latest version first per tenant: with registry versioning on, older versions live in REG_RESOURCE_HISTORY,
    // but a resource re-added after a delete can leave more than one row here.
    private static final String SELECT_ALL = """
            SELECT r.REG_TENANT_ID, r.REG_VERSION, r.REG_CONTENT_ID, c.REG_CONTENT_DATA
            FROM REG_PATH p
            JOIN REG_RESOURCE r ON r.REG_PATH_ID = p.REG_PATH_ID AND r.REG_TENANT_ID = p.REG_TENANT_ID
            JOIN REG_CONTENT c ON c.REG_CONTENT_ID = r.REG_CONTENT_ID AND c.REG_TENANT_ID = r.REG_TENANT_ID
            WHERE p.REG_PATH_VALUE = ? AND r.REG_NAME = ?
            ORDER BY r.REG_TENANT_ID, r.REG_VERSION DESC""";
    static final String SELECT_ONE =
            "SELECT REG_CONTENT_DATA FROM REG_CONTENT WHERE REG_CONTENT_ID = ? AND REG_TENANT_ID = ?";
    static final String UPDATE_ONE =
            "UPDATE REG_CONTENT SET REG_CONTENT_DATA = ? WHERE REG_CONTENT_ID = ? AND REG_TENANT_ID = ?";

    /**
     * One tenant's current tenant-conf.json.
     *
     * @param tenantId   REG_TENANT_ID (-1234 for the super tenant)
     * @param domain     tenant domain when known (carbon.super, wso2.com), else null
     * @param collection the registry collection (REG_PATH_VALUE) it was found in
     * @param version    REG_RESOURCE.REG_VERSION of the current version
     * @param contentId  REG_CONTENT.REG_CONTENT_ID holding the bytes
     * @param content    the bytes as stored
     */
    public record TenantConf(int tenantId, String domain, String collection, long version, long contentId,
                             byte[] content) {
        public String label() {
            return "tenant " + tenantId + (domain == null ? "" : " (" + domain + ")");
        }

        public String sha256() {
            return SafeFiles.sha256(content);
        }
    }

    private TenantConfRepository() {
    }

    /**
     * Each tenant's current tenant-conf.json in {@code collection} (the stored path: {@link #COLLECTION} unless
     * /_system/config is mounted elsewhere); {@code domains} names tenants (may be empty).
     */
    public static List<TenantConf> readAll(Database registry, String collection, Map<Integer, String> domains) {
        Map<Integer, TenantConf> byTenant = new LinkedHashMap<>();
        try (Connection c = registry.connect(); PreparedStatement ps = c.prepareStatement(SELECT_ALL)) {
            ps.setString(1, collection);
            ps.setString(2, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int tenant = rs.getInt(1);
                    if (!byTenant.containsKey(tenant)) {
                        byte[] data = rs.getBytes(4);
                        byTenant.put(tenant, new TenantConf(tenant, domains.get(tenant), collection, rs.getLong(2), rs.getLong(3),
                                data == null ? new byte[0] : data));
                    }
                }
            }
        } catch (SQLException e) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED,
                    "Cannot read the registry tables (REG_PATH, REG_RESOURCE, REG_CONTENT) of " + registry.label()
                            + ": " + e.getMessage(), registry.datasource().origin(),
                    "Point shared_db at the old API-M's registry database (WSO2REG_DB / WSO2_SHARED_DB).", e);
        }
        return new ArrayList<>(byTenant.values());
    }

    /**
     * Tenant domains by id from UM_TENANT (the super tenant is not in it). Empty when the table cannot be read:
     * the domain is only used to name tenants in messages.
     */
    public static Map<Integer, String> tenantDomains(Database userStore) {
        Map<Integer, String> out = new LinkedHashMap<>();
        out.put(SUPER_TENANT_ID, "carbon.super");
        try (Connection c = userStore.connect();
             PreparedStatement ps = c.prepareStatement("SELECT UM_ID, UM_DOMAIN_NAME FROM UM_TENANT");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getString(2));
            }
        } catch (SQLException e) {
            // names are cosmetic; tenants are still handled by id
        }
        return out;
    }

    /**
     * Replaces one tenant's content in one transaction, after checking it still is what the plan was computed
     * from (a change in between, by a running server or a person, fails instead of being overwritten).
     *
     * @return rows updated (1)
     */
    public static int replace(Database registry, TenantConf expected, byte[] content) {
        try (Connection c = registry.connect()) {
            c.setAutoCommit(false);
            try {
                byte[] current;
                try (PreparedStatement ps = c.prepareStatement(SELECT_ONE)) {
                    ps.setLong(1, expected.contentId());
                    ps.setInt(2, expected.tenantId());
                    try (ResultSet rs = ps.executeQuery()) {
                        current = rs.next() ? rs.getBytes(1) : null;
                    }
                }
                if (current == null || !SafeFiles.sha256(current).equals(expected.sha256())) {
                    throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "The " + NAME + " of "
                                    + expected.label() + " in " + registry.label()
                                    + " changed after the plan was made; nothing was written for it.",
                            registry.label() + " REG_CONTENT " + expected.contentId(),
                            "Stop every API-M server using this database and run the step again.");
                }
                int rows;
                try (PreparedStatement ps = c.prepareStatement(UPDATE_ONE)) {
                    ps.setBytes(1, content);
                    ps.setLong(2, expected.contentId());
                    ps.setInt(3, expected.tenantId());
                    rows = ps.executeUpdate();
                }
                if (rows != 1) {
                    throw new SQLException("expected to update 1 REG_CONTENT row, updated " + rows);
                }
                c.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw UpgradeException.environment(ErrorCode.SCRIPT_FAILED, "Updating the " + NAME + " of "
                            + expected.label() + " in " + registry.label() + " failed: " + e.getMessage(),
                    registry.label(), "Nothing was changed for this tenant; fix the cause and run the step again.", e);
        }
    }

    /** One tenant's planned replacement: what the plan read and what to store. */
    public record Replacement(TenantConf expected, byte[] content) {
    }

    /** Tenants per transaction: one SELECT with an IN list of this many ids (Oracle allows 1,000) and one JDBC batch. */
    public static final int BATCH = 100;

    /**
     * Replaces several tenants' contents in one transaction and three round trips (one SELECT of the current bytes,
     * one batch of UPDATEs, the commit), after checking each is still what the plan was computed from: a change by a
     * running server or a person fails the whole batch, which is rolled back. Callers pass at most {@link #BATCH}.
     *
     * @return rows updated (one per tenant)
     */
    public static int replaceAll(Database registry, List<Replacement> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        try (Connection c = registry.connect()) {
            return replaceAll(c, registry.label(), batch);
        } catch (SQLException e) {
            throw UpgradeException.environment(ErrorCode.SCRIPT_FAILED, "Updating the " + NAME + " of " + batch.size()
                            + " tenant(s) (" + labels(batch) + ") in " + registry.label() + " failed: " + e.getMessage(),
                    registry.label(), "Nothing was changed for these tenants; fix the cause and run the step again.", e);
        }
    }

    static int replaceAll(Connection c, String label, List<Replacement> batch) throws SQLException {
        c.setAutoCommit(false);
        try {
            Map<String, byte[]> current = new java.util.HashMap<>();
            String in = String.join(",", java.util.Collections.nCopies(batch.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT REG_CONTENT_ID, REG_TENANT_ID, REG_CONTENT_DATA FROM REG_CONTENT WHERE REG_CONTENT_ID IN (" + in + ")")) {
                for (int i = 0; i < batch.size(); i++) {
                    ps.setLong(i + 1, batch.get(i).expected().contentId());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        current.put(rs.getLong(1) + "/" + rs.getInt(2), rs.getBytes(3));
                    }
                }
            }
            for (Replacement r : batch) {
                TenantConf expected = r.expected();
                byte[] now = current.get(expected.contentId() + "/" + expected.tenantId());
                if (now == null || !SafeFiles.sha256(now).equals(expected.sha256())) {
                    throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "The " + NAME + " of "
                                    + expected.label() + " in " + label + " changed after the plan was made; nothing was"
                                    + " written for it nor for the other tenants of its batch (" + labels(batch) + ").",
                            label + " REG_CONTENT " + expected.contentId(),
                            "Stop every API-M server using this database and run the step again.");
                }
            }
            try (PreparedStatement ps = c.prepareStatement(UPDATE_ONE)) {
                for (Replacement r : batch) {
                    ps.setBytes(1, r.content());
                    ps.setLong(2, r.expected().contentId());
                    ps.setInt(3, r.expected().tenantId());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    // SUCCESS_NO_INFO: the driver does not count batched rows; the SELECT above found each row
                    if (counts[i] != 1 && counts[i] != java.sql.Statement.SUCCESS_NO_INFO) {
                        throw new SQLException("expected to update 1 REG_CONTENT row for " + batch.get(i).expected().label()
                                + ", updated " + counts[i]);
                    }
                }
            }
            c.commit();
            return batch.size();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static String labels(List<Replacement> batch) {
        String first = "tenant " + batch.get(0).expected().tenantId();
        return batch.size() == 1 ? first : first + " to " + batch.get(batch.size() - 1).expected().tenantId();
    }
}
