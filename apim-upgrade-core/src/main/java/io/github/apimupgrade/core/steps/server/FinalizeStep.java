package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.api.ServerOptions;
import io.github.apimupgrade.core.config.toml.TomlEditor;
import io.github.apimupgrade.core.path.StepOptions;
import io.github.apimupgrade.core.path.UpgradePath;
import io.github.apimupgrade.core.server.CarbonServer;
import io.github.apimupgrade.core.server.ServerRun;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepOutcome;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.WriteFileAction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Set;

/**
 * Seed 000 step 6 / seed 004 step 4: role/group separation on (identity 5.11+), no migration leftovers, a final
 * start that must reach "WSO2 Carbon started" without migration errors, and the list of what the operator must
 * still do by hand. In a distributed deployment it runs on every node ("on every node": its own row per node).
 */
public final class FinalizeStep implements Step {
    public static final String ID = "finalize";

    @Override
    public String id() {
        return ID;
    }

    /** The final start opens every database of the new server. */
    @Override
    public Set<DatasourceRole> databaseRoles() {
        return Set.of(DatasourceRole.APIM_DB, DatasourceRole.SHARED_DB, DatasourceRole.USER_DB, DatasourceRole.CONFIG_DB);
    }

    @Override
    public String title() {
        return "Step 6 - final configuration and restart";
    }

    @Override
    public StepPlan plan(StepContext context) {
        UpgradePath path = context.path();
        ServerOptions options = context.request().server();
        Path home = context.newHome().home();
        ServerSteps.requireScript(home, path.serverScript());
        StepPlan.Builder plan = StepPlan.builder(ID);
        Path tomlFile = context.deploymentToml();
        TomlEditor toml = ServerSteps.toml(context, tomlFile);
        StepOptions.Finalize opts = path.options(StepOptions.Finalize.class);
        if (opts.groupRoleSeparation()) {
            toml.set("authorization_manager.properties", "GroupAndRoleSeparationEnabled", true);
        }
        if (opts.adminRoleFromOldHome()) {
            adminRole(context, toml, plan);
        }
        WriteFileAction write = ServerSteps.tomlWrite(context, tomlFile, toml);
        if (write != null) {
            plan.action(write);
        }
        List<Path> leftovers = leftovers(home);
        if (!leftovers.isEmpty()) {
            plan.warning("Migration leftovers are still installed; they are removed before the final start.");
            plan.action(new DeletePathsAction(leftovers, home, "migration leftovers must not run at a normal start", false));
        }
        ServerRun run = ServerRun.start(home, path.serverScript(), "final start", options.startTimeout());
        plan.action(new ServerRunAction(ID, run, ServerRunAction.Mode.START, tomlFile, false, context));
        plan.note("apim-upgrade stops the server after the check; start it for service with "
                + run.display(CarbonServer.isWindows()) + ".");
        manualActions(context, plan);
        return plan.build();
    }

    /**
     * The 4.x guides' last step: an admin role other than "admin", held back by prepare-config during the runs, is set
     * before the final start; the scope mapping and the old admin role are the operator's (Admin Portal, Management
     * Console), as the guide says.
     */
    private static void adminRole(StepContext context, TomlEditor toml, StepPlan.Builder plan) {
        if (context.oldHome() == null || !context.oldHome().tomlEra()) {
            return;
        }
        Path oldToml = context.oldHome().deploymentToml();
        Object role = org.tomlj.Toml.parse(context.workspace().require(oldToml, "The old home's deployment.toml"))
                .get("super_admin.admin_role");
        if (!(role instanceof String r) || r.isBlank() || r.equals("admin")) {
            return;
        }
        toml.set("super_admin", "admin_role", r);
        plan.manual("The admin role is " + r + " (old " + context.oldHome().display(oldToml) + " [super_admin] admin_role, "
                        + "set again before the final start): if it is not in a read-only user store, map the admin scopes "
                        + "to it and remove the old role",
                "[super_admin] admin_role", "Admin Portal > Settings > Scope Assignments: map the admin role to " + r
                        + "; then in the Management Console delete the role admin");
    }

    private static void manualActions(StepContext context, StepPlan.Builder plan) {
        UpgradePath path = context.path();
        // distributed deployments: finalize runs on every node, each node's own TOML and final start (issue 17)
        if (CarbonServer.isWindows()) {
            plan.manual("If API Manager runs as a Windows service, remove -Dmigrate -Dcomponent=identity from "
                    + "CMD_LINE_ARGS", "bin/" + path.serverScript() + ".bat", null);
        }
    }

    /** Client jars, migration-resources and the tenant loader left in the home. */
    private static List<Path> leftovers(Path home) {
        List<Path> out = new ArrayList<>(ServerSteps.clientJarsIn(ServerSteps.dropins(home)));
        Path dropins = ServerSteps.dropins(home);
        if (Files.isDirectory(dropins)) {
            try (Stream<Path> s = Files.list(dropins)) {
                s.filter(p -> p.getFileName().toString().startsWith("tenantloader")).sorted().forEach(out::add);
            } catch (IOException ignored) {
                // listed again when removed
            }
        }
        Path resources = home.resolve(MigrationClient.RESOURCES);
        if (Files.exists(resources)) {
            out.add(resources);
        }
        return out;
    }

    @Override
    public StepOutcome apply(StepPlan plan, StepContext context) {
        return ServerSteps.applyWithCleanup(this, plan, context);
    }
}
