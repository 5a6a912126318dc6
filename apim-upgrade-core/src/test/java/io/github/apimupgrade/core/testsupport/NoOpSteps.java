package io.github.apimupgrade.core.testsupport;

import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepCatalog;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;

import java.util.Set;

/**
 * Steps that plan nothing, for engine tests about other steps: {@code backup} and {@code verify} stand at both ends of
 * every path and need a backup directory and real databases, which a test of, say, signal handling has no use for.
 */
public final class NoOpSteps {
    private NoOpSteps() {
    }

    /** Registers a step that plans nothing under each id. */
    public static StepCatalog register(StepCatalog catalog, String... ids) {
        for (String id : ids) {
            catalog.register(id, () -> new Step() {
                @Override public String id() { return id; }
                @Override public String title() { return id + " (test stand-in: plans nothing)"; }
                @Override public Set<DatasourceRole> databaseRoles() { return Set.of(); }
                @Override public StepPlan plan(StepContext c) { return StepPlan.builder(id).build(); }
            });
        }
        return catalog;
    }

    /** The backup and verify steps of every path. */
    public static StepCatalog backupAndVerify(StepCatalog catalog) {
        return register(catalog, "backup", "verify");
    }
}
