package io.github.apimupgrade.core.steps.resources;

import io.github.apimupgrade.core.cluster.NodeProfile;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.path.StepOptions;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.resources.jars.JarPlanner;
import java.util.Set;

/**
 * Goal {@code migrate-resources} (seed 2.6.0 -> 4.1.0 step 2; 3.0.0 -> 3.1.0 step 1.5-1.9): JDBC drivers and the
 * user's jars and bundles, keystores, secondary user stores, synapse configurations and execution plans (3.x),
 * log4j.properties -> log4j2.properties, and secure vault detection. Every copy is a
 * {@link io.github.apimupgrade.core.steps.CopyFileAction}: planned with size and sha-256, identical files skipped,
 * differing files backed up.
 */
public final class MigrateResourcesStep implements Step {
    public static final String ID = "migrate-resources";

    @Override
    public String id() {
        return ID;
    }

    /** Copies files between the homes: no database is opened. */
    @Override
    public Set<DatasourceRole> databaseRoles() {
        return Set.of();
    }

    @Override
    public String title() {
        return "Step 2 - migrate the API Manager resources (drivers, jars, keystores, user stores, synapse, logging)";
    }

    @Override
    public StepPlan plan(StepContext context) {
        StepPlan.Builder plan = StepPlan.builder(ID);
        Copies copies = new Copies(context, plan);
        new JarPlanner(context, plan).plan();
        StepOptions.MigrateResources options = context.path().options(StepOptions.MigrateResources.class);
        new KeystorePlanner(context, plan, copies, options.strongPrimaryKeyRequired()).plan();
        TreePlanner trees = new TreePlanner(context, plan, copies, options.keepNewSynapseFiles());
        trees.superTenantUserStores();
        // distributed deployments: Synapse configurations on gateway nodes (seed 004 step 1.6), execution plans on
        // the traffic manager (step 1.7); an all-in-one node (and the one-node case) takes both
        NodeProfile profile = context.node().profileIn(context.path().to());
        if (options.synapseConfigs()) {
            if (profile.gateway()) {
                trees.synapseConfigs();
            } else {
                plan.note("Synapse configurations not copied: " + context.node().label() + " is not a gateway node "
                        + "(seed: \"follow this step on the Gateway node\")");
            }
        }
        if (options.tenantDirectories()) {
            trees.tenantDirectories(profile.gateway()); // user stores included: seed 004 copies the tenants' directories now
        } else {
            trees.tenantUserStores();
        }
        if (options.executionPlans()) {
            if (profile.trafficManager()) {
                trees.executionPlans();
            } else {
                plan.note("Execution plans not copied: " + context.node().label() + " is not a traffic-manager node "
                        + "(seed: \"follow this step on the Traffic Manager node\")");
            }
        }
        if (options.globalSequences()) {
            trees.globalSequences();
        }
        new Log4jPlanner(context, plan).plan();
        new SecureVaultDetector(context, plan).plan();
        return plan.build();
    }
}
