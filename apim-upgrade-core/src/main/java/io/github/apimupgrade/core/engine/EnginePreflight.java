package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.steps.Finding;
import io.github.apimupgrade.core.steps.db.RegistryVersioningFlags;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks that apply to every path, before any step's own preflight. */
final class EnginePreflight {
    private EnginePreflight() {
    }

    /** Guide step 3: the PostgreSQL user of the API-M database must be a superuser for the identity migration. */
    static java.util.Optional<Finding> postgresSuperuser(Database db) {
        try (java.sql.Connection c = db.connect();
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")) {
            if (rs.next() && !rs.getBoolean(2)) {
                String user = rs.getString(1);
                return java.util.Optional.of(Finding.error("postgresql-superuser", "The user '" + user + "' of " + db.label()
                                + " is not a PostgreSQL superuser; the guide requires it for the migration (step 3).",
                        db.datasource().origin(), "As a superuser, run: ALTER USER \"" + user + "\" WITH SUPERUSER;"));
            }
            return java.util.Optional.empty();
        } catch (java.sql.SQLException e) {
            return java.util.Optional.of(Finding.warn("postgresql-superuser", "Could not check whether the user of "
                    + db.label() + " is a superuser: " + e.getMessage(), db.datasource().origin(), null));
        }
    }

    /**
     * @param needs the databases the steps to run (or plan) use, each with the ids of the steps that need it: only
     *              these are connected to and checked (a build machine that cannot see the databases can still run
     *              prepare-config); the ones that cannot be reached are added to {@code s.unreachable}
     */
    static List<Finding> run(Session s, Map<Database, List<String>> needs) {
        List<Finding> out = new ArrayList<>();
        for (DatasourceRole role : List.of(DatasourceRole.APIM_DB, DatasourceRole.SHARED_DB)) {
            if (!s.migrationRoles.containsKey(role)) {
                out.add(Finding.error("datasources", "No datasource plays the role " + role.tomlName() + ".",
                        s.oldHome.conf().toString(), "Configure <datasources><datasource><role>" + role.parameterName()
                                + "</role>... in the plugin configuration."));
            }
        }
        Set<DatasourceRole> neededRoles = EnumSet.noneOf(DatasourceRole.class);
        needs.keySet().forEach(db -> neededRoles.addAll(db.roles()));
        if (s.node.clustered() && !s.node.node().databaseNode()) {
            // a node's own databases (a gateway's stock H2 WSO2AM_DB, its local registry) are not the cluster's
            s.localDatabases().forEach(l -> out.add(Finding.info("datasources", l + ": not a migration database; the "
                    + "cluster's databases are the database node's (" + s.node.cluster().databaseNode().id() + ")")));
        }
        s.migrationRoles.forEach((role, ds) -> {
            if (ds.isH2() && !s.request.allowH2()) {
                out.add(Finding.error("h2", role.tomlName() + " (" + ds.name() + ") is an embedded H2 database: WSO2 does not "
                                + "support migrating H2 databases since 4.0.0, and a 2.6.0 H2 file (H2 1.x format) cannot be opened by "
                                + "the H2 2.x that 4.1.0 ships.", ds.origin(),
                        "Move the data to a supported database first, or set apim.upgrade.allowH2=true for a test installation."));
            }
            if (ds.usesSecureVault() && ds.password().isEmpty() && neededRoles.contains(role)) {
                out.add(Finding.error("credentials", role.tomlName() + " (" + ds.name() + ") takes its password from the secure vault "
                                + "alias '" + ds.secretAlias() + "', which apim-upgrade cannot decrypt.", ds.origin(),
                        "Give the password through a settings.xml <server> (<datasource><serverId>) or the environment variable "
                                + "APIM_UPGRADE_" + role.name() + "_PASSWORD."));
            }
        });
        s.oldHome.datasources().stream().filter(d -> "WSO2_MB_STORE_DB".equals(d.name())).findFirst().ifPresent(d ->
                out.add(Finding.info("datasources", "WSO2_MB_STORE_DB is not migrated: 4.1.0 keeps its own default H2 message store (seed step 1).")));
        try {
            RegistryVersioningFlags flags = RegistryVersioningFlags.read(s.oldHome, s.context.workspace());
            out.add(Finding.info("registry-versioning", "Registry versioning in the old installation is " + (flags.any()
                    ? "ON (" + flags.describe() + "): its versioned rows must be removed (migrate-registry-versioning)"
                    : "off: nothing to clean")));
        } catch (UpgradeException e) {
            out.add(Finding.error("registry-versioning", e.getMessage(), e.location(), e.hint()));
        }
        boolean credentialsOk = out.stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR && f.check().equals("credentials"));
        if (credentialsOk) {
            for (Map.Entry<Database, List<String>> need : needs.entrySet()) {
                Database db = need.getKey();
                Datasource ds = db.datasource();
                if (ds.isH2() && !s.request.allowH2()) {
                    s.unreachable.add(db);
                    continue;
                }
                String neededBy = "needed by " + String.join(", ", need.getValue());
                try {
                    out.add(Finding.info("connectivity", db.label() + ": connected, " + db.dialect().id() + " (" + neededBy + ")"));
                    if (s.path.postgresSuperuserRequired() && db.roles().contains(DatasourceRole.APIM_DB)
                            && db.dialect().id().equals("postgresql")) {
                        postgresSuperuser(db).ifPresent(out::add);
                    }
                } catch (UpgradeException e) {
                    s.unreachable.add(db);
                    out.add(Finding.error("connectivity", e.getMessage() + " (" + neededBy + ")", e.location(), e.hint()));
                }
            }
        } else {
            s.unreachable.addAll(needs.keySet());
        }
        return out;
    }
}
