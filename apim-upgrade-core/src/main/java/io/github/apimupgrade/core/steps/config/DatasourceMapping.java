package io.github.apimupgrade.core.steps.config;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.config.toml.TomlEditor;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed step 1.2-1.3: one {@code [database.<role>]} table per database role of the old installation (apim_db,
 * shared_db = the old registry database, user only for a separate user-store database, config only for a separate
 * config-registry database), {@code [realm_manager] data_source} for a separate user database. WSO2_MB_STORE_DB and
 * the local WSO2_CARBON_DB are never written; WSO2AM_STATS_DB is dropped with a manual-action entry.
 */
final class DatasourceMapping {
    private static final List<DatasourceRole> WRITTEN =
            List.of(DatasourceRole.APIM_DB, DatasourceRole.SHARED_DB, DatasourceRole.USER_DB, DatasourceRole.CONFIG_DB);

    /** configuration children that are not Tomcat pool attributes (XA-style definitions). */
    private static final Set<String> NO_POOL_SLOT = Set.of("dataSourceClassName", "jndiConfig");

    private final Mapping m;
    private final Installation old;
    /** The target version, for messages. */
    private final String to;

    DatasourceMapping(Mapping m, Installation old, String to) {
        this.m = m;
        this.old = old;
        this.to = to;
    }

    void run() {
        for (DatasourceRole role : WRITTEN) {
            old.role(role).ifPresent(ds -> write(role, ds));
        }
        old.ownDatabases().forEach((role, ds) -> m.plan.note(ds.name() + " (" + role.tomlName() + ") is this node's "
                + "own embedded H2 database, not one of the cluster's migration databases: [database."
                + role.tomlName() + "] keeps the new version's default (a local H2 file of the new home)."));
        if (old.role(DatasourceRole.USER_DB).isPresent()) {
            m.toml.set("realm_manager", "data_source", "WSO2USER_DB");
        }
        if (old.tomlEra()) {
            // a 3.x home declares only [database.*] tables, and prepare-config carried each of them key by key,
            // [database.user] and [realm_manager] included, also when the user store shares the registry database
            return;
        }
        if (old.role(DatasourceRole.USER_DB).isEmpty()) {
            m.plan.note("The old user store shared the registry database: [realm_manager] keeps " + to + "'s default "
                    + "(SHARED_DB) and no [database.user] is written.");
        }
        List<Datasource> roles = new java.util.ArrayList<>(old.roles().values());
        roles.addAll(old.ownDatabases().values());
        for (Datasource ds : old.datasources()) {
            if (roles.stream().anyMatch(r -> r.name().equals(ds.name()) || r.sameDatabaseAs(ds))) {
                continue; // a role's own datasource, or another name for its database (the realm's, often)
            }
            if (ds.name().equals(Stock260.STATS_DB)) {
                m.plan.manual("WSO2AM_STATS_DB is not migrated: " + to + " has no statistics database (analytics is a "
                        + "cloud service since 4.0.0); keep the old database if you need its data", ds.origin(),
                        "nothing to configure in deployment.toml");
            } else if (Stock260.NOT_MIGRATED.contains(ds.name())) {
                m.plan.note(ds.name() + " is not migrated (seed step 1: " + to + " uses its own default H2 database).");
            } else {
                m.plan.manual("Custom datasource " + ds.name() + " (" + ds.jndiName() + ") has no automatic mapping",
                        ds.origin(), "add a [[datasource]] entry (id, url, username, password, driver, "
                                + "validationQuery, pool_options) to deployment.toml; its JNDI name becomes jdbc/<id>");
            }
        }
    }

    private void write(DatasourceRole role, Datasource ds) {
        String table = "database." + role.tomlName();
        if (ds.url() == null || ds.url().isBlank()) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "Datasource " + ds.name() + " ("
                            + role.tomlName() + ") has no <url>: " + to + "'s deployment.toml needs a JDBC URL",
                    ds.origin(), "Give the datasource a <url> (an XA definition with dataSourceClassName has no " + to + " "
                            + "equivalent), or override it with <datasources> in the POM.");
        }
        DbType type = DbType.fromUrl(ds.url()).orElseThrow(() -> UpgradeException.user(ErrorCode.PRECONDITION_FAILED,
                "Datasource " + ds.name() + " has a JDBC URL of a database type " + to + " does not support: "
                        + m.redactor.redact(String.valueOf(ds.url())), ds.origin(),
                to + " supports h2, mysql, mariadb, postgresql, mssql, oracle and db2; fix the URL or override it "
                        + "with <datasources> in the POM."));
        if (ds.origin().startsWith("POM") && !m.redactor.redact(ds.url()).equals(ds.url())) {
            m.plan.warning("The POM <datasource> " + role.tomlName() + " has a password inside its <url>: Maven prints "
                    + "the plugin configuration with -X. Put passwords in a settings.xml <server> (<serverId>) or the "
                    + "environment variable APIM_UPGRADE_" + role.name() + "_PASSWORD instead.");
        }
        m.toml.set(table, "type", type.tomlType);
        m.toml.set(table, "url", Mapping.xml(ds.url()));
        if (ds.username() != null) {
            m.toml.set(table, "username", Mapping.xml(ds.username()));
        }
        if (ds.usesSecureVault()) {
            m.secretRef(table, "password", role.tomlName().replace("_db", "") + "_db_password", ds.secretAlias(),
                    ds.origin());
        } else if (ds.password() != null) {
            m.password(table, "password", ds.password().reveal());
        }
        m.toml.set(table, "driver", ds.driverClassName() != null ? ds.driverClassName() : type.driver);
        m.toml.set(table, "validationQuery",
                Mapping.xml(ds.validationQuery() != null ? ds.validationQuery() : type.validationQuery));
        for (Map.Entry<String, String> e : ds.poolOptions().entrySet()) {
            if (NO_POOL_SLOT.contains(e.getKey())) {
                m.plan.manual("Datasource " + ds.name() + " element " + e.getKey() + " has no " + to + " equivalent "
                        + "(the template only renders Tomcat pool attributes)", ds.origin(), "drop it, or configure the "
                        + "driver through the JDBC URL");
            } else if (!e.getKey().equals("validationQuery")) {
                m.toml.set(table + ".pool_options", TomlEditor.quote(e.getKey()), Mapping.typed(e.getValue()));
            }
        }
        if (ds.isH2()) {
            m.plan.warning(ds.name() + " (" + role.tomlName() + ") is an embedded H2 database: WSO2 does not support "
                    + "migrating H2 databases since 4.0.0 (seed step 1).");
        }
    }
}
