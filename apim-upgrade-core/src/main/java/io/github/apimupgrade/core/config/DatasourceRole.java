package io.github.apimupgrade.core.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The part a database plays in the upgrade, and the {@code deployment.toml} table it maps to.
 * The role is decided by following the old installation's references, never from the datasource's name.
 */
public enum DatasourceRole {
    /** api-manager.xml DataSourceName (WSO2AM_DB): AM_* and IDN_* tables. */
    APIM_DB("apim_db"),
    /** registry.xml current dbConfig (WSO2REG_DB, or WSO2_CARBON_DB when never split): REG_* tables. */
    SHARED_DB("shared_db"),
    /** user-mgt.xml realm dataSource when it differs from the registry's (WSO2UM_DB): UM_* tables. */
    USER_DB("user"),
    /** The database /_system/config is mounted to, when it differs from the registry's (WSO2CONFIG_DB). */
    CONFIG_DB("config"),
    /** API-M Analytics (3.x): APIM_ANALYTICS_DB, only when an analytics home is configured. */
    ANALYTICS_DB("analytics_db");

    private final String tomlName;

    DatasourceRole(String tomlName) {
        this.tomlName = tomlName;
    }

    /** The {@code [database.<name>]} table this role maps to. */
    public String tomlName() {
        return tomlName;
    }

    /** POM/parameter name: apimDb, sharedDb, userDb, configDb, analyticsDb. */
    public String parameterName() {
        String[] parts = name().toLowerCase(Locale.ROOT).split("_");
        return parts[0] + Character.toUpperCase(parts[1].charAt(0)) + parts[1].substring(1);
    }

    public static Optional<DatasourceRole> fromParameterName(String name) {
        for (DatasourceRole r : values()) {
            if (r.parameterName().equalsIgnoreCase(name) || r.tomlName().equalsIgnoreCase(name)
                    || r.name().equalsIgnoreCase(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
