package io.github.apimupgrade.core.steps.path31;

import io.github.apimupgrade.core.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The custom roles of a JDBC user store: {@code UM_ROLE} names other than admin and everyone. Internal and
 * application roles (UM_HYBRID_ROLE) are WSO2's own and already carry their scopes, so they are left out.
 */
public final class UserStoreRoles {

    private UserStoreRoles() {
    }

    /**
     * Role name -> tenant ids it exists in, sorted; empty optional when UM_ROLE cannot be read (an LDAP or AD
     * user store keeps its roles elsewhere).
     */
    public static Optional<Map<String, Set<Integer>>> customRoles(Database userStore) {
        Map<String, Set<Integer>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        try (Connection c = userStore.connect();
             PreparedStatement ps = c.prepareStatement("SELECT UM_ROLE_NAME, UM_TENANT_ID FROM UM_ROLE");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (name != null && isCustom(name)) {
                    out.computeIfAbsent(name.strip(), k -> new TreeSet<>()).add(rs.getInt(2));
                }
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
        return Optional.of(out);
    }

    static boolean isCustom(String role) {
        String r = role.strip().toLowerCase(Locale.ROOT);
        return !r.isEmpty() && !r.equals("admin") && !r.equals("everyone")
                && !r.startsWith("internal/") && !r.startsWith("application/");
    }
}
