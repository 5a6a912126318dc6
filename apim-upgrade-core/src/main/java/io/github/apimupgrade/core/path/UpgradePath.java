package io.github.apimupgrade.core.path;

import java.util.List;

/**
 * One supported hop of the catalog ({@code paths.yaml}).
 *
 * @param from            old API-M version
 * @param to              new API-M version
 * @param guide           the WSO2 guide it follows
 * @param serverScript    start script base name in the new home's bin (api-manager, wso2server)
 * @param steps           goal ids in order
 * @param identityFrom    identity component version of the old home (migration-config.yaml currentVersion)
 * @param identityTo      identity component version of the new home (migrateVersion)
 * @param removeIdentitySteps migration-config.yaml steps the guide says to remove
 * @param postgresSuperuserRequired the guide requires a PostgreSQL superuser for the API-M database
 */
public record UpgradePath(String from, String to, String guide, String serverScript, List<String> steps,
                          String identityFrom, String identityTo, List<IdentityStepRef> removeIdentitySteps,
                          boolean postgresSuperuserRequired) {

    /** A migrator entry in migration-config.yaml, by version, name and order. */
    public record IdentityStepRef(String version, String name, int order) {
    }

    public String id() {
        return from + " -> " + to;
    }

    /** {@code bin/<script>.sh}, or {@code .bat} on Windows. */
    public String serverScriptFile(boolean windows) {
        return serverScript + (windows ? ".bat" : ".sh");
    }
}
