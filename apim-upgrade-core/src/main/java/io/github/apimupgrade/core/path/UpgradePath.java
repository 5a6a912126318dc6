package io.github.apimupgrade.core.path;

import java.util.List;
import java.util.Map;

/**
 * One supported hop of the catalog ({@code paths.yaml}): its facts and its steps with their options.
 *
 * @param from            old API-M version
 * @param to              new API-M version
 * @param guide           the WSO2 guide it follows
 * @param serverScript    start script base name in the new home's bin (api-manager, wso2server)
 * @param steps           goal ids in order
 * @param identityFrom    identity component version of the old home (migration-config.yaml currentVersion)
 * @param identityTo      identity component version of the new home (migrateVersion)
 * @param postgresSuperuserRequired the guide requires a PostgreSQL superuser for the API-M database
 * @param sourceConfig    how the old home is configured: XML files (2.x) or its deployment.toml (3.x and later)
 * @param stockDefaults   version whose stock values tell the operator's changes from defaults (for a TOML source
 *                        {@code config/toml/stock/deployment-<v>.toml}; for XML the stock 2.6.0 tables)
 * @param knownKeys       version whose deployment.toml tables the carry-over may add to
 *                        ({@code config/toml/known-keys/<v>.txt}, {@link io.github.apimupgrade.core.config.toml.KnownTomlKeys})
 * @param stepOptions     step id to its bound options, for the steps that have options ({@link StepOptions#TYPES})
 */
public record UpgradePath(String from, String to, String guide, String serverScript, List<String> steps,
                          String identityFrom, String identityTo, boolean postgresSuperuserRequired,
                          ConfigFormat sourceConfig, String stockDefaults, String knownKeys,
                          Map<String, StepOptions> stepOptions) {

    /** How an API-M home is configured. */
    public enum ConfigFormat {
        /** repository/conf/*.xml (2.x) */
        XML,
        /** repository/conf/deployment.toml (3.0.0 on) */
        TOML
    }

    public UpgradePath {
        steps = List.copyOf(steps);
        stepOptions = Map.copyOf(stepOptions);
    }

    public String id() {
        return from + " -> " + to;
    }

    /** {@code bin/<script>.sh}, or {@code .bat} on Windows. */
    public String serverScriptFile(boolean windows) {
        return serverScript + (windows ? ".bat" : ".sh");
    }

    /**
     * The options of this path's step whose options are of {@code type}. A step runs only within a path that lists
     * it, and paths.yaml is checked at load time, so a missing entry is an internal error.
     */
    public <T extends StepOptions> T options(Class<T> type) {
        return stepOptions.values().stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("paths.yaml: path " + id() + " has no step with "
                        + type.getSimpleName() + " options"));
    }
}
