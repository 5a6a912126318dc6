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
 * @param roles        the datasource playing each role, found by following the home's own references
 */
public record Installation(Path home, String version, boolean tomlEra, List<Datasource> datasources,
                           Map<DatasourceRole, Datasource> roles) {

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

    /** Path relative to the home, for messages. */
    public String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path h = home.toAbsolutePath().normalize();
        return abs.startsWith(h) ? h.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }
}
