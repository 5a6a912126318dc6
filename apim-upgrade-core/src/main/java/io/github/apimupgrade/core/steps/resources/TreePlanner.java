package io.github.apimupgrade.core.steps.resources;

import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Directory copies of seed step 2.6 (secondary user stores) and, where the path's migrate-resources options say so
 * (3.0.0 -> 3.1.0: seed 004 steps 1.6-1.7), the synapse configurations of the super tenant and the tenants, minus
 * the files the new version changed, and the execution plans.
 */
final class TreePlanner {
    private final StepContext context;
    private final StepPlan.Builder plan;
    private final Copies copies;
    /** Relative to synapse-configs/default: the new home's versions are kept (seed 004 step 1.6 warning). */
    private final Set<String> keepNewSynapse;

    TreePlanner(StepContext context, StepPlan.Builder plan, Copies copies, List<String> keepNewSynapse) {
        this.context = context;
        this.plan = plan;
        this.copies = copies;
        this.keepNewSynapse = Set.copyOf(keepNewSynapse);
    }

    private Path oldRepo() {
        return context.oldHome().home().resolve("repository");
    }

    private Path newRepo() {
        return context.newHome().home().resolve("repository");
    }

    void superTenantUserStores() {
        Path src = oldRepo().resolve("deployment/server/userstores");
        if (!Files.isDirectory(src) || Copies.files(src).isEmpty()) {
            plan.note("No secondary user stores for the super tenant in " + copies.old(src));
            return;
        }
        copies.copyTree(src, newRepo().resolve("deployment/server/userstores"), Set.of(), "super tenant secondary user stores");
    }

    /**
     * Tenant secondary user stores (2.x): copied for every tenant whose directory exists in the new home; the others
     * become a manual action for after the migrate-apim run.
     */
    void tenantUserStores() {
        for (Path tenant : Copies.subdirectories(oldRepo().resolve("tenants"))) {
            Path src = tenant.resolve("userstores");
            if (Copies.files(src).isEmpty()) {
                continue;
            }
            Path newTenant = newRepo().resolve("tenants").resolve(tenant.getFileName().toString());
            String what = "secondary user stores of tenant " + tenant.getFileName();
            if (Files.isDirectory(newTenant)) {
                copies.copyTree(src, newTenant.resolve("userstores"), Set.of(), what);
            } else {
                // seed 000 step 2.6: 4.x creates the tenant directories in the API-M migration run; migrate-apim copies these then
                plan.note(copies.neu(newTenant) + " does not exist yet: migrate-apim copies the " + what
                        + " after its migration run has created the tenant directory");
            }
        }
    }

    /** The super tenant's synapse-configs/default, except the files whose new version is kept. */
    void synapseConfigs() {
        copies.copyTree(oldRepo().resolve("deployment/server/synapse-configs/default"),
                newRepo().resolve("deployment/server/synapse-configs/default"), keepNewSynapse, "super tenant synapse configs");
    }

    /**
     * Seed 004 step 1.6 copies "the contents of repository/tenants" (synapse configs, user stores and the rest of
     * each tenant's directory), except the kept files under each tenant's synapse-configs/default.
     */
    void tenantDirectories(boolean withSynapse) {
        Set<String> keep = keepNewSynapse.stream().map(f -> "synapse-configs/default/" + f).collect(Collectors.toSet());
        java.util.Map<String, Integer> keptByFile = new java.util.TreeMap<>();
        List<Path> tenants = Copies.subdirectories(oldRepo().resolve("tenants"));
        int synapseLeft = 0;
        for (Path tenant : tenants) {
            String id = tenant.getFileName().toString();
            String prefix = copies.old(tenant) + "/";
            Set<String> excluded = new java.util.HashSet<>(keep);
            Set<String> notForNode = new java.util.HashSet<>();
            if (!withSynapse) { // distributed deployments: Synapse configurations only on gateway nodes (seed 004 step 1.6)
                Copies.files(tenant.resolve("synapse-configs")).forEach(f -> notForNode.add(tenant.relativize(f).toString().replace('\\', '/')));
                excluded.addAll(notForNode);
                synapseLeft += notForNode.size();
            }
            copies.copyTree(tenant, newRepo().resolve("tenants").resolve(id), excluded, "tenant " + id
                            + (withSynapse ? " (synapse configs, user stores, ...)" : " (user stores, ...)"),
                    shown -> {
                        String rel = shown.startsWith(prefix) ? shown.substring(prefix.length()) : shown;
                        if (!notForNode.contains(rel)) {
                            keptByFile.merge(rel, 1, Integer::sum);
                        }
                    });
        }
        if (synapseLeft > 0) {
            plan.note("tenants: " + synapseLeft + " Synapse configuration file(s) not copied: " + context.node().label()
                    + " is not a gateway node");
        }
        // one note for all tenants (1,000 tenants would make 3,000 lines of the same sentence)
        String where = copies.old(oldRepo().resolve("tenants")) + "/<id>/";
        keptByFile.forEach((file, n) -> plan.note("tenants: " + where + file + " of " + n + " tenant(s) not copied: the new home's"
                + " own version is kept"));
    }

    /** The old home's own global sequences ({@link GlobalSequences}), one copy each. */
    void globalSequences() {
        Path oldHome = context.oldHome().home();
        Path newHome = context.newHome().home();
        List<String> custom = GlobalSequences.custom(oldHome, newHome);
        if (custom.isEmpty()) {
            plan.note("No global sequences of your own in " + copies.old(oldHome.resolve(GlobalSequences.DIR)));
            return;
        }
        for (String name : custom) {
            copies.copy(oldHome.resolve(GlobalSequences.DIR).resolve(name), newHome.resolve(GlobalSequences.DIR).resolve(name),
                    "a global sequence of the old home (prepare-config lists it in [" + GlobalSequences.SKIP_LIST_TABLE + "])");
        }
    }

    /** repository/deployment/server/executionplans. */
    void executionPlans() {
        Path src = oldRepo().resolve("deployment/server/executionplans");
        if (Copies.files(src).isEmpty()) {
            plan.note("No execution plans in " + copies.old(src));
            return;
        }
        copies.copyTree(src, newRepo().resolve("deployment/server/executionplans"), Set.of(), "execution plans");
    }
}
