package io.github.apimupgrade.core.steps;

import io.github.apimupgrade.core.server.Cancellation;

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
