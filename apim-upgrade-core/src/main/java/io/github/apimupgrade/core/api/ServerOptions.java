package io.github.apimupgrade.core.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How server-driven steps start and supervise API Manager.
 *
 * @param javaHome                JAVA_HOME for the server (null: inherit)
 * @param jvmOptions              extra JVM options (JAVA_OPTS), may be empty
 * @param startTimeout            how long a plain start may take until "WSO2 Carbon started"
 * @param migrationTimeout        how long a migration run may take
 * @param stopTimeout             graceful stop, before the process tree is killed
 * @param progressInterval        a progress line at least this often
 * @param identityMigrationClient the WSO2 identity migration zip (or its unpacked directory), resolved by the Maven side
 * @param apimMigrationClient     the WSO2 API-M migration client zip (or directory)
 * @param preMigrationValidators  validators for -DrunPreMigration (empty: all the client supports)
 * @param retryWithIndexingFrequency on identity pool exhaustion, retry once with [indexing] frequency = 10
 * @param tenantLoader            tenantloader-1.0.jar for multi-tenant re-indexing, or null
 * @param nodeDelay               delay between two nodes' re-indexing runs (distributed deployments, {@code <nodes>})
 */
public record ServerOptions(
        Path javaHome,
        String jvmOptions,
        Duration startTimeout,
        Duration migrationTimeout,
        Duration stopTimeout,
        Duration progressInterval,
        Path identityMigrationClient,
        Path apimMigrationClient,
        List<String> preMigrationValidators,
        boolean retryWithIndexingFrequency,
        Path tenantLoader,
        Duration nodeDelay) {

    public static ServerOptions defaults() {
        return new ServerOptions(null, "", Duration.ofMinutes(10), Duration.ofHours(6), Duration.ofMinutes(2),
                Duration.ofSeconds(30), null, null, List.of(), true, null, Duration.ofMinutes(5));
    }
}
