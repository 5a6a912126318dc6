package io.github.apimupgrade.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * Every user-facing parameter, and nothing else (the shape of rewrite-maven-plugin's ConfigurableRewriteMojo).
 * Each has the {@code apim.upgrade.} property prefix where it can be a property: a -D property sets a parameter
 * the POM leaves unset (an explicit POM value wins, as always in Maven).
 */
public abstract class UpgradeParameters extends AbstractMojo {

    /** The API Manager installation being upgraded (the old home, e.g. wso2am-2.6.0). */
    @Parameter(property = "apim.upgrade.oldHome")
    protected File oldHome;

    /** The unpacked new API Manager (e.g. wso2am-4.1.0), which the upgrade configures and starts. */
    @Parameter(property = "apim.upgrade.newHome")
    protected File newHome;

    /** Version of the old home; detected from it when absent, checked against it when given. */
    @Parameter(property = "apim.upgrade.fromVersion")
    protected String fromVersion;

    /** Version of the new home; detected from it when absent, checked against it when given. */
    @Parameter(property = "apim.upgrade.toVersion")
    protected String toVersion;

    /** The deployment.toml to edit; defaults to the new home's repository/conf/deployment.toml. */
    @Parameter(property = "apim.upgrade.deploymentToml")
    protected File deploymentToml;

    /** Print the full plan (diffs, SQL, commands) and change nothing. */
    @Parameter(property = "apim.upgrade.dryRun", defaultValue = "false")
    protected boolean dryRun;

    /** Skip the goal. */
    @Parameter(property = "apim.upgrade.skip", defaultValue = "false")
    protected boolean skip;

    /** Where report.json, report.html and plan.txt are written. */
    @Parameter(property = "apim.upgrade.reportDirectory", defaultValue = "${project.build.directory}/apim-upgrade")
    protected File reportDirectory;

    /** Allow embedded H2 databases for the API-M, registry and user databases (tests and the quickstart only). */
    @Parameter(property = "apim.upgrade.allowH2", defaultValue = "false")
    protected boolean allowH2;

    /**
     * Datasource overrides and credentials, one {@code <datasource>} per role: {@code role} (apimDb, sharedDb, userDb,
     * configDb, analyticsDb), and any of {@code name}, {@code url}, {@code username}, {@code serverId}, {@code passwordEnv},
     * {@code driver}.
     */
    @Parameter
    protected List<DatasourceParameter> datasources;

    /** auto (decide from the old registry.xml), cleanup (always remove versioned rows), or keep (not recommended). */
    @Parameter(property = "apim.upgrade.registryVersioning", defaultValue = "auto")
    protected String registryVersioning;

    /** Also keep "Default" in [apim.sync_runtime_artifacts.gateway] gateway_labels. */
    @Parameter(property = "apim.upgrade.keepDefaultGatewayLabel", defaultValue = "false")
    protected boolean keepDefaultGatewayLabel;

    /** [user_store] type after the identity migration: database_unique_id (WSO2's recommendation) or database. */
    @Parameter(property = "apim.upgrade.userStoreTypeAfterIdentity", defaultValue = "database_unique_id")
    protected String userStoreTypeAfterIdentity;

    /** A keystore with a strong (>= 2048-bit RSA) key for [keystore.primary], used when the old key is weak. */
    @Parameter(property = "apim.upgrade.primaryKeystore")
    protected File primaryKeystore;

    /** settings.xml server whose password opens the primaryKeystore. */
    @Parameter(property = "apim.upgrade.primaryKeystoreServerId")
    protected String primaryKeystoreServerId;

    /** Key alias in the primaryKeystore. */
    @Parameter(property = "apim.upgrade.primaryKeystoreAlias")
    protected String primaryKeystoreAlias;

    /** WSO2 identity migration resources (wso2is-migration-x.zip or its directory), or Maven coordinates g:a[:ext]:v. */
    @Parameter(property = "apim.upgrade.identityMigrationClient")
    protected String identityMigrationClient;

    /** WSO2 API-M migration client (wso2am-migration-x.zip or its directory), or Maven coordinates. */
    @Parameter(property = "apim.upgrade.apimMigrationClient")
    protected String apimMigrationClient;

    /** JAVA_HOME for the API Manager server (default: inherited). */
    @Parameter(property = "apim.upgrade.server.javaHome")
    protected File javaHome;

    /** Extra JVM options for the server (JAVA_OPTS). */
    @Parameter(property = "apim.upgrade.server.jvmOptions", defaultValue = "")
    protected String jvmOptions;

    /** Seconds a plain server start may take until "WSO2 Carbon started". */
    @Parameter(property = "apim.upgrade.server.startTimeout", defaultValue = "600")
    protected int serverStartTimeout;

    /** Seconds a migration run may take. */
    @Parameter(property = "apim.upgrade.server.migrationTimeout", defaultValue = "21600")
    protected int serverMigrationTimeout;

    /** Seconds for a graceful stop before the process tree is killed. */
    @Parameter(property = "apim.upgrade.server.stopTimeout", defaultValue = "120")
    protected int serverStopTimeout;

    /** Pre-migration validators (-DrunPreMigration); empty: all the client supports. */
    @Parameter(property = "apim.upgrade.preMigrationValidators")
    protected List<String> preMigrationValidators;

    /** On identity pool exhaustion, retry once with [indexing] frequency = 10 (reverted afterwards). */
    @Parameter(property = "apim.upgrade.retryWithIndexingFrequency", defaultValue = "true")
    protected boolean retryWithIndexingFrequency;

    /** tenantloader-1.0.jar (a path or Maven coordinates) for re-indexing multi-tenant installations. */
    @Parameter(property = "apim.upgrade.tenantLoader")
    protected String tenantLoader;

    /**
     * A distributed deployment: one {@code <node>} per node with {@code id}, {@code profile} (all-in-one, publisher,
     * devportal, gateway-worker, gateway-manager, traffic-manager, key-manager, control-plane), {@code oldHome} and
     * {@code newHome}. Replaces oldHome/newHome, which stay the one-node case.
     */
    @Parameter
    protected List<NodeParameter> nodes;

    /** Run only this node's part of the upgrade (its id in nodes): troubleshooting, or a pipeline job per node. */
    @Parameter(property = "apim.upgrade.node")
    protected String node;

    /** Replaced by nodes: setting it fails the build with the way to describe the nodes. */
    @Deprecated
    @Parameter
    protected List<File> nodeHomes;

    /** Seconds between two nodes' re-indexing runs. */
    @Parameter(property = "apim.upgrade.nodeDelay", defaultValue = "300")
    protected int nodeDelay;

    /** Jar name globs that are part of the product (never copied by migrate-resources). */
    @Parameter
    protected List<String> stockJars;

    /** Jar name globs that are your own (always copied by migrate-resources). */
    @Parameter
    protected List<String> customJars;

    /** 3.0.0 -> 3.1.0: the new API-M Analytics 3.1.0 home; absent skips the analytics step. */
    @Parameter(property = "apim.upgrade.analyticsHome")
    protected File analyticsHome;

    /** 3.0.0 -> 3.1.0: custom role -> internal role whose REST API scopes it needs, e.g. apicreator -> Internal/creator. */
    @Parameter
    protected Map<String, String> scopeRoleMappings;

    // ---- other sessions on the databases (issues 12, 13) ----

    /**
     * End the sessions of an earlier apim-upgrade run that are still executing on a database (a killed run's
     * statement), rolling back their work, instead of waiting for them.
     */
    @Parameter(property = "apim.upgrade.cancelEarlierRuns", defaultValue = "false")
    protected boolean cancelEarlierRuns;

    /** Seconds to wait for an earlier run's sessions before failing with EARLIER_RUN_ACTIVE. */
    @Parameter(property = "apim.upgrade.earlierRunsTimeout", defaultValue = "600")
    protected int earlierRunsTimeout;

    /**
     * Go on while other clients (a WSO2 server, typically) are connected to a database the run changes; a warning
     * lists them. Without it the run refuses with CLIENTS_CONNECTED.
     */
    @Parameter(property = "apim.upgrade.allowConnectedClients", defaultValue = "false")
    protected boolean allowConnectedClients;

    // backup, verify and restore (issue 16)

    /** Where the backup step writes its dumps, archive and manifest (created 700, files 600); outside both homes. Required unless backup=external. */
    @Parameter(property = "apim.upgrade.backupDirectory")
    protected File backupDirectory;

    /** dump: the plugin dumps every database before the first change; external: you took snapshots yourself (backupReference). */
    @Parameter(property = "apim.upgrade.backup", defaultValue = "dump")
    protected String backup;

    /** With backup=external: your snapshot id / ticket, kept in the report. */
    @Parameter(property = "apim.upgrade.backupReference")
    protected String backupReference;

    /** Oracle, SQL Server, DB2: you ran the export commands the plan reports. */
    @Parameter(property = "apim.upgrade.backupExportsConfirmed", defaultValue = "false")
    protected boolean backupExportsConfirmed;

    /** restore goal: empty the databases and load the recorded dumps. */
    @Parameter(property = "apim.upgrade.restoreConfirmed", defaultValue = "false")
    protected boolean restoreConfirmed;

    // engine (issue 12): single goals while troubleshooting
    /**
     * Lets a single step goal run before the steps the guide puts ahead of it, on purpose (troubleshooting); the
     * journal and the report record that it ran out of order. For steps done outside the plugin, prefer
     * the repair goal with -Dapim.upgrade.repair.action=mark-done.
     */
    @Parameter(property = "apim.upgrade.outOfOrder", defaultValue = "false")
    protected boolean outOfOrder;
}
