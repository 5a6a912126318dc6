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

    /** Seed step 3.9 ("database" during the identity run) and after it ({@code database_unique_id}). */
    public static TomlEditor userStoreType(TomlEditor toml, String type) {
        return toml.set(USER_STORE, "type", type);
    }
}
