package io.github.apimupgrade.core.path;

import java.util.List;
import java.util.Map;

/**
 * What a step does differently from one hop to another, as the path's entry in {@code paths.yaml} states it
 * ({@code - migrate-apim: { client: required, clientFlags: [...], preValidation: true }}). One record per step that
 * has options; every key is required (see {@link CatalogBinder}), so a new hop decides each of them. Steps read
 * these and the path's own facts ({@link UpgradePath}); no step tests a version string.
 */
public sealed interface StepOptions {

    /** Step id to the record its entry binds to; a step not listed takes no options (a bare name in the path). */
    Map<String, Class<? extends StepOptions>> TYPES = Map.of(
            "prepare-config", PrepareConfig.class,
            "migrate-resources", MigrateResources.class,
            "migrate-apim-db", MigrateApimDb.class,
            "migrate-identity", MigrateIdentity.class,
            "migrate-apim", MigrateApim.class,
            "reindex", Reindex.class,
            "migrate-analytics", MigrateAnalytics.class,
            "finalize", Finalize.class);

    /** The SQL catalogue script ids these options name (each must exist for every dialect). */
    default List<String> sqlScripts() {
        return List.of();
    }

    /**
     * {@code prepare-config}.
     *
     * @param deferAdminRole    keep the new file's {@code [super_admin] admin_role} during the migration runs (4.x
     *                          guides: "make sure not to change the admin_role configuration ... this time"); finalize
     *                          sets the old value before the final start (its {@code adminRoleFromOldHome})
     * @param globalSequenceSkipList list the old home's own global sequences (synapse-configs/default/sequences files
     *                          the new home does not ship) in {@code [apim.sync_runtime_artifacts.gateway.skip_list]
     *                          sequences}, so the 4.x gateway does not remove them at start
     * @param identityRunUserStore TOML sources: a JDBC primary user store gets {@code [user_store] type = "database"}
     *                          for the identity migration run (seed step 3.9; migrate-identity switches it afterwards);
     *                          false keeps the carried type (no identity run). XML sources: UserMgtMapping decides.
     * @param registryVersioningOff TOML sources: seed 004 "Disabling versioning": the carried versioning switches are
     *                          removed unless registryVersioning=keep (the target's registry template flags); false
     *                          leaves them as carried. XML sources: RegistryMapping decides.
     */
    record PrepareConfig(boolean deferAdminRole, boolean globalSequenceSkipList, boolean identityRunUserStore,
                         boolean registryVersioningOff) implements StepOptions {
    }

    /**
     * {@code migrate-resources}.
     *
     * @param tenantDirectories        copy each tenant's whole directory now (3.x guides: "copy the tenants' directories");
     *                                 false: only their secondary user stores, for the tenants the new home already has
     *                                 (2.x: migrate-apim copies the others once its run created the tenant directories)
     * @param synapseConfigs           copy the super tenant's {@code synapse-configs/default} (and each tenant's, with
     *                                 tenantDirectories)
     * @param keepNewSynapseFiles      under {@code synapse-configs/default}: files whose new-home version is kept (the
     *                                 guide's warning about files the new version changed)
     * @param executionPlans           copy {@code repository/deployment/server/executionplans}
     * @param strongPrimaryKeyRequired the target requires an RSA primary key of at least 2048 bits: a weaker one gets
     *                                 the new-keystore manual action
     * @param globalSequences          copy the old home's own global sequences (files of synapse-configs/default/sequences
     *                                 the new home does not ship), without synapseConfigs
     */
    record MigrateResources(boolean tenantDirectories, boolean synapseConfigs, List<String> keepNewSynapseFiles,
                            boolean executionPlans, boolean strongPrimaryKeyRequired, boolean globalSequences)
            implements StepOptions {
    }

    /** {@code migrate-apim-db}: SQL catalogue script ids run on the API-M database (AM_DB), in order. */
    record MigrateApimDb(List<String> scripts) implements StepOptions {
        @Override
        public List<String> sqlScripts() {
            return scripts;
        }
    }

    /**
     * {@code migrate-identity}.
     *
     * @param clientFlags                 system properties of the identity run
     * @param apimDbScripts               SQL catalogue scripts run on AM_DB before the identity run
     * @param db2LargeTablespaceNote      on DB2, the manual action to move the token tables to a 32K tablespace first
     * @param groupRoleSeparationOffForRun switch [authorization_manager.properties] GroupAndRoleSeparationEnabled off
     *                                    for the run (the 5.11.0 GroupsAndRolesMigrator fails with it on)
     * @param removeSteps                 migration-config.yaml migrators the guide says to remove
     */
    record MigrateIdentity(List<String> clientFlags, List<String> apimDbScripts, boolean db2LargeTablespaceNote,
                           boolean groupRoleSeparationOffForRun, List<IdentityStepRef> removeSteps) implements StepOptions {
        @Override
        public List<String> sqlScripts() {
            return apimDbScripts;
        }
    }

    /** A migrator entry in migration-config.yaml, by version, name and order. */
    record IdentityStepRef(String version, String name, int order) {
    }

    /** Whether the guide runs the API-M migration client. */
    enum Client {
        /** the guide runs it: apim.upgrade.apimMigrationClient must be given */
        REQUIRED,
        /** the guide runs none; it runs only when apim.upgrade.apimMigrationClient is given */
        OPTIONAL
    }

    /**
     * {@code migrate-apim}.
     *
     * @param sharedDbScripts SQL catalogue scripts run on the shared (registry) database before the client
     *                        (4.0.0 -> 4.1.0 step 1.5: the registry indexes)
     * @param client          whether the guide runs the API-M client
     * @param clientFlags     system properties of the migration run
     * @param preValidation   run the client's pre-migration validation first ({@code -DrunPreMigration}, with the same flags)
     */
    record MigrateApim(List<String> sharedDbScripts, Client client, List<String> clientFlags, boolean preValidation)
            implements StepOptions {
        @Override
        public List<String> sqlScripts() {
            return sharedDbScripts;
        }
    }

    /** {@code reindex}: SQL catalogue scripts run on the shared (registry) database before the re-index start. */
    record Reindex(List<String> sharedDbScripts) implements StepOptions {
        @Override
        public List<String> sqlScripts() {
            return sharedDbScripts;
        }
    }

    /** {@code migrate-analytics}: the SQL catalogue script run on the analytics database. */
    record MigrateAnalytics(String script) implements StepOptions {
        @Override
        public List<String> sqlScripts() {
            return List.of(script);
        }
    }

    /**
     * {@code finalize}.
     *
     * @param groupRoleSeparation  set [authorization_manager.properties] GroupAndRoleSeparationEnabled = true (and ask
     *                             for it on the other nodes)
     * @param adminRoleFromOldHome set the old home's {@code [super_admin] admin_role} (held back by prepare-config's
     *                             deferAdminRole) before the final start, with the guide's scope-mapping manual action
     */
    record Finalize(boolean groupRoleSeparation, boolean adminRoleFromOldHome) implements StepOptions {
    }
}
