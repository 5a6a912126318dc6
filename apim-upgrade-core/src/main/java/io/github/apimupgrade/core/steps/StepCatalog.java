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
        register("prepare-config", () -> new NotAutomatedStep("prepare-config", "Migrate the configuration to deployment.toml", "step 1"));
        register("migrate-registry-versioning", io.github.apimupgrade.core.steps.db.MigrateRegistryVersioningStep::new);
        register("migrate-resources", () -> new NotAutomatedStep("migrate-resources", "Migrate resources", "step 2"));
        register("migrate-identity", () -> new NotAutomatedStep("migrate-identity", "Migrate the identity components", "step 3"));
        register("migrate-apim", () -> new NotAutomatedStep("migrate-apim", "Migrate the API Manager components", "step 4"));
        register("reindex", () -> new NotAutomatedStep("reindex", "Re-index the artifacts", "step 5"));
        register("finalize", () -> new NotAutomatedStep("finalize", "Final configuration and restart", "step 6"));
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
}
