package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.event.Redactor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user's databases by role. Roles that resolve to the same database (same URL and user) share one
 * {@link Database}, so locks and history are per database, not per role.
 */
public final class Databases implements AutoCloseable {
    private final Map<DatasourceRole, Database> byRole = new LinkedHashMap<>();
    private final List<Database> distinct = new ArrayList<>();

    public Databases(Map<DatasourceRole, Datasource> roles, Redactor redactor) {
        Map<String, EnumSet<DatasourceRole>> groups = new LinkedHashMap<>();
        Map<String, Datasource> first = new LinkedHashMap<>();
        roles.forEach((role, ds) -> {
            String key = ds.url() + "|" + ds.username();
            groups.computeIfAbsent(key, k -> EnumSet.noneOf(DatasourceRole.class)).add(role);
            first.putIfAbsent(key, ds);
        });
        groups.forEach((key, rs) -> {
            Database db = new Database(rs, first.get(key), redactor);
            distinct.add(db);
            rs.forEach(r -> byRole.put(r, db));
        });
    }

    public Optional<Database> find(DatasourceRole role) {
        return Optional.ofNullable(byRole.get(role));
    }

    public Database get(DatasourceRole role) {
        return find(role).orElseThrow(() -> UpgradeException.user(ErrorCode.DATASOURCE_MISSING,
                "No datasource plays the role " + role.tomlName() + ".", "apim.upgrade datasources",
                "Declare it in the old home's conf/datasources or configure <datasources><datasource><role>"
                        + role.parameterName() + "</role>... in the plugin configuration."));
    }

    /** Each database once. */
    public Collection<Database> all() {
        return List.copyOf(distinct);
    }

    @Override
    public void close() {
        distinct.forEach(Database::close);
    }
}
