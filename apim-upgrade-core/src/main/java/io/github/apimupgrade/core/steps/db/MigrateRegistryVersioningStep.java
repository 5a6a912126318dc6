package io.github.apimupgrade.core.steps.db;

import io.github.apimupgrade.core.cluster.Placement;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.HistoryTable;
import io.github.apimupgrade.core.db.ScriptRunner;
import io.github.apimupgrade.core.db.SqlScript;
import io.github.apimupgrade.core.db.dialect.Dialect;
import io.github.apimupgrade.core.db.dialect.SqlScripts;
import io.github.apimupgrade.core.db.dialect.SqlStatement;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Seed step 1.5 (2.6.0 → 4.1.0) and "Disabling versioning in the registry configuration" (3.0.0 → 3.1.0): when the
 * old registry versioned properties, comments, tags and ratings, remove the old versions' rows from the registry
 * database (shared_db), with a set-based script per dialect that leaves the same rows as WSO2's script
 * ({@code sql/registry-versioning-cleanup/<dialect>.sql}), then verify nothing versioned is left.
 * <p>
 * {@code apim.upgrade.registryVersioning}: {@code auto} (default) decides from the old configuration;
 * {@code cleanup} cleans even when the old configuration says versioning was off; {@code keep} runs no SQL (the
 * new server then needs {@code [registry.static_configuration] enable = true}, which prepare-config writes; WSO2
 * does not recommend it).
 */
public final class MigrateRegistryVersioningStep implements Step {
    public static final String ID = "migrate-registry-versioning";
    static final String SCRIPT = SqlScripts.REGISTRY_VERSIONING_CLEANUP;

    @Override
    public String id() {
        return ID;
    }

    /** Distributed deployments: a database clean-up: once for the cluster. */
    @Override
    public Placement placement() {
        return Placement.ONCE;
    }

    /** The versioned rows live in the registry database only. */
    @Override
    public Set<DatasourceRole> databaseRoles() {
        // CONFIG_DB too: a /_system/config mount on its own database is cleaned alike (roles absent are skipped)
        return Set.of(DatasourceRole.SHARED_DB, DatasourceRole.CONFIG_DB);
    }

    /** Everything it changes is in the database: a database that records it done makes it done for every new home. */
    @Override
    public boolean changesNewHome() {
        return false;
    }

    @Override
    public String title() {
        return "Step 1.5 - remove registry versioning from the registry database";
    }

    @Override
    public StepPlan plan(StepContext context) {
        StepPlan.Builder plan = StepPlan.builder(ID);
        String mode = mode(context);
        RegistryVersioningFlags flags = RegistryVersioningFlags.read(context.oldHome(), context.workspace());
        if (mode.equals("keep")) {
            plan.warning("Registry versioning is kept (apim.upgrade.registryVersioning=keep): NOT recommended by WSO2, "
                    + "and it can only be chosen before the new server's first start. No SQL runs; prepare-config writes "
                    + "[registry.static_configuration] enable = true. Old versions found: " + flags.describe() + ".");
            return plan.build();
        }
        if (mode.equals("auto") && !flags.any()) {
            plan.note("Registry versioning was off (" + flags.describe() + "): nothing to clean in the registry database.");
            return plan.build();
        }
        List<RegistryTables.Link> links = mode.equals("cleanup") ? RegistryTables.LINKS
                : flags.versionedTables().stream().map(RegistryTables::link).toList();
        if (mode.equals("cleanup") && !flags.any()) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED,
                    "apim.upgrade.registryVersioning=cleanup, but the old installation had registry versioning off ("
                            + flags.describe() + "). The clean-up deletes every property, tag, comment and rating row "
                            + "without a REG_VERSION, which is every one written while versioning was off: it would "
                            + "delete them all.", "apim.upgrade.registryVersioning",
                    "Use registryVersioning=auto (nothing to clean). If versioning was on in an earlier version and "
                            + "its rows were never cleaned, restore a backup taken then or ask WSO2 support.");
        }
        if (mode.equals("cleanup") && !flags.all()) {
            plan.warning("apim.upgrade.registryVersioning=cleanup although " + flags.describe()
                    + ": the clean-up runs on all four tables anyway, as requested.");
        } else if (!flags.all()) {
            plan.note("Only " + String.join(", ", links.stream().map(RegistryTables.Link::table).toList())
                    + " were versioned (" + flags.describe() + "): only they are cleaned. WSO2's script assumes all four "
                    + "and would also delete the unversioned rows of the others.");
        }

        cleanUp(context, plan, DatasourceRole.SHARED_DB, links);
        if (context.oldHome().role(DatasourceRole.CONFIG_DB).isPresent()) {
            // /_system/config mounted on its own database (WSO2CONFIG_DB): its REG_* tables were versioned alike
            cleanUp(context, plan, DatasourceRole.CONFIG_DB, links);
        }
        return plan.build();
    }

    /** The clean-up of one registry database (shared_db, and the config registry's own database when mounted apart). */
    private static void cleanUp(StepContext context, StepPlan.Builder plan, DatasourceRole role,
                                List<RegistryTables.Link> links) {
        Database db = context.databases().get(role);
        Dialect dialect = db.dialect();
        RegistryTables.requireRegistry(db);
        List<Long> duplicates = RegistryTables.duplicateVersions(db);
        if (!duplicates.isEmpty()) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED,
                    "REG_RESOURCE in " + db.label() + " has " + duplicates.size() + " REG_VERSION values used by more "
                            + "than one row (first: " + duplicates.subList(0, Math.min(5, duplicates.size())) + "): the "
                            + "clean-up matches versions on REG_VERSION alone, as WSO2's script does (which fails here).",
                    db.datasource().origin(),
                    "The registry database is inconsistent; restore it from backup or ask WSO2 support before upgrading.");
        }
        SqlScript script = script(dialect, links);
        Optional<HistoryTable.Entry> done = ScriptRunner.of(db, context.events(), context.redactor(), context.clock())
                .applied(ID, script);
        if (done.isPresent()) {
            plan.note("The registry versioning clean-up already ran on " + db.label() + " (" + done.get().started()
                    + ", " + done.get().rows() + " rows): nothing to do.");
            return;
        }
        // Cheap checks only (index lookups): counting the old versions' rows would cost as much as deleting them.
        for (RegistryTables.Link l : links) {
            long unversioned = RegistryTables.unversionedRows(db, l);
            if (unversioned > 0) {
                plan.warning(l.table() + " has " + unversioned + " rows without REG_VERSION (written while versioning "
                        + "was off); the clean-up deletes them, exactly as WSO2's script does.");
            }
        }
        plan.note("Removes the rows of old versions from " + String.join(", ", links.stream().map(RegistryTables.Link::table).toList())
                + " in " + db.label() + " and the " + String.join("/", links.stream().map(RegistryTables.Link::target).toList())
                + " rows only they referred to; the rows removed per table are reported after the run.");
        plan.action(new RegistryCleanupAction(SqlScriptAction.of(ID, role, db, script,
                context.redactor()), links));
    }

    private static String mode(StepContext context) {
        String raw = context.request().config().registryVersioning();
        String mode = raw == null || raw.isBlank() ? "auto" : raw.trim().toLowerCase(Locale.ROOT);
        if (!List.of("auto", "cleanup", "keep").contains(mode)) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED,
                    "apim.upgrade.registryVersioning is '" + raw + "'.", "apim.upgrade.registryVersioning",
                    "Use auto (decide from the old registry configuration), cleanup or keep.");
        }
        return mode;
    }

    /** The dialect's script; when only some tables were versioned, just the statements that touch those. */
    static SqlScript script(Dialect dialect, List<RegistryTables.Link> links) {
        SqlScript full = SqlScript.load(SCRIPT, dialect.id());
        if (links.size() == RegistryTables.LINKS.size()) {
            return full;
        }
        List<String> skipped = RegistryTables.LINKS.stream().filter(l -> !links.contains(l))
                .flatMap(l -> java.util.stream.Stream.of(l.table(), l.tmpIndex())).toList();
        StringBuilder text = new StringBuilder("-- " + full.id() + " limited to "
                + String.join(", ", links.stream().map(RegistryTables.Link::table).toList()) + "\n");
        for (SqlStatement s : dialect.split(full.text())) {
            String upper = s.text().toUpperCase(Locale.ROOT);
            if (skipped.stream().noneMatch(t -> upper.matches("(?s).*\\b" + t + "\\b.*"))) {
                // a PL/SQL block keeps its own END; and needs the / line after it
                text.append(s.text()).append(s.text().endsWith("END;") ? "\n/\n" : ";\n");
            }
        }
        return SqlScript.of(full.id(), full.dialect(), text.toString());
    }
}
