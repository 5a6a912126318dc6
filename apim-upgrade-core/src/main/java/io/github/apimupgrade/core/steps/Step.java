package io.github.apimupgrade.core.steps;

import io.github.apimupgrade.core.cluster.Placement;
import io.github.apimupgrade.core.server.Cancellation;
import io.github.apimupgrade.core.config.DatasourceRole;

import java.util.Set;

/**
 * One unit of the upgrade procedure (a goal). {@link #plan(StepContext)} computes everything the step would do,
 * as data, without changing anything; {@link #apply(StepPlan, StepContext)} carries that plan out. A step never
 * reads a dry-run flag: the engine decides whether to apply.
 */
public interface Step {

    /** Stable id, also the goal name: prepare-config, migrate-registry-versioning, ... */
    String id();

    /** One line for humans, naming the seed step: "Step 1 - migrate the configuration". */
    String title();

    /**
     * The databases the step reads or changes, through the plugin or through the server it starts (empty: none). The
     * engine connects to, checks and locks only the databases of the steps it runs, gives each step a view of only
     * these roles (using another one fails), and records the steps that change a database in that database's
     * APIM_UPGRADE_HISTORY. A role the installation does not have (CONFIG_DB without a config mount) is skipped.
     */
    Set<DatasourceRole> databaseRoles();

    /**
     * Whether the step also changes the new home's files. When a database records the step done but this new home's
     * journal does not (a second node, a second pipeline), a step that changes only databases is done; one that also
     * changes the home runs for the home's part, without repeating its migration run (see the run markers).
     */
    default boolean changesNewHome() {
        return true;
    }

    /**
     * Where the step runs in a distributed deployment (issue 17): on every node, on the indexing nodes, or once for
     * the cluster on its database node (the others read the databases' record of it). The one-node case runs it.
     */
    default Placement placement() {
        return Placement.EVERY_NODE;
    }

    /** Pure: reads the installation (through the context's workspace and databases), writes nothing. */
    StepPlan plan(StepContext context);

    /**
     * Carries out the plan. The default runs its actions in order; steps with conditional flows (a retry after
     * a server failure) override it. Throws {@link io.github.apimupgrade.core.api.UpgradeException} on failure.
     */
    default StepOutcome apply(StepPlan plan, StepContext context) {
        StepOutcome.Builder outcome = StepOutcome.builder();
        CountedResults counted = new CountedResults(id(), context.events(), outcome);
        for (PlannedAction action : plan.actions()) {
            if (action.countedUnder() != null) {
                counted.add(action.countedUnder(), action.apply(context)); // one line per directory, not per file
                continue;
            }
            counted.flush();
            context.events().progress(id(), action.summary());
            Cancellation.jvm().check("before " + action.summary() + " (" + id() + ")"); // SIGTERM/Ctrl-C: start nothing new
            outcome.add(action.apply(context));
        }
        counted.flush();
        return outcome.build();
    }
}
