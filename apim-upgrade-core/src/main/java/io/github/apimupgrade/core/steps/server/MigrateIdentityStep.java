package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.cluster.Placement;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.ServerOptions;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.config.toml.TomlEditor;
import io.github.apimupgrade.core.config.yaml.MigrationConfigYaml;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.SqlScript;
import io.github.apimupgrade.core.db.dialect.SqlScripts;
import io.github.apimupgrade.core.path.ClientProofs;
import io.github.apimupgrade.core.path.StepOptions;
import io.github.apimupgrade.core.path.UpgradePath;
import io.github.apimupgrade.core.server.ServerRun;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepOutcome;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.steps.db.SqlScriptAction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Seed 000 step 3 / seed 004 step 2.5: the identity component migration. Runs the identity DDL (2.6.0 sources),
 * installs the identity migration client
 * (migration-resources with the edited migration-config.yaml, the jar in dropins), points [user_store] at the
 * old user store manager, runs {@code -Dmigrate -Dcomponent=identity} under supervision (one retry with
 * [indexing] frequency = 10 after a pool exhaustion, only when no migration step had started), removes the client again (also after a failure), then
 * switches [user_store] to the configured type.
 */
public final class MigrateIdentityStep implements Step {
    public static final String ID = "migrate-identity";

    @Override
    public String id() {
        return ID;
    }

    /** Distributed deployments: the identity migration runs once (seed 000 step 3 on one node); every other node then sets its own [user_store] type. */
    @Override
    public Placement placement() {
        return Placement.ONCE_WITH_NODE_PART;
    }

    /** The IDN_UMA DDL on AM_DB; the identity client changes the IDN_* tables (AM_DB), the UM_* tables (the user store, in the registry database when not split) and registry resources. */
    @Override
    public Set<DatasourceRole> databaseRoles() {
        return Set.of(DatasourceRole.APIM_DB, DatasourceRole.SHARED_DB, DatasourceRole.USER_DB, DatasourceRole.CONFIG_DB);
    }

    @Override
    public String title() {
        return "Step 3 - migrate the identity components";
    }

    @Override
    public StepPlan plan(StepContext context) {
        UpgradePath path = context.path();
        Path home = context.newHome().home();
        ServerOptions options = context.request().server();
        ServerSteps.requireScript(home, path.serverScript());
        if (path.identityFrom() == null || path.identityTo() == null) {
            throw UpgradeException.user(ErrorCode.UNSUPPORTED_PATH, "No identity component versions are known for "
                    + path.id() + ".", "paths.yaml", "Use a supported upgrade path.");
        }
        MigrationClient client = MigrationClient.open(options.identityMigrationClient(),
                "apim.upgrade.identityMigrationClient", "identity migration client");
        if (!client.hasResource("migration-config.yaml")) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, client.location()
                            + " has no migration-resources/migration-config.yaml; it is not the identity migration client.",
                    "apim.upgrade.identityMigrationClient", "Use the wso2is-migration-x.x.x.zip release.");
        }
        String yamlSource = client.location().getFileName() + "/migration-resources/migration-config.yaml";
        String yamlBefore = client.readResource("migration-config.yaml");
        StepOptions.MigrateIdentity opts = path.options(StepOptions.MigrateIdentity.class);
        String yamlAfter = MigrationConfigYaml.parse(yamlBefore, yamlSource)
                .edit(path.identityFrom(), path.identityTo(), opts.removeSteps());
        Path tomlFile = context.deploymentToml();
        TomlEditor during = ServerSteps.toml(context, tomlFile);
        // prepare-config wrote the old realm's type: database (JDBC) or an LDAP/AD type; 4.1.0's own default is JDBC
        String realmType = during.getString("user_store", "type").orElse("database_unique_id");
        boolean jdbcRealm = realmType.startsWith("database");

        StepPlan.Builder plan = StepPlan.builder(ID);
        plan.warning("Back up every database before this step: the identity migration changes them in place and "
                + "cannot be undone or re-run on a half-migrated database.");
        if (!tomlFile.toAbsolutePath().normalize().startsWith(home.toAbsolutePath().normalize())) {
            plan.warning("The server reads " + home.resolve("repository/conf/deployment.toml") + ", while the edits go to "
                    + tomlFile + ": make sure the server sees them.");
        }
        Path dropins = ServerSteps.dropins(home);
        Path resources = home.resolve(MigrationClient.RESOURCES);
        Path marker = ServerSteps.runMarker(home, ID);
        boolean alreadyRan = context.workspace().exists(marker);
        if (alreadyRan) {
            plan.warning(ServerSteps.alreadyRanWarning(context, marker, "identity migration run"));
        } else {
            identityDdl(context, plan, opts);
            List<Path> leftovers = new ArrayList<>(ServerSteps.clientJarsIn(dropins));
            if (Files.exists(resources)) {
                leftovers.add(resources);
            }
            if (!leftovers.isEmpty()) {
                plan.action(new DeletePathsAction(leftovers, home, "left over from an earlier migration run", false));
            }
            plan.action(new InstallClientAction(client, home));
            plan.action(WriteFileAction.of(resources.resolve("migration-config.yaml"),
                    MigrationClient.RESOURCES + "/migration-config.yaml", yamlBefore, yamlAfter, context.redactor()::redact));

            if (jdbcRealm) {
                during.set("user_store", "type", "database");
            } else {
                plan.note("[user_store] type stays \"" + realmType + "\" for the identity run: the old realm is not a JDBC store.");
            }
            boolean separation = during.getBoolean("authorization_manager.properties", "GroupAndRoleSeparationEnabled")
                    .orElse(false);
            if (separation && opts.groupRoleSeparationOffForRun()) {
                // the GroupsAndRolesMigrator fails with role/group separation on (docs-apim#6007); finalize turns it on
                during.set("authorization_manager.properties", "GroupAndRoleSeparationEnabled", false);
                plan.note("GroupAndRoleSeparationEnabled is switched off for the identity run; finalize switches it on.");
            }
            WriteFileAction tomlDuring = ServerSteps.tomlWrite(context, tomlFile, during);
            if (tomlDuring != null) {
                plan.action(tomlDuring);
            }
            ServerRun run = new ServerRun(home, path.serverScript(), opts.clientFlags(), "identity migration " + path.identityFrom()
                    + " -> " + path.identityTo(), options.migrationTimeout(),
                    ClientProofs.load().hop(path).identity());
            plan.action(new ServerRunAction(ID, run, ServerRunAction.Mode.MIGRATION, tomlFile,
                    options.retryWithIndexingFrequency(), context).recordSuccessIn(marker));
        }
        List<Path> remove = new ArrayList<>(client.jars().stream().map(dropins::resolve).toList());
        remove.add(resources);
        plan.action(new DeletePathsAction(remove, home, "the identity migration client must not stay installed", true));

        String afterType = context.request().config().userStoreTypeAfterIdentity();
        if (!jdbcRealm) {
            // seed 000 step 3.10: moving an LDAP/AD store to its unique-ID manager is the operator's decision
            plan.manual("The primary user store is " + realmType + ": to move it to its unique-ID user store manager ("
                            + realmType + "_unique_id), follow the IS guide first", "[user_store] type",
                    "WSO2 IS documentation, 'Migrating User Store Managers'");
        } else if (afterType != null && !afterType.isBlank() && !afterType.equals("database")) {
            TomlEditor after = TomlEditor.parse(during.text(), ServerSteps.display(context, tomlFile));
            after.set("user_store", "type", afterType);
            WriteFileAction tomlAfter = ServerSteps.tomlWrite(context, tomlFile, after);
            if (tomlAfter != null) {
                plan.action(tomlAfter);
            }
            if (hasSecondaryUserStores(home)
                    || (context.oldHome() != null && hasSecondaryUserStores(context.oldHome().home()))) {
                // seed 000 step 3.10
                plan.manual("Secondary user stores: move them to the unique-ID user store managers ("
                                + afterType + ")", "repository/deployment/server/userstores",
                        "WSO2 IS documentation, 'Migrating User Store Managers'");
            }
        } else {
            plan.note("[user_store] type stays \"database\" (apim.upgrade.userStoreTypeAfterIdentity).");
        }
        plan.action(new DeletePathsAction(List.of(marker), home, "the step is complete", false));
        plan.note(options.retryWithIndexingFrequency()
                ? "If the run exhausts the connection pool before a migration step started, it is retried once with "
                        + "[indexing] frequency = 10 (reverted afterwards); after a step started it fails (restore the backups)."
                : "Pool exhaustion fails the step (apim.upgrade.retryWithIndexingFrequency=false).");
        return plan.build();
    }

    /**
     * The path's scripts on AM_DB before the identity run (seed 000 step 3.2: the IDN_UMA_* tables), from the SQL
     * catalog; re-runnable, recorded in APIM_UPGRADE_HISTORY, skipped when already applied.
     */
    private static void identityDdl(StepContext context, StepPlan.Builder plan, StepOptions.MigrateIdentity opts) {
        if (!opts.apimDbScripts().isEmpty()) {
            Database db = context.databases().get(DatasourceRole.APIM_DB);
            if (opts.db2LargeTablespaceNote() && "db2".equals(db.dialect().id())) {
                // seed 000 step 3, DB2 note: needs SQLADM/DBADM, and the tablespace choice is the DBA's
                plan.manual("Before this step, move IDN_OAUTH2_ACCESS_TOKEN and IDN_OAUTH2_AUTHORIZATION_CODE to a 32K "
                                + "page-size tablespace (TS32K) so the new indexes fit", db.label(),
                        "CALL SYSPROC.ADMIN_MOVE_TABLE(..., 'TS32K', ..., 'MOVE') as in the guide's step 3 DB2 note");
            }
            for (String id : opts.apimDbScripts()) {
                SqlScripts.Script catalog = SqlScripts.load(id, db.dialect());
                SqlScript script = SqlScript.of(catalog.name(), db.dialect().id(), catalog.text());
                plan.action(SqlScriptAction.of(ID, DatasourceRole.APIM_DB, db, script, context.redactor()));
            }
        }
    }

    private static boolean hasSecondaryUserStores(Path home) {
        Path dir = home.resolve("repository/deployment/server/userstores");
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".xml"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public StepOutcome apply(StepPlan plan, StepContext context) {
        return ServerSteps.applyWithCleanup(this, plan, context);
    }
}
