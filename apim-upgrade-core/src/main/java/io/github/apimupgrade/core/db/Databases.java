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
import java.util.Set;

/**
 * The user's databases by role. Roles configured with the same URL and user share one {@link Database}. The same
 * database can still be configured twice in ways no text comparison sees (two users, {@code localhost} and
 * {@code 127.0.0.1}): {@link #byIdentity} groups databases by what the servers report ({@link DatabaseIdentity}),
 * which is what locks and session checks go by. Every connection of the run carries one {@link RunTag}.
 */
public final class Databases implements AutoCloseable {
    private final Map<DatasourceRole, Database> byRole = new LinkedHashMap<>();
    private final List<Database> distinct = new ArrayList<>();
    private final RunTag tag;
    /** Set on a view for one step: the roles it declared (any other role is a bug in the step). */
    private final String viewOf;
    private final Set<DatasourceRole> allowed;

    public Databases(Map<DatasourceRole, Datasource> roles, Redactor redactor) {
        this.tag = RunTag.create();
        this.viewOf = null;
        this.allowed = EnumSet.allOf(DatasourceRole.class);
        Map<String, EnumSet<DatasourceRole>> groups = new LinkedHashMap<>();
        Map<String, Datasource> first = new LinkedHashMap<>();
        roles.forEach((role, ds) -> {
            String key = ds.url() + "|" + ds.username();
            groups.computeIfAbsent(key, k -> EnumSet.noneOf(DatasourceRole.class)).add(role);
            first.putIfAbsent(key, ds);
        });
        groups.forEach((key, rs) -> {
            Database db = new Database(rs, first.get(key), redactor, tag);
            distinct.add(db);
            rs.forEach(r -> byRole.put(r, db));
        });
    }

    private Databases(Databases all, String stepId, Set<DatasourceRole> roles) {
        this.tag = all.tag;
        this.viewOf = stepId;
        this.allowed = roles.isEmpty() ? EnumSet.noneOf(DatasourceRole.class) : EnumSet.copyOf(roles);
        all.byRole.forEach((role, db) -> {
            if (allowed.contains(role)) {
                byRole.put(role, db);
                if (!distinct.contains(db)) {
                    distinct.add(db);
                }
            }
        });
    }

    /**
     * The databases of these roles only, for the step that declared them ({@code Step.databaseRoles()}): asking the view
     * for another role fails, so a declaration cannot drift from what the step does. Closing a view closes nothing.
     */
    public Databases restrictedTo(String stepId, Set<DatasourceRole> roles) {
        return new Databases(this, stepId, roles);
    }

    /** The distinct databases of these roles (roles the installation does not have are skipped). */
    public List<Database> of(Collection<DatasourceRole> roles) {
        List<Database> out = new ArrayList<>();
        roles.forEach(r -> find(r).filter(db -> !out.contains(db)).ifPresent(out::add));
        return out;
    }

    public Optional<Database> find(DatasourceRole role) {
        if (!allowed.contains(role)) {
            throw new IllegalStateException("Step " + viewOf + " uses the database role " + role.tomlName()
                    + " without declaring it in databaseRoles() " + allowed + ".");
        }
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

    /** The name this run's connections carry. */
    public RunTag runTag() {
        return tag;
    }

    /**
     * The given databases grouped by the database they really are, in the given order (connects to each: the first
     * contact reads the identity). Each group's first member stands for the group.
     */
    public static Map<DatabaseIdentity, List<Database>> byIdentity(Collection<Database> databases) {
        Map<String, DatabaseIdentity> keys = new LinkedHashMap<>();
        Map<DatabaseIdentity, List<Database>> groups = new LinkedHashMap<>();
        for (Database db : databases) {
            DatabaseIdentity id = keys.computeIfAbsent(db.identity().key(), k -> db.identity());
            List<Database> group = groups.computeIfAbsent(id, k -> new ArrayList<>());
            if (!group.contains(db)) {
                group.add(db);
            }
        }
        return groups;
    }

    @Override
    public void close() {
        if (viewOf != null) {
            return;
        }
        distinct.forEach(Database::close);
    }
}
