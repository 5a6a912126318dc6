package io.github.apimupgrade.core.steps;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Every goal's step implementation, by id. Paths (paths.yaml) choose which ones run and in which order. */
public final class StepCatalog {
    private final Map<String, Supplier<Step>> steps = new LinkedHashMap<>();

    public StepCatalog() {
        register("prepare-config", io.github.apimupgrade.core.steps.config.PrepareConfigStep::new);
        register("migrate-registry-versioning", io.github.apimupgrade.core.steps.db.MigrateRegistryVersioningStep::new);
        register("migrate-resources", io.github.apimupgrade.core.steps.resources.MigrateResourcesStep::new);
        register("migrate-apim-db", io.github.apimupgrade.core.steps.db.MigrateApimDbStep::new);
        register("migrate-identity", io.github.apimupgrade.core.steps.server.MigrateIdentityStep::new);
        register("migrate-apim", io.github.apimupgrade.core.steps.server.MigrateApimStep::new);
        register("reindex", io.github.apimupgrade.core.steps.server.ReindexStep::new);
        register("migrate-analytics", io.github.apimupgrade.core.steps.path31.MigrateAnalyticsStep::new);
        register("migrate-scope-roles", io.github.apimupgrade.core.steps.path31.ScopeRoleMappingStep::new);
        register("finalize", io.github.apimupgrade.core.steps.server.FinalizeStep::new);
        register("backup", io.github.apimupgrade.core.steps.backup.BackupStep::new);
        register("verify", io.github.apimupgrade.core.steps.verify.VerifyStep::new);
        register("restore", io.github.apimupgrade.core.steps.backup.RestoreStep::new); // the restore goal, in no path
    }

    /** Replaces or adds a step implementation (tests, extensions). */
    public StepCatalog register(String id, Supplier<Step> supplier) {
        steps.put(id, supplier);
        return this;
    }

    public Step get(String id) {
        Supplier<Step> s = steps.get(id);
        if (s == null) {
            throw UpgradeException.user(ErrorCode.UNKNOWN_STEP, "Unknown step '" + id + "'.", "apim.upgrade.step",
                    "Use one of: " + String.join(", ", steps.keySet()) + ".");
        }
        return s.get();
    }

    public boolean has(String id) {
        return steps.containsKey(id);
    }

    /** Every registered step id, in registration order. */
    public java.util.Set<String> ids() {
        return java.util.Collections.unmodifiableSet(steps.keySet());
    }
}
