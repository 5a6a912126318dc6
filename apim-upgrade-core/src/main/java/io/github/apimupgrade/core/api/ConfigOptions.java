package io.github.apimupgrade.core.api;

import java.nio.file.Path;

/**
 * Choices for the TOML the upgrade writes.
 *
 * @param registryVersioning          auto (decide from the old registry.xml), cleanup, or keep (not recommended)
 * @param keepDefaultGatewayLabel     also keep "Default" in gateway_labels next to the old environment name
 * @param userStoreTypeAfterIdentity  [user_store] type after the identity run; "database" keeps the old manager
 * @param primaryKeystore             a keystore with a strong (>= 2048 bit) key for [keystore.primary] when the old key is weak
 * @param primaryKeystorePassword     its password (from settings.xml or the environment)
 * @param primaryKeystoreAlias        its key alias
 */
public record ConfigOptions(
        String registryVersioning,
        boolean keepDefaultGatewayLabel,
        String userStoreTypeAfterIdentity,
        Path primaryKeystore,
        Secret primaryKeystorePassword,
        String primaryKeystoreAlias) {

    public static ConfigOptions defaults() {
        return new ConfigOptions("auto", false, "database_unique_id", null, Secret.empty(), null);
    }
}
