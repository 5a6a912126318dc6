package io.github.apimupgrade.core.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Everything one engine call needs. Built by the Maven side (or a test) with {@link #builder()}. */
public final class UpgradeRequest {
    private final Path oldHome;
    private final Path newHome;
    private final String fromVersion;
    private final String toVersion;
    private final Path deploymentToml;
    private final Path reportDirectory;
    private final boolean dryRun;
    private final boolean failOnPendingChanges;
    private final boolean allowH2;
    private final List<DatasourceOverride> datasources;
    private final ConfigOptions config;
    private final ServerOptions server;
    private final ResourceOptions resources;
    private final AnalyticsOptions analytics;
    private final DatabaseSessionOptions databaseSessions;
    private final BackupOptions backup;
    /** Engine (issue 12): run a single goal before the steps ahead of it, on purpose. */
    private final boolean outOfOrder;
    /** Distributed deployments (issue 17): the POM's nodes (empty: the one node of oldHome/newHome). */
    private final List<NodeSpec> nodes;
    /** apim.upgrade.node: only this node's part, or null for every node. */
    private final String node;

    private UpgradeRequest(Builder b) {
        this.nodes = List.copyOf(b.nodes);
        this.node = blankToNull(b.node);
        this.outOfOrder = b.outOfOrder;
        this.oldHome = b.oldHome;
        this.newHome = b.newHome;
        this.fromVersion = blankToNull(b.fromVersion);
        this.toVersion = blankToNull(b.toVersion);
        this.deploymentToml = b.deploymentToml;
        this.reportDirectory = b.reportDirectory;
        this.dryRun = b.dryRun;
        this.failOnPendingChanges = b.failOnPendingChanges;
        this.allowH2 = b.allowH2;
        this.datasources = List.copyOf(b.datasources);
        this.config = Objects.requireNonNullElse(b.config, ConfigOptions.defaults());
        this.server = Objects.requireNonNullElse(b.server, ServerOptions.defaults());
        this.resources = Objects.requireNonNullElse(b.resources, ResourceOptions.defaults());
        this.analytics = Objects.requireNonNullElse(b.analytics, AnalyticsOptions.defaults());
        this.databaseSessions = Objects.requireNonNullElse(b.databaseSessions, DatabaseSessionOptions.defaults());
        this.backup = Objects.requireNonNullElse(b.backup, BackupOptions.defaults());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path oldHome() { return oldHome; }
    public Path newHome() { return newHome; }
    /** Null: detect from the old home. */
    public String fromVersion() { return fromVersion; }
    /** Null: detect from the new home. */
    public String toVersion() { return toVersion; }
    /** Null: the new home's repository/conf/deployment.toml. */
    public Path deploymentToml() { return deploymentToml; }
    public Path reportDirectory() { return reportDirectory; }
    public boolean dryRun() { return dryRun; }
    public boolean failOnPendingChanges() { return failOnPendingChanges; }
    public boolean allowH2() { return allowH2; }
    public List<DatasourceOverride> datasources() { return datasources; }
    public ConfigOptions config() { return config; }
    public ServerOptions server() { return server; }
    public ResourceOptions resources() { return resources; }
    public AnalyticsOptions analytics() { return analytics; }
    /** Earlier runs' sessions and other clients on the databases (cancelEarlierRuns, allowConnectedClients). */
    public DatabaseSessionOptions databaseSessions() { return databaseSessions; }
    /** backupDirectory, backup mode and reference, operator confirmations (backup, verify, restore goals). */
    public BackupOptions backup() { return backup; }
    /** apim.upgrade.outOfOrder: a single goal may run before the steps ahead of it (recorded in journal and report). */
    public boolean outOfOrder() { return outOfOrder; }
    /** The nodes of a distributed deployment in the POM's order; empty for the one-node case (oldHome/newHome). */
    public List<NodeSpec> nodes() { return nodes; }
    /** apim.upgrade.node: the id of the only node to run, or null for all of them. */
    public String node() { return node; }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.oldHome = oldHome; b.newHome = newHome; b.fromVersion = fromVersion; b.toVersion = toVersion;
        b.deploymentToml = deploymentToml; b.reportDirectory = reportDirectory; b.dryRun = dryRun;
        b.failOnPendingChanges = failOnPendingChanges; b.allowH2 = allowH2; b.datasources.addAll(datasources);
        b.config = config; b.server = server; b.resources = resources; b.analytics = analytics;
        b.databaseSessions = databaseSessions;
        b.backup = backup;
        b.outOfOrder = outOfOrder;
        b.nodes.addAll(nodes);
        b.node = node;
        return b;
    }

    public static final class Builder {
        private Path oldHome;
        private Path newHome;
        private String fromVersion;
        private String toVersion;
        private Path deploymentToml;
        private Path reportDirectory;
        private boolean dryRun;
        private boolean failOnPendingChanges;
        private boolean allowH2;
        private final List<DatasourceOverride> datasources = new ArrayList<>();
        private ConfigOptions config;
        private ServerOptions server;
        private ResourceOptions resources;
        private AnalyticsOptions analytics;
        private DatabaseSessionOptions databaseSessions;
        private BackupOptions backup;
        private boolean outOfOrder;
        private final List<NodeSpec> nodes = new ArrayList<>();
        private String node;

        public Builder node(NodeSpec n) { this.nodes.add(n); return this; }
        /** Replaces the nodes (the engine's per-node requests have none). */
        public Builder nodes(List<NodeSpec> n) { this.nodes.clear(); this.nodes.addAll(n); return this; }
        public Builder onlyNode(String id) { this.node = id; return this; }
        public Builder outOfOrder(boolean b) { this.outOfOrder = b; return this; }
        public Builder oldHome(Path p) { this.oldHome = p; return this; }
        public Builder newHome(Path p) { this.newHome = p; return this; }
        public Builder fromVersion(String v) { this.fromVersion = v; return this; }
        public Builder toVersion(String v) { this.toVersion = v; return this; }
        public Builder deploymentToml(Path p) { this.deploymentToml = p; return this; }
        public Builder reportDirectory(Path p) { this.reportDirectory = p; return this; }
        public Builder dryRun(boolean b) { this.dryRun = b; return this; }
        public Builder failOnPendingChanges(boolean b) { this.failOnPendingChanges = b; return this; }
        public Builder allowH2(boolean b) { this.allowH2 = b; return this; }
        public Builder datasource(DatasourceOverride o) { this.datasources.add(o); return this; }
        public Builder config(ConfigOptions c) { this.config = c; return this; }
        public Builder server(ServerOptions s) { this.server = s; return this; }
        public Builder resources(ResourceOptions r) { this.resources = r; return this; }
        public Builder analytics(AnalyticsOptions a) { this.analytics = a; return this; }
        public Builder databaseSessions(DatabaseSessionOptions o) { this.databaseSessions = o; return this; }
        public Builder backup(BackupOptions o) { this.backup = o; return this; }

        public UpgradeRequest build() {
            return new UpgradeRequest(this);
        }
    }
}
