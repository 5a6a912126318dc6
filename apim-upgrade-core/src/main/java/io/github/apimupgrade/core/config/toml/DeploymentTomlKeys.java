package io.github.apimupgrade.core.config.toml;

/**
 * deployment.toml edits the seed guide names, shared by the steps that make them (so the table and key spellings
 * live in one place).
 */
public final class DeploymentTomlKeys {
    public static final String AUTHORIZATION_MANAGER_PROPERTIES = "authorization_manager.properties";
    public static final String GROUP_AND_ROLE_SEPARATION = "GroupAndRoleSeparationEnabled";
    public static final String USER_STORE = "user_store";
    public static final String INDEXING = "indexing";

    private DeploymentTomlKeys() {
    }

    /** Seed step 6: {@code [authorization_manager.properties] GroupAndRoleSeparationEnabled = <enabled>}. */
    public static TomlEditor groupAndRoleSeparation(TomlEditor toml, boolean enabled) {
        return toml.set(AUTHORIZATION_MANAGER_PROPERTIES, GROUP_AND_ROLE_SEPARATION, enabled);
    }

    /**
     * The primary user store type the identity migration runs with (seed step 3.9), from the old realm's type: a JDBC
     * store ({@code database}, or its unique-ID form) runs as {@code database}; an LDAP or Active Directory store
     * ({@code read_write_ldap}, {@code read_only_ldap}, {@code active_directory}) keeps its type, so that its users
     * can still log in and migrate-identity leaves it alone. One rule for both paths: 2.6.0 types come from
     * user-mgt.xml's manager class, 3.x types from the old deployment.toml (3.0.0's default: {@code database},
     * carbon-kernel 4.5.1 default.json).
     */
    public static String identityRunUserStoreType(String oldType) {
        if (oldType == null || oldType.isBlank() || oldType.strip().startsWith("database")) {
            return "database";
        }
        return oldType.strip();
    }

    /** True when the type is a JDBC user store (the only kind prepare-config / migrate-identity switch). */
    public static boolean jdbcUserStore(String type) {
        return identityRunUserStoreType(type).equals("database");
    }

    /** Seed step 3.9 ("database" during the identity run) and after it ({@code database_unique_id}). */
    public static TomlEditor userStoreType(TomlEditor toml, String type) {
        return toml.set(USER_STORE, "type", type);
    }
}
