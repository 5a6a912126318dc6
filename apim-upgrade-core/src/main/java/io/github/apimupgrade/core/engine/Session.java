package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.cluster.NodeView;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.config.InstallationReader;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.db.dialect.Dialects;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.journal.DatabaseJournal;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.path.PathCatalog;
import io.github.apimupgrade.core.path.UpgradePath;
import io.github.apimupgrade.core.report.RunReport;
import io.github.apimupgrade.core.server.ProcessLauncher;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.Workspace;

import java.time.Clock;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** One engine call's resolved world: both homes, the path, the databases and the step context. */
final class Session implements AutoCloseable {
    final UpgradeRequest request;
    final Installation oldHome;
    final Installation newHome;
    final UpgradePath path;
    final JournalFile journal;
    final Databases databases;
    final StepContext context;
    /** This engine call's id, written into the database history rows it records. */
    final String runId;
    /** The step-level records the databases keep (APIM_UPGRADE_HISTORY). */
    final DatabaseJournal dbJournal;
    /** Databases the preflight could not reach: their history is not read (plan goes on and fails at the end). */
    final Set<Database> unreachable = new HashSet<>();
    /** The node this session upgrades, and its cluster (issue 17). */
    final NodeView node;
    /**
     * The databases the upgrade migrates, by role: the old home's own in the one-node case and on the database node;
     * the database node's on every other node of a cluster (a node's own H2 or other local databases are not the
     * cluster's, see {@link #localDatabases}).
     */
    final Map<DatasourceRole, Datasource> migrationRoles;
    /** What this engine call did on the nodes before this one. */
    ClusterRun run;
    /** Whether this session prints the run's summary (the last node's does). */
    boolean summarizes = true;

    private Session(UpgradeRequest request, Installation oldHome, Installation newHome, UpgradePath path,
                    JournalFile journal, Databases databases, StepContext context, String runId, DatabaseJournal dbJournal,
                    NodeView node, Map<DatasourceRole, Datasource> migrationRoles) {
        this.node = node;
        this.migrationRoles = migrationRoles;
        this.runId = runId;
        this.dbJournal = dbJournal;
        this.request = request;
        this.oldHome = oldHome;
        this.newHome = newHome;
        this.path = path;
        this.journal = journal;
        this.databases = databases;
        this.context = context;
    }

    /**
     * Reads both homes, the path and the journal file as they are now. An applying run reads the journal again (and
     * the databases' history) once it holds the locks: what is read here only chooses the databases to lock.
     *
     * @param rolesOfStep each step's declared database roles, by step id
     */
    static Session open(UpgradeRequest request, EventSink sink, Redactor redactor, Clock clock, ProcessLauncher launcher,
                        Function<String, Set<DatasourceRole>> rolesOfStep,
                        Function<String, io.github.apimupgrade.core.cluster.Placement> placementOf, NodeView node,
                        Map<DatasourceRole, Datasource> clusterRoles) {
        if (request.oldHome() == null) {
            throw UpgradeException.user(ErrorCode.HOME_NOT_FOUND, "No old home given.", "apim.upgrade.oldHome",
                    "Set <oldHome> (or -Dapim.upgrade.oldHome) to the API Manager installation being upgraded.");
        }
        if (request.newHome() == null) {
            throw UpgradeException.user(ErrorCode.HOME_NOT_FOUND, "No new home given.", "apim.upgrade.newHome",
                    "Set <newHome> (or -Dapim.upgrade.newHome) to the unpacked new API Manager.");
        }
        // a node of a cluster other than its database node keeps its own embedded H2 files apart (issue 17)
        Installation oldHome = node.clustered()
                ? InstallationReader.readNode(request.oldHome(), request.fromVersion(), request.datasources(),
                        node.node().databaseNode())
                : InstallationReader.readOld(request.oldHome(), request.fromVersion(), request.datasources());
        Installation newHome = InstallationReader.readNew(request.newHome(), request.toVersion());
        UpgradePath path = PathCatalog.load().find(oldHome.version(), newHome.version());
        oldHome.datasources().forEach(d -> redactor.register(d.password().reveal()));
        oldHome.roles().values().forEach(d -> redactor.register(d.password().reveal()));
        io.github.apimupgrade.core.config.toml.TomlSecrets.register(redactor, oldHome, newHome);
        JournalFile journal = JournalFile.open(newHome.home(), clock);
        requireJournalOf(journal, path);
        Map<DatasourceRole, Datasource> migrated = new EnumMap<>(DatasourceRole.class);
        (clusterRoles != null ? clusterRoles : oldHome.roles()).forEach(migrated::put);
        migrated.values().forEach(d -> redactor.register(d.password().reveal()));
        Databases databases = new Databases(migrated, redactor);
        String runId = UUID.randomUUID().toString();
        DatabaseJournal dbJournal = new DatabaseJournal(databases, rolesOfStep, clock, runId, newHome.home(), sink)
                .withClusterSteps(id -> node.clustered() && placementOf.apply(id) != io.github.apimupgrade.core.cluster.Placement.EVERY_NODE
                        && placementOf.apply(id) != io.github.apimupgrade.core.cluster.Placement.INDEXING_NODES);
        StepContext context = new StepContext(request, oldHome, newHome, path, new Workspace(), databases,
                sink, redactor, journal, clock, launcher).withRunHistory(dbJournal::migrationRunSucceeded).withNode(node);
        return new Session(request, oldHome, newHome, path, journal, databases, context, runId, dbJournal, node,
                Map.copyOf(migrated));
    }

    /** The journal (as read last) must belong to this session's upgrade path. */
    void requireJournalOfThisPath() {
        requireJournalOf(journal, path);
    }

    private static void requireJournalOf(JournalFile journal, UpgradePath path) {
        if (journal.pathId() != null && !journal.pathId().equals(path.id())) {
            throw UpgradeException.user(ErrorCode.VERSION_MISMATCH, "The new home's journal belongs to the upgrade "
                    + journal.pathId() + ", not " + path.id() + ".", journal.file().toString(),
                    "Use a fresh new home for a different upgrade path, or move " + journal.file() + " away.");
        }
    }

    /** Fills the report's header: path, homes, datasources (no secrets). */
    void describe(RunReport report) {
        report.path = path.id();
        report.guide = path.guide();
        report.oldHome = oldHome.home().toAbsolutePath().normalize().toString();
        report.newHome = newHome.home().toAbsolutePath().normalize().toString();
        report.fromVersion = oldHome.version();
        report.toVersion = newHome.version();
        migrationRoles.forEach((role, ds) -> report.datasources.add(new RunReport.DatasourceLine(role.tomlName(),
                ds.name(), context.redactor().redact(ds.url()), ds.username(), ds.origin(),
                Dialects.fromUrl(ds.url()).map(d -> d.id()).orElse("unknown"))));
    }

    /**
     * The datasources of this node's old home that play a role with another database than the cluster's (its own
     * stock H2, a local registry): never migrated, never locked; the report says so.
     */
    java.util.List<String> localDatabases() {
        java.util.List<String> out = new java.util.ArrayList<>();
        // the ones InstallationReader.readNode set apart: embedded H2 files inside this node's own home
        oldHome.ownDatabases().forEach((role, ds) -> out.add(role.tomlName() + " (" + ds.name() + ") of node "
                + node.node().id() + " is its own embedded H2 database"));
        oldHome.roles().forEach((role, ds) -> {
            Datasource cluster = migrationRoles.get(role);
            if (cluster != null && !cluster.url().equals(ds.url())) {
                out.add(role.tomlName() + " (" + ds.name() + ") of node " + node.node().id() + " is "
                        + (ds.isH2() ? "its own embedded H2 database" : context.redactor().redact(ds.url()))
                        + ", not the cluster's " + cluster.name() + " (" + context.redactor().redact(cluster.url()) + ")");
            }
        });
        return out;
    }

    /** A cluster's nodes upgrade along one path: every node's homes have the first node's versions. */
    void requireSamePath(RunReport report) {
        if (!path.id().equals(report.path)) {
            throw UpgradeException.user(ErrorCode.CLUSTER_CONFIG, "Node " + node.node().id() + " upgrades " + path.id()
                            + ", the cluster " + report.path + ".", "<nodes><node> " + node.node().id(),
                    "Check the <oldHome> and <newHome> of node " + node.node().id() + ": every node upgrades from the same "
                            + "version to the same version.");
        }
    }

    /** Where a step stands on this session's node. */
    io.github.apimupgrade.core.cluster.Cluster.Role role(io.github.apimupgrade.core.steps.Step step) {
        io.github.apimupgrade.core.cluster.Cluster.Role r = node.cluster().role(step.placement(), node.node(), path.to());
        if (r == io.github.apimupgrade.core.cluster.Cluster.Role.ELSEWHERE && !sharesDatabasesOf(step)) {
            // a cluster step that changes only databases this node does not use (its own H2 files): not this node's
            return io.github.apimupgrade.core.cluster.Cluster.Role.NOT_FOR_PROFILE;
        }
        return r;
    }

    /** Whether this node uses one of the databases a step changes (a step without databases: yes). */
    boolean sharesDatabasesOf(io.github.apimupgrade.core.steps.Step step) {
        Set<DatasourceRole> roles = step.databaseRoles();
        return roles.isEmpty() || roles.stream().anyMatch(r -> oldHome.role(r).isPresent());
    }

    @Override
    public void close() {
        databases.close();
    }
}
