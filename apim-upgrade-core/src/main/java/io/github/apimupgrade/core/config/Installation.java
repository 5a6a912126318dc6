package io.github.apimupgrade.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An API Manager home as the upgrade sees it.
 *
 * @param home         the home directory
 * @param version      product version, e.g. 2.6.0
 * @param tomlEra      true for 3.x+ homes configured through repository/conf/deployment.toml
 * @param datasources  every datasource declared in the home, in file order
 * @param roles        the datasource playing each role, found by following the home's own references: the
 *                     migration databases
 * @param ownDatabases the roles a node of a distributed deployment plays with its own embedded H2 files (a
 *                     gateway's local WSO2AM_DB, a local registry): kept apart from {@code roles}, never migrated,
 *                     checked or locked ({@link NodeDatabases})
 */
public record Installation(Path home, String version, boolean tomlEra, List<Datasource> datasources,
                           Map<DatasourceRole, Datasource> roles, Map<DatasourceRole, Datasource> ownDatabases) {

    public Installation(Path home, String version, boolean tomlEra, List<Datasource> datasources,
                        Map<DatasourceRole, Datasource> roles) {
        this(home, version, tomlEra, datasources, roles, Map.of());
    }

    public Path conf() {
        return home.resolve("repository").resolve("conf");
    }

    public Path deploymentToml() {
        return conf().resolve("deployment.toml");
    }

    public Path components() {
        return home.resolve("repository").resolve("components");
    }

    public Optional<Datasource> role(DatasourceRole role) {
        return Optional.ofNullable(roles.get(role));
    }

    /** The node's own database for a role (not a migration database), if {@link NodeDatabases} set it apart. */
    public Optional<Datasource> ownDatabase(DatasourceRole role) {
        return Optional.ofNullable(ownDatabases.get(role));
    }

    /** Path relative to the home, for messages. */
    public String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path h = home.toAbsolutePath().normalize();
        return abs.startsWith(h) ? h.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }
}
