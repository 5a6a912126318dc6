package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.cluster.Placement;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.ServerOptions;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.SqlScript;
import io.github.apimupgrade.core.db.dialect.SqlScripts;
import io.github.apimupgrade.core.path.ClientProofs;
import io.github.apimupgrade.core.path.StepOptions;
import io.github.apimupgrade.core.path.UpgradePath;
import io.github.apimupgrade.core.server.ServerRun;
import io.github.apimupgrade.core.steps.CopyFileAction;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepOutcome;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.db.SqlScriptAction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.Set;

/**
 * Seed 000 step 4: the API Manager components. Where the path's options require the client (4.x targets): installs
 * the API-M migration client, runs the pre-migration validation ({@code -DrunPreMigration}; invalid API definitions
 * fail the build, listed one by one) when the options ask for it, then the migration run with the path's client
 * flags, removes the client again (also after a failure), and copies the tenants' secondary user stores, which 4.x
 * only accepts once the tenant directories exist. Where the client is optional (3.0.0 -> 3.1.0: the AM_DB script is
 * the migrate-apim-db step and the guide runs no client) a client run happens only when
 * apim.upgrade.apimMigrationClient is given.
 */
public final class MigrateApimStep implements Step {
    public static final String ID = "migrate-apim";

    @Override
    public String id() {
        return ID;
    }

    /** Distributed deployments: the API-M migration runs once; every other node copies its tenants' user stores and keeps no client installed. */
    @Override
    public Placement placement() {
        return Placement.ONCE_WITH_NODE_PART;
    }

    /** The API-M client changes AM_DB, the registry's artifacts (governance and config mounts) and tenants' user store data. */
    @Override
    public Set<DatasourceRole> databaseRoles() {
        return Set.of(DatasourceRole.APIM_DB, DatasourceRole.SHARED_DB, DatasourceRole.USER_DB, DatasourceRole.CONFIG_DB);
    }

    @Override
    public String title() {
        return "Step 4 - migrate the API Manager components";
    }

    @Override
    public StepPlan plan(StepContext context) {
        UpgradePath path = context.path();
        Path home = context.newHome().home();
        ServerOptions options = context.request().server();
        ServerSteps.requireScript(home, path.serverScript());
        if (context.workspace().exists(context.deploymentToml())) {
            ServerSteps.toml(context, context.deploymentToml()); // a TOML the server cannot start with stops the run
        }
        StepOptions.MigrateApim opts = path.options(StepOptions.MigrateApim.class);
        boolean required = opts.client() == StepOptions.Client.REQUIRED;
        StepPlan.Builder plan = StepPlan.builder(ID);
        plan.warning("Back up every database before this step: WSO2's migration scripts are not idempotent.");
        if (!opts.sharedDbScripts().isEmpty()) {
            // the guide's SQL on the registry database, before the client runs (4.0.0 -> 4.1.0 step 1.5)
            Database shared = context.databases().get(DatasourceRole.SHARED_DB);
            for (String id : opts.sharedDbScripts()) {
                SqlScripts.Script s = SqlScripts.load(id, shared.dialect());
                plan.action(SqlScriptAction.of(ID, DatasourceRole.SHARED_DB, shared,
                        SqlScript.of(s.name(), shared.dialect().id(), s.text()), context.redactor()));
            }
        }

        if (required || options.apimMigrationClient() != null) {
            MigrationClient client = MigrationClient.open(options.apimMigrationClient(), "apim.upgrade.apimMigrationClient",
                    "API-M migration client");
            ClientProofs.Hop hop = ClientProofs.load().hop(path);
            Path dropins = ServerSteps.dropins(home);
            Path resources = home.resolve(MigrationClient.RESOURCES);
            Path marker = ServerSteps.runMarker(home, ID);
            if (context.workspace().exists(marker)) {
                plan.warning(ServerSteps.alreadyRanWarning(context, marker, "API-M migration run"));
            } else {
                List<Path> leftovers = new ArrayList<>(ServerSteps.clientJarsIn(dropins));
                if (Files.exists(resources)) {
                    leftovers.add(resources);
                }
                if (!leftovers.isEmpty()) {
                    plan.action(new DeletePathsAction(leftovers, home, "left over from an earlier migration run", false));
                }
                plan.action(new InstallClientAction(client, home));
                List<String> migrate = opts.clientFlags();
                if (opts.preValidation()) {
                    List<String> validators = options.preMigrationValidators().isEmpty()
                            ? Collections.singletonList(null) : options.preMigrationValidators();
                    for (String v : validators) {
                        List<String> flags = new ArrayList<>(migrate);
                        flags.add(v == null ? "-DrunPreMigration" : "-DrunPreMigration=" + v);
                        ServerRun run = new ServerRun(home, path.serverScript(), flags, "pre-migration validation ("
                                + (v == null ? "all validators" : v) + ")", options.migrationTimeout(), hop.preValidation());
                        plan.action(new ServerRunAction(ID, run, ServerRunAction.Mode.PRE_VALIDATION, null, false, context));
                    }
                }
                ServerRun run = new ServerRun(home, path.serverScript(), migrate, "API-M migration " + path.from() + " -> "
                        + path.to(), options.migrationTimeout(), hop.apim());
                plan.action(new ServerRunAction(ID, run, ServerRunAction.Mode.MIGRATION, null, false, context)
                        .recordSuccessIn(marker));
            }
            List<Path> remove = new ArrayList<>(client.jars().stream().map(dropins::resolve).toList());
            remove.add(resources);
            plan.action(new DeletePathsAction(remove, home, "the API-M migration client must not stay installed: "
                    + "it would re-run reg-index.sql at every start", true));
        } else {
            plan.note("The " + path.id() + " guide runs no API-M migration client (set apim.upgrade.apimMigrationClient "
                    + "to run one).");
        }
        tenantUserStores(context, plan);
        if (required || options.apimMigrationClient() != null) {
            plan.action(new DeletePathsAction(List.of(ServerSteps.runMarker(home, ID)), home, "the step is complete", false));
        }
        return plan.build();
    }

    /** Seed 000 step 2.6: tenants' secondary user stores are copied once the migration created the tenant directories. */
    private static void tenantUserStores(StepContext context, StepPlan.Builder plan) {
        if (context.oldHome() == null) {
            return;
        }
        Path oldTenants = context.oldHome().home().resolve("repository").resolve("tenants");
        Path newTenants = context.newHome().home().resolve("repository").resolve("tenants");
        Map<Path, Path> copies = new LinkedHashMap<>();
        if (Files.isDirectory(oldTenants)) {
            try (Stream<Path> s = Files.walk(oldTenants)) {
                s.filter(Files::isRegularFile)
                        .filter(p -> oldTenants.relativize(p).getNameCount() >= 3
                                && oldTenants.relativize(p).getName(1).toString().equals("userstores"))
                        .sorted()
                        .forEach(p -> copies.put(p, newTenants.resolve(oldTenants.relativize(p))));
            } catch (IOException e) {
                throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot list " + oldTenants + ": " + e.getMessage(),
                        oldTenants.toString(), "Check permissions.", e);
            }
        }
        copies.forEach((from, to) -> CopyFileAction.unlessIdentical(from, to, context.oldHome().display(from),
                ServerSteps.display(context, to), "a tenant's secondary user store (the run created the tenant directory)")
                .ifPresent(plan::action));
    }

    @Override
    public StepOutcome apply(StepPlan plan, StepContext context) {
        return ServerSteps.applyWithCleanup(this, plan, context);
    }
}
