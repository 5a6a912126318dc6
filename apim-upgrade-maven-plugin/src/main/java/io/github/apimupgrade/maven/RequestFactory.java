package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.api.AnalyticsOptions;
import io.github.apimupgrade.core.api.BackupOptions;
import io.github.apimupgrade.core.api.ConfigOptions;
import io.github.apimupgrade.core.api.DatabaseSessionOptions;
import io.github.apimupgrade.core.api.DatasourceOverride;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.NodeSpec;
import io.github.apimupgrade.core.api.ResourceOptions;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.ServerOptions;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.DatasourceRole;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** Turns the mojo's parameters into the engine's request: credentials resolved, coordinates resolved to files. */
final class RequestFactory {
    private final Credentials credentials;
    private final Function<String, Path> artifacts;

    /**
     * @param artifacts resolves a "path or Maven coordinates" value to a file
     */
    RequestFactory(Credentials credentials, Function<String, Path> artifacts) {
        this.credentials = credentials;
        this.artifacts = artifacts;
    }

    UpgradeRequest build(UpgradeParameters p, boolean failOnPendingChanges) {
        if (p.nodeHomes != null && !p.nodeHomes.isEmpty()) {
            throw UpgradeException.user(ErrorCode.CLUSTER_CONFIG, "<nodeHomes> is no longer supported: it is replaced by "
                            + "<nodes>.", "<nodeHomes>", "Describe every node, this one included, in <nodes>: "
                            + "<node><id>cp1</id><profile>control-plane</profile><oldHome>...</oldHome><newHome>...</newHome></node> "
                            + "(and remove <oldHome>/<newHome>); -Dapim.upgrade.node=<id> runs one node's part.");
        }
        UpgradeRequest.Builder b = UpgradeRequest.builder()
                .oldHome(path(p.oldHome))
                .newHome(path(p.newHome))
                .fromVersion(p.fromVersion)
                .toVersion(p.toVersion)
                .deploymentToml(path(p.deploymentToml))
                .reportDirectory(path(p.reportDirectory))
                .dryRun(p.dryRun)
                .failOnPendingChanges(failOnPendingChanges)
                .allowH2(p.allowH2)
                .onlyNode(p.node);
        for (NodeParameter n : orEmpty(p.nodes)) {
            b.node(new NodeSpec(n.getId(), n.getProfile(), path(n.getOldHome()), path(n.getNewHome())));
        }
        Set<String> configuredRoles = new HashSet<>();
        for (DatasourceParameter d : orEmpty(p.datasources)) {
            DatasourceRole role = DatasourceRole.fromParameterName(Objects.requireNonNullElse(d.getRole(), "")).orElse(null);
            String where = "<datasources><datasource><role>" + d.getRole() + "</role>";
            String defaultEnv = role == null ? null : envName(role);
            Credentials.Login login = credentials.resolve(d.getServerId(), d.getPasswordEnv(), defaultEnv, where);
            b.datasource(new DatasourceOverride(d.getRole(), d.getUrl(),
                    d.getUsername() != null ? d.getUsername() : login.username(), login.password(), d.getDriver(), d.getName()));
            if (role != null) {
                configuredRoles.add(role.name());
            }
        }
        // A password in the environment (APIM_UPGRADE_APIM_DB_PASSWORD, ...) also works without a <datasource> entry.
        for (DatasourceRole role : DatasourceRole.values()) {
            if (!configuredRoles.contains(role.name())) {
                Credentials.Login login = credentials.resolve(null, null, envName(role), "environment " + envName(role));
                if (login.password() != null) {
                    b.datasource(new DatasourceOverride(role.parameterName(), null, null, login.password(), null, null));
                }
            }
        }
        Secret keystorePassword = Secret.empty();
        if (p.primaryKeystoreServerId != null) {
            Credentials.Login login = credentials.resolve(p.primaryKeystoreServerId, null, null, "<primaryKeystoreServerId>");
            keystorePassword = login.password();
        }
        b.config(new ConfigOptions(p.registryVersioning == null ? "auto" : p.registryVersioning.toLowerCase(Locale.ROOT),
                p.keepDefaultGatewayLabel, p.userStoreTypeAfterIdentity, path(p.primaryKeystore), keystorePassword,
                p.primaryKeystoreAlias));
        b.server(new ServerOptions(path(p.javaHome), Objects.requireNonNullElse(p.jvmOptions, ""),
                Duration.ofSeconds(p.serverStartTimeout), Duration.ofSeconds(p.serverMigrationTimeout),
                Duration.ofSeconds(p.serverStopTimeout), ServerOptions.defaults().progressInterval(),
                artifact(p.identityMigrationClient), artifact(p.apimMigrationClient), orEmpty(p.preMigrationValidators),
                p.retryWithIndexingFrequency, artifact(p.tenantLoader), Duration.ofSeconds(p.nodeDelay)));
        b.resources(new ResourceOptions(orEmpty(p.stockJars), orEmpty(p.customJars)));
        b.analytics(new AnalyticsOptions(path(p.analyticsHome), p.scopeRoleMappings == null ? Map.of() : Map.copyOf(p.scopeRoleMappings)));
        b.databaseSessions(new DatabaseSessionOptions(p.cancelEarlierRuns, Duration.ofSeconds(Math.max(0, p.earlierRunsTimeout)),
                p.allowConnectedClients));
        b.backup(new BackupOptions(path(p.backupDirectory), BackupOptions.mode(p.backup), p.backupReference,
                p.backupExportsConfirmed, p.restoreConfirmed));
        b.outOfOrder(p.outOfOrder); // engine (issue 12)
        return b.build();
    }

    static String envName(DatasourceRole role) {
        return "APIM_UPGRADE_" + role.name() + "_PASSWORD";
    }

    private Path artifact(String value) {
        return value == null || value.isBlank() ? null : artifacts.apply(value.trim());
    }

    private static Path path(File f) {
        return f == null ? null : f.toPath();
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }
}
