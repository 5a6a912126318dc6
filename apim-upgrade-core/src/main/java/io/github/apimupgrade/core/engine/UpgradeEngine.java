package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.cluster.Cluster;
import io.github.apimupgrade.core.cluster.ClusterNode;
import io.github.apimupgrade.core.cluster.NodeView;
import io.github.apimupgrade.core.cluster.Placement;
import io.github.apimupgrade.core.cluster.ProfileDetector;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.files.WriteProbe;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.journal.DatabaseJournal;
import io.github.apimupgrade.core.journal.HomeLock;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.journal.StepRecord;
import io.github.apimupgrade.core.journal.StepState;
import io.github.apimupgrade.core.report.PlanFiles;
import io.github.apimupgrade.core.report.PlanText;
import io.github.apimupgrade.core.report.ReportHistory;
import io.github.apimupgrade.core.report.ReportWriter;
import io.github.apimupgrade.core.report.RunReport;
import io.github.apimupgrade.core.server.Cancellation;
import io.github.apimupgrade.core.server.ProcessLauncher;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.Finding;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepCatalog;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.Workspace;
import io.github.apimupgrade.core.steps.StepOutcome;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.backup.BackupManifest;
import io.github.apimupgrade.core.steps.backup.RestoreStep;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine's facade: one method per goal. Every call writes report.json, report.html and plan.txt, also when
 * it fails. Failures are {@link UpgradeException}s; nothing here knows about Maven.
 */
public final class UpgradeEngine {

    /** What the repair goal does with a step. */
    public enum RepairAction { RETRY, MARK_DONE }

    private final EventSink sink;
    private final Clock clock;
    private final ProcessLauncher launcher;
    private final StepCatalog catalog;
    private ProfileDetector detector = ProfileDetector.fromConfiguration();

    public UpgradeEngine(EventSink sink) {
        this(sink, Clock.systemUTC(), ProcessLauncher.system(), new StepCatalog());
    }

    public UpgradeEngine(EventSink sink, Clock clock, ProcessLauncher launcher, StepCatalog catalog) {
        this.sink = Objects.requireNonNull(sink);
        this.clock = clock;
        this.launcher = launcher;
        this.catalog = catalog;
    }

    /** Reads the nodes' profiles with this detector instead of from their configuration (tests); returns this engine. */
    public UpgradeEngine withProfileDetector(ProfileDetector d) {
        this.detector = Objects.requireNonNull(d);
        return this;
    }

    /** The ordered steps with their state and plan; changes nothing. Fails at the end on preflight errors. */
    public RunReport plan(UpgradeRequest request) {
        return run("plan", request, null, Mode.PLAN);
    }

    /** Every pending step in order; resumes after a failure; a finished upgrade is a no-op. */
    public RunReport migrate(UpgradeRequest request) {
        return run("migrate", request, null, request.dryRun() ? Mode.PLAN : Mode.APPLY);
    }

    /** One goal (prepare-config, reindex, ...). The earlier steps of the path must be done. */
    public RunReport runStep(String stepId, UpgradeRequest request) {
        return run(stepId, request, stepId, request.dryRun() ? Mode.PLAN : Mode.APPLY);
    }

    /** The journal's view: each step's state, no planning. */
    public RunReport status(UpgradeRequest request) {
        return run("status", request, null, Mode.STATUS);
    }

    /**
     * Back to the pre-upgrade state from the backup step's dumps (issue 16): needs restoreConfirmed; a dry run shows
     * the plan with the exact commands.
     */
    public RunReport restore(UpgradeRequest request) {
        return run("restore", request, null, request.dryRun() ? Mode.RESTORE_PLAN : Mode.RESTORE);
    }

    /** Retries a failed step, or marks it done after the operator finished it by hand. */
    public RunReport repair(UpgradeRequest request, String stepId, RepairAction action) {
        if (stepId == null || stepId.isBlank()) {
            throw UpgradeException.user(ErrorCode.UNKNOWN_STEP, "repair needs the step to repair.", "apim.upgrade.repair.step",
                    "Run with -Dapim.upgrade.repair.step=<step id> (see mvn apim-upgrade:status).");
        }
        if (action == RepairAction.MARK_DONE) {
            return run("repair", request, stepId, request.dryRun() ? Mode.STATUS : Mode.MARK_DONE);
        }
        return run("repair", request, stepId, request.dryRun() ? Mode.PLAN : Mode.RETRY);
    }

    private enum Mode { PLAN, APPLY, STATUS, MARK_DONE, RETRY, RESTORE, RESTORE_PLAN }

    private RunReport run(String goal, UpgradeRequest request, String onlyStep, Mode mode) {
        // a JVM shutdown (SIGTERM, Ctrl-C) during the run cancels it and waits for this thread to stop the server
        // and write the journal and report (the server's stop budget, then the forced kill's)
        try (Cancellation.Run guard = Cancellation.jvm().enter(request.server().stopTimeout().plusSeconds(10))) {
            return runEntered(goal, request, onlyStep, mode);
        }
    }

    private RunReport runEntered(String goal, UpgradeRequest request, String onlyStep, Mode mode) {
        Redactor redactor = new Redactor();
        ProgressTracker progress = new ProgressTracker(sink);
        EventSink events = redactor.wrap(progress);
        RunReport report = new RunReport();
        report.goal = goal;
        report.dryRun = mode == Mode.PLAN && !goal.equals("plan");
        report.started = clock.instant();
        Path reportDir = request.reportDirectory() != null ? request.reportDirectory() : Path.of("target", "apim-upgrade");
        PlanFiles planFiles = mode == Mode.PLAN && request.newHome() != null ? new PlanFiles(request.newHome()) : null;
        UpgradeException failure = null;
        try {
            Cluster cluster = Cluster.of(request, detector);
            ClusterRun run = new ClusterRun(cluster);
            List<ClusterNode> order = nodesFor(cluster, request, onlyStep, mode);
            describe(cluster, report);
            List<RunReport.Outcome> outcomes = new ArrayList<>();
            UpgradeException planFailure = null;
            for (int i = 0; i < order.size(); i++) {
                ClusterNode node = order.get(i);
                UpgradeRequest nodeRequest = cluster.single() ? request : request.toBuilder().nodes(List.of())
                        .onlyNode(null).oldHome(node.oldHome()).newHome(node.newHome()).build();
                int firstRow = report.steps.size();
                report.outcome = null;
                try (Session s = Session.open(nodeRequest, events, redactor, clock, launcher,
                        id -> catalog.get(id).databaseRoles(), id -> catalog.get(id).placement(), new NodeView(cluster, node, null),
                        cluster.single() || node.databaseNode() ? null : clusterRoles(run, request))) {
                    s.run = run;
                    if (node.databaseNode()) {
                        run.clusterRoles = s.migrationRoles;
                    }
                    s.summarizes = i == order.size() - 1;
                    if (i == 0) {
                        s.describe(report);
                    } else {
                        s.requireSamePath(report);
                    }
                    if (!cluster.single()) {
                        events.lifecycle(null, "==== Node " + node.label() + (node.databaseNode() ? ", the cluster's database node" : "")
                                + ": " + node.oldHome() + " -> " + node.newHome());
                    }
                    List<Step> steps = selectSteps(s, onlyStep);
                    switch (mode) {
                        case STATUS -> status(s, steps, report, reportDir);
                        case MARK_DONE -> markDone(s, onlyStep, report, events, reportDir);
                        case PLAN -> plan(s, steps, report, events, planFiles);
                        case APPLY, RETRY -> apply(s, steps, onlyStep, mode, report, events, progress);
                        case RESTORE, RESTORE_PLAN -> restore(s, report, events, mode == Mode.RESTORE);
                        default -> throw new IllegalStateException(mode.toString());
                    }
                } catch (UpgradeException e) {
                    if (mode != Mode.PLAN || i == order.size() - 1) {
                        throw e;
                    }
                    // a plan shows every node's part; the first problem fails the goal after the last node
                    planFailure = planFailure == null ? e : planFailure;
                    report.outcome = RunReport.Outcome.PLANNED;
                } finally {
                    if (!cluster.single()) {
                        report.steps.subList(firstRow, report.steps.size()).forEach(e -> e.node = node.id());
                    }
                }
                outcomes.add(report.outcome == null ? RunReport.Outcome.SUCCEEDED : report.outcome);
            }
            if (planFailure != null) {
                throw planFailure;
            }
            report.outcome = combine(outcomes);
            if (mode == Mode.PLAN && request.failOnPendingChanges() && hasPendingChanges(report)) {
                throw UpgradeException.user(ErrorCode.PENDING_CHANGES, "The upgrade has pending changes ("
                        + pendingSteps(report) + ") and failOnPendingChanges is set.", "apim.upgrade.failOnPendingChanges",
                        "Run mvn apim-upgrade:migrate, or unset failOnPendingChanges.");
            }
            return report;
        } catch (UpgradeException e) {
            failure = e;
            throw e;
        } catch (RuntimeException e) {
            failure = UpgradeException.environment(ErrorCode.INTERNAL, "Unexpected error: " + redactor.redact(String.valueOf(e)),
                    null, "Please report this with the report.json of the run.", e);
            throw failure;
        } finally {
            report.finished = clock.instant();
            if (failure != null) {
                report.outcome = RunReport.Outcome.FAILED;
                report.error = new RunReport.ErrorLine(failure.code().name(), redactor.redact(failure.getMessage()),
                        failure.location(), redactor.redact(failure.hint()));
            }
            if (failure != null && !goal.equals(RestoreStep.ID) && request.newHome() != null
                    && java.nio.file.Files.isRegularFile(BackupManifest.journalFile(request.newHome()))) {
                report.restore = "The pre-upgrade backup is recorded in " + BackupManifest.journalFile(request.newHome())
                        + ": to return to it, stop the servers and run mvn apim-upgrade:restore -Dapim.upgrade.restoreConfirmed=true "
                        + "(-Dapim.upgrade.dryRun=true lists the exact commands).";
                events.lifecycle(null, report.restore);
            }
            boolean planned = planFiles != null && !report.steps.isEmpty()
                    && (failure == null || failure.code() == ErrorCode.PENDING_CHANGES);
            if (planned) {
                report.next = NextRun.write(report, planFiles, reportDir, goal, onlyStep, redactor, events);
            }
            boolean applying = mode == Mode.APPLY || mode == Mode.RETRY || mode == Mode.MARK_DONE || mode == Mode.RESTORE;
            if (applying || (planFiles != null && !planned)) {
                NextRun.removeStale(reportDir); // an earlier dry run's patch no longer describes the installation
            }
            // a run that changes the installation keeps its report with it; a plan, status or a migrate that found
            // nothing to do changes nothing there (a second run leaves the home as it was, but for its lock file)
            List<Path> homes = applying && report.outcome != RunReport.Outcome.NOTHING_TO_DO ? reportHomes(request) : List.of();
            ReportWriter.Written written = ReportWriter.write(report, reportDir, homes, clock, redactor::redact);
            events.lifecycle(null, "Report: " + written.datedHtml().toAbsolutePath() + " (latest also as report.html, "
                    + "report.json; plan.txt)");
            written.homeCopies().forEach(c -> events.lifecycle(null, "Kept with the installation: " + c.toAbsolutePath()));
            written.homeCopyProblems().forEach(p -> events.warn(null, "The report is not kept with the installation: " + p));
            if (report.next != null) {
                NextRun.announce(report, reportDir, request.newHome(), events); // its last line says what to run next
            }
        }
    }

    /**
     * Where an applying run keeps its report with the installation: the new home, or in a distributed deployment the
     * new home of every node the run visited (each node's history stays with it).
     */
    private static List<Path> reportHomes(UpgradeRequest request) {
        List<Path> homes = new ArrayList<>();
        if (request.newHome() != null) {
            homes.add(request.newHome());
        }
        request.nodes().stream().filter(n -> request.node() == null || request.node().equals(n.id()))
                .map(n -> n.newHome()).filter(h -> h != null && !homes.contains(h)).forEach(homes::add);
        return homes.stream().filter(java.nio.file.Files::isDirectory).map(h -> h.resolve(ReportWriter.HOME_REPORTS)).toList();
    }

    /** The nodes this goal visits, in order; repair and restore need to know which node they act on. */
    private List<ClusterNode> nodesFor(Cluster cluster, UpgradeRequest request, String onlyStep, Mode mode) {
        if (cluster.single() || request.node() != null) {
            return cluster.runOrder(request.node());
        }
        if (mode == Mode.RESTORE || mode == Mode.RESTORE_PLAN) {
            return List.of(cluster.databaseNode()); // the backup is taken once, on the database node
        }
        if ((mode == Mode.MARK_DONE || mode == Mode.RETRY) && catalog.has(onlyStep)) {
            Placement p = catalog.get(onlyStep).placement();
            if (p == Placement.ONCE) {
                return List.of(cluster.databaseNode());
            }
            throw UpgradeException.user(ErrorCode.CLUSTER_CONFIG, "repair of " + onlyStep + " needs the node it is for: "
                            + onlyStep + " runs on " + (p == Placement.INDEXING_NODES ? "the indexing nodes" : "every node") + ".",
                    "apim.upgrade.node", "Add -Dapim.upgrade.node=<id> (one of: " + cluster.ids() + ").");
        }
        return cluster.runOrder(null);
    }

    /**
     * The cluster's databases: the ones the database node's old home names (with the POM's overrides), read from its
     * home when this call does not visit it ({@code -Dapim.upgrade.node} of another node).
     */
    private static Map<io.github.apimupgrade.core.config.DatasourceRole, io.github.apimupgrade.core.config.Datasource> clusterRoles(
            ClusterRun run, UpgradeRequest request) {
        if (run.clusterRoles == null) {
            ClusterNode db = run.cluster.databaseNode();
            run.clusterRoles = io.github.apimupgrade.core.config.InstallationReader.readOld(db.oldHome(), request.fromVersion(),
                    request.datasources()).roles();
        }
        return run.clusterRoles;
    }

    /** The report's list of nodes (empty in the one-node case). */
    private static void describe(Cluster cluster, RunReport report) {
        if (cluster.single()) {
            return;
        }
        for (ClusterNode n : cluster.nodes()) {
            report.nodes.add(new RunReport.NodeLine(n.id(), n.profile().id(), n.oldHome().toAbsolutePath().normalize().toString(),
                    n.newHome().toAbsolutePath().normalize().toString(), n.databaseNode()));
        }
    }

    /** One outcome for the nodes' outcomes: nothing to do only when no node had anything to do. */
    private static RunReport.Outcome combine(List<RunReport.Outcome> outcomes) {
        if (outcomes.contains(RunReport.Outcome.PLANNED)) {
            return RunReport.Outcome.PLANNED;
        }
        return !outcomes.isEmpty() && outcomes.stream().allMatch(o -> o == RunReport.Outcome.NOTHING_TO_DO)
                ? RunReport.Outcome.NOTHING_TO_DO : RunReport.Outcome.SUCCEEDED;
    }

    private List<Step> selectSteps(Session s, String onlyStep) {
        List<Step> steps = new ArrayList<>();
        for (String id : s.path.steps()) {
            steps.add(catalog.get(id));
        }
        if (onlyStep != null && !s.path.steps().contains(onlyStep)) {
            catalog.get(onlyStep); // unknown ids fail with the list
            throw UpgradeException.user(ErrorCode.UNKNOWN_STEP, "Step '" + onlyStep + "' is not part of the upgrade "
                    + s.path.id() + ".", "apim.upgrade.step", "Steps of this path: " + String.join(", ", s.path.steps()) + ".");
        }
        return steps;
    }

    private void status(Session s, List<Step> steps, RunReport report, Path reportDir) {
        for (Step step : steps) {
            RunReport.StepEntry e = entry(step, s.journal.get(step.id()));
            StepRecord r = s.journal.get(step.id());
            Cluster.Role role = s.role(step);
            if (role == Cluster.Role.NOT_FOR_PROFILE) {
                e.stateBefore = StepState.NOT_ON_NODE.name();
                e.notes.add(notForProfile(s, step));
            } else if (role != Cluster.Role.HERE && !r.state().isDone()) {
                e.notes.add(onceNote(s, step));
            }
            if (r.message() != null) {
                e.notes.add(r.message());
            }
            e.rows = r.rows();
            report.steps.add(e);
        }
        summarize(report, s, "Status of");
        report.history = ReportHistory.list(List.of(reportDir, s.newHome.home().resolve(ReportWriter.HOME_REPORTS)));
        EventSink events = s.context.events();
        events.lifecycle(null, "Reports of earlier runs (newest first): " + (report.history.isEmpty() ? "none in "
                + reportDir.toAbsolutePath() + " or " + s.newHome.home().resolve(ReportWriter.HOME_REPORTS) : report.history.size()));
        report.history.stream().limit(HISTORY_LINES).forEach(l -> events.lifecycle(null, "  " + ReportHistory.describe(l)));
        if (report.history.size() > HISTORY_LINES) {
            events.lifecycle(null, "  ... and " + (report.history.size() - HISTORY_LINES) + " older (all in report.html)");
        }
    }

    /** "not on gateway-worker nodes: reindex runs on the indexing nodes (...)". */
    private static String notForProfile(Session s, Step step) {
        if (step.placement() == Placement.ONCE) {
            return "not on node " + s.node.node().id() + ": " + step.id() + " changes only databases this node does not "
                    + "use (" + String.join(", ", step.databaseRoles().stream().map(DatasourceRole::tomlName).sorted()
                    .toList()) + (s.oldHome.ownDatabases().isEmpty() ? "" : "; its own: " + String.join(", ",
                    s.oldHome.ownDatabases().entrySet().stream().map(e -> e.getKey().tomlName() + " = "
                            + e.getValue().name()).toList())) + "), once for the cluster on node "
                    + s.node.cluster().databaseNode().id();
        }
        List<ClusterNode> nodes = s.node.cluster().nodesOf(step.placement(), s.path.to());
        return "not on " + s.node.profileIn(s.path.to()).id() + " nodes: " + step.id() + " runs on "
                + (nodes.isEmpty() ? "no node of this cluster" : String.join(", ", nodes.stream().map(ClusterNode::id).toList()));
    }

    /** A cluster step's row on a node that is not the database node. */
    private static String onceNote(Session s, Step step) {
        String db = s.node.cluster().databaseNode().id();
        return step.placement() == Placement.ONCE
                ? "runs once for the cluster, on node " + db
                : "its migration runs once for the cluster, on node " + db + "; this node makes its own changes after it";
    }

    /** Reports the status goal prints on the console (report.html lists them all). */
    private static final int HISTORY_LINES = 20;

    private void markDone(Session s, String stepId, RunReport report, EventSink events, Path reportDir) {
        try (HomeLock lock = HomeLock.acquire(s.newHome.home())) {
            StepRecord before = s.journal.get(stepId);
            s.journal.bind(s.path.id(), s.oldHome.home());
            s.journal.set(stepId, StepState.MARKED_DONE, "marked done by repair (was " + before.state() + ")");
            events.lifecycle(stepId, "Marked " + stepId + " as done (was " + before.state() + ").");
            try {
                // the databases keep it too, so another new home on them does not run the step again
                s.dbJournal.recordCompleted(stepId, "marked done by repair");
            } catch (UpgradeException e) {
                events.warn(stepId, "Could not record the repair in the databases' " + io.github.apimupgrade.core.db.HistoryTable.TABLE
                        + ": " + e.getMessage() + " (the new home's journal has it)");
            }
        }
        status(s, selectSteps(s, null), report, reportDir);
    }

    private void plan(Session s, List<Step> steps, RunReport report, EventSink events, PlanFiles planFiles) {
        Map<Database, List<String>> needs = needs(s, steps.stream().filter(st -> !s.journal.get(st.id()).state().isDone()
                && s.role(st) != Cluster.Role.NOT_FOR_PROFILE).toList());
        preflight(s, report, false, needs);
        Map<String, Standing> state = readState(s, steps, needs.keySet(), events);
        overlayRunMarkers(s, s.context.workspace(), steps, state);
        List<UpgradeException> planErrors = new ArrayList<>();
        for (Step step : steps) {
            Standing st = state.get(step.id());
            RunReport.StepEntry e = entry(step, st);
            report.steps.add(e);
            Cluster.Role role = s.role(step);
            if (role == Cluster.Role.NOT_FOR_PROFILE) {
                e.stateBefore = StepState.NOT_ON_NODE.name();
                e.notes.add(notForProfile(s, step));
                continue;
            }
            if (st.done()) {
                e.notes.add(st.doneNote());
                continue;
            }
            if (role == Cluster.Role.ELSEWHERE || (role == Cluster.Role.NODE_PART && waitsForDatabaseNode(s, step, st))) {
                e.notes.add(onceNote(s, step) + (s.run.onDatabaseNode.contains(step.id()) ? " (planned above)"
                        : ": its databases do not record it yet, so node " + s.node.node().id() + "'s later steps wait for it"));
                continue;
            }
            if (role == Cluster.Role.NODE_PART) {
                e.notes.add(onceNote(s, step));
            } else if (s.node.clustered() && step.placement() != Placement.EVERY_NODE
                    && step.placement() != Placement.INDEXING_NODES) {
                s.run.onDatabaseNode.add(step.id());
            }
            st.note().ifPresent(e.notes::add);
            try {
                StepPlan plan = step.plan(contextFor(s, nodeFor(s, step), step, s.context));
                record(e, plan);
                if (planFiles != null) {
                    plan.actions().forEach(a -> planFiles.add(step.id(), a)); // before simulate: it reads the disk as it is
                }
                plan.actions().forEach(a -> a.simulate(s.context.workspace()));
                ranIndexing(s, step, null);
            } catch (UpgradeException ex) {
                e.error = error(ex, s.context.redactor());
                planErrors.add(ex);
            }
        }
        report.outcome = RunReport.Outcome.PLANNED;
        summarize(report, s, report.dryRun ? "Dry run (nothing is changed) of" : "Plan of");
        failOnErrors(report, planErrors);
    }

    /**
     * A node's part of a cluster step waits until the databases record the database node's run, unless the database
     * node runs (or plans) it earlier in this engine call.
     */
    private static boolean waitsForDatabaseNode(Session s, Step step, Standing st) {
        return st.facts().strongest().isEmpty() && !s.run.onDatabaseNode.contains(step.id());
    }

    /**
     * The node view a step plans with: a re-index after another node's (in this call, or recorded by another node's job)
     * waits what is left of nodeDelay since that one ended.
     */
    private NodeView nodeFor(Session s, Step step) {
        if (step.placement() == Placement.INDEXING_NODES && s.run.lastIndexed != null
                && !s.run.lastIndexed.equals(s.node.node().id())) {
            Duration left = null;
            if (s.run.lastIndexedAt != null) {
                left = s.request.server().nodeDelay().minus(Duration.between(s.run.lastIndexedAt, clock.instant()));
                if (left.isNegative() || left.isZero()) {
                    return s.node;
                }
            }
            return new NodeView(s.node.cluster(), s.node.node(), s.run.lastIndexed, left);
        }
        return s.node;
    }

    /** Records this node's indexing run (applied: when it ended; planned: no time, the plan shows the whole delay). */
    private static void ranIndexing(Session s, Step step, Instant at) {
        if (step.placement() == Placement.INDEXING_NODES) {
            s.run.lastIndexed = s.node.node().id();
            s.run.lastIndexedAt = at;
        }
    }

    /**
     * A pipeline job per node: another node's re-indexing that its databases record as ended less than nodeDelay ago
     * makes this node's wait for the rest (the server steps' database locks already keep two nodes' runs apart).
     */
    private void indexedByAnotherNode(Session s, List<Step> steps, Map<String, Standing> state) {
        if (!s.node.clustered() || s.run.lastIndexed != null) {
            return;
        }
        for (Step step : steps) {
            DatabaseJournal.Fact done = state.get(step.id()).facts().completed();
            if (step.placement() != Placement.INDEXING_NODES || done == null || done.by() == null || state.get(step.id()).done()) {
                continue;
            }
            for (ClusterNode other : s.node.cluster().nodes()) {
                if (other != s.node.node() && done.by().contains("from home " + other.newHome().toAbsolutePath().normalize())
                        && Duration.between(done.at(), clock.instant()).compareTo(s.request.server().nodeDelay()) < 0) {
                    s.run.lastIndexed = other.id();
                    s.run.lastIndexedAt = done.at();
                }
            }
        }
    }

    private void apply(Session s, List<Step> steps, String onlyStep, Mode mode, RunReport report, EventSink events,
                       ProgressTracker progress) {
        // What the journal said before the locks only chooses the databases to check and lock; the state that decides
        // what runs is read again under the locks (issue 13: a run that finished meanwhile must be seen).
        List<Step> candidates = (onlyStep == null
                ? steps.stream().filter(st -> !s.journal.get(st.id()).state().isDone())
                : steps.stream().filter(st -> st.id().equals(onlyStep)))
                .filter(st -> s.role(st) != Cluster.Role.NOT_FOR_PROFILE).toList();
        if (onlyStep != null && candidates.isEmpty()) { // a goal not for this node's profile
            Step step = steps.stream().filter(st -> st.id().equals(onlyStep)).findFirst().orElseThrow();
            RunReport.StepEntry e = entry(step, s.journal.get(step.id()));
            e.stateBefore = StepState.NOT_ON_NODE.name();
            e.notes.add(notForProfile(s, step));
            report.steps.add(e);
            report.outcome = RunReport.Outcome.NOTHING_TO_DO;
            events.lifecycle(step.id(), "Nothing to do on " + s.node.label() + ": " + notForProfile(s, step) + ".");
            summarize(report, s, "Result of");
            return;
        }
        Map<Database, List<String>> needs = needs(s, candidates);
        preflight(s, report, true, needs);
        events.detail(null, needsLine(needs));
        try (HomeLock homeLock = HomeLock.acquire(s.newHome.home());
             DatabaseLocks dbLocks = DatabaseLocks.acquire(needs.keySet(), events, s.request.databaseSessions())) {
            s.journal.reload();
            s.requireJournalOfThisPath();
            Map<String, Standing> state = readState(s, steps, needs.keySet(), events);
            s.journal.bind(s.path.id(), s.oldHome.home());
            boolean outOfOrder = false;
            if (onlyStep != null) {
                outOfOrder = requireEarlierStepsDone(s, steps, onlyStep, state, events);
                if (mode == Mode.RETRY) {
                    s.journal.set(onlyStep, StepState.PENDING, "reset for retry by repair");
                    Standing was = state.get(onlyStep);
                    state.put(onlyStep, new Standing(s.journal.get(onlyStep), was.facts(), was.doneInDatabase()));
                }
            }
            indexedByAnotherNode(s, steps, state);
            Step blocked = blockedAt(s, steps, state);
            int blockedAt = blocked == null ? steps.size() : steps.indexOf(blocked);
            if (onlyStep != null && blocked != null && steps.indexOf(blocked) <= indexOf(steps, onlyStep)) {
                throw pendingOnDatabaseNode(s, blocked, onlyStep);
            }
            List<Step> toRun = candidates.stream().filter(st -> !state.get(st.id()).done())
                    .filter(st -> s.role(st) == Cluster.Role.HERE || s.role(st) == Cluster.Role.NODE_PART)
                    .filter(st -> steps.indexOf(st) < blockedAt).toList();
            Map<Database, List<String>> more = needs(s, toRun);
            more.keySet().removeAll(needs.keySet());
            try (DatabaseLocks moreLocks = DatabaseLocks.acquire(more.keySet(), events, s.request.databaseSessions())) {
                overlayRunMarkers(s, s.context.workspace(), toRun, state);
                planAheadOrFail(s, toRun, state);
                int ran = 0;
                List<String> waiting = new ArrayList<>();
                for (Step step : steps) {
                    Standing st = state.get(step.id());
                    RunReport.StepEntry e = entry(step, st);
                    report.steps.add(e);
                    Cluster.Role role = s.role(step);
                    if (role == Cluster.Role.NOT_FOR_PROFILE) {
                        e.stateBefore = StepState.NOT_ON_NODE.name();
                        e.notes.add(notForProfile(s, step));
                        continue;
                    }
                    if (onlyStep != null && !step.id().equals(onlyStep)) {
                        continue;
                    }
                    if (!st.done() && role == Cluster.Role.ELSEWHERE) {
                        e.notes.add(onceNote(s, step) + ": its databases do not record it yet");
                        continue;
                    }
                    if (!st.done() && steps.indexOf(step) >= blockedAt) {
                        e.notes.add("waits for " + blocked.id() + ", which runs once for the cluster on node "
                                + s.node.cluster().databaseNode().id());
                        waiting.add(step.id());
                        continue;
                    }
                    if (st.done()) {
                        e.notes.add(st.doneNote() + ": not run again");
                        events.lifecycle(step.id(), step.id() + ": already done, skipped."
                                + (st.record().state().isDone() ? "" : " (" + st.doneNote() + ")"));
                        if (st.doneInDatabase() && !st.record().state().isDone()) {
                            s.journal.set(step.id(), StepState.SUCCEEDED, st.doneNote());
                        }
                        continue;
                    }
                    if (!toRun.contains(step)) { // reset by another run while this one waited for the locks
                        events.warn(step.id(), step.id() + " became pending while this run waited for the locks: not run; "
                                + "run migrate again.");
                        continue;
                    }
                    st.note().ifPresent(n -> {
                        e.notes.add(n);
                        events.lifecycle(step.id(), step.id() + ": " + n);
                    });
                    if (st.record().state() == StepState.FAILED || st.record().state() == StepState.RUNNING) {
                        events.lifecycle(step.id(), "Resuming at " + step.id() + " (previous attempt " + st.record().state()
                                + (st.record().message() == null ? "" : ": " + st.record().message()) + ").");
                    }
                    boolean thisOutOfOrder = outOfOrder && step.id().equals(onlyStep);
                    if (thisOutOfOrder) {
                        e.warnings.add(OUT_OF_ORDER_NOTE);
                    }
                    dbLocks.verifyHeld(); // LOCK_LOST stops the run before the step changes anything
                    moreLocks.verifyHeld();
                    try {
                        runOne(s, step, e, events, thisOutOfOrder, progress);
                    } catch (UpgradeException ex) {
                        notRun(steps, step, state, report, onlyStep);
                        throw ex;
                    }
                    ran++;
                }
                if (!waiting.isEmpty()) {
                    s.summarizes = true;
                    summarize(report, s, "Result of");
                    throw pendingOnDatabaseNode(s, blocked, null);
                }
                if (ran == 0) {
                    report.outcome = RunReport.Outcome.NOTHING_TO_DO;
                    events.lifecycle(null, "Nothing to do" + (s.node.clustered() ? " on " + s.node.label() : "") + ": "
                            + (onlyStep == null ? "the upgrade " + s.path.id() + " is already complete"
                            : onlyStep + " is already done (use the repair goal to run it again)") + ".");
                }
            }
        }
        summarize(report, s, "Result of");
    }

    /**
     * The first cluster step (another node's, or this node's part of it) that is not done here and that the databases
     * do not record yet: this node's steps from there on wait for the database node.
     */
    private static Step blockedAt(Session s, List<Step> steps, Map<String, Standing> state) {
        for (Step step : steps) {
            Cluster.Role role = s.role(step);
            Standing st = state.get(step.id());
            if ((role == Cluster.Role.ELSEWHERE || role == Cluster.Role.NODE_PART) && !st.done()
                    && st.facts().strongest().isEmpty() && sharesDatabases(s, step)) {
                return step;
            }
        }
        return null;
    }

    /**
     * Whether this node uses one of the databases a cluster step changes. A step that only changes databases the node
     * does not share (a gateway's API-M database is its own H2 file, {@code Installation#ownDatabases}) cannot be
     * recorded where the node can read it, and the node's own steps do not depend on it: the node does not wait for it.
     */
    private static boolean sharesDatabases(Session s, Step step) {
        return s.sharesDatabasesOf(step);
    }

    private static int indexOf(List<Step> steps, String id) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static UpgradeException pendingOnDatabaseNode(Session s, Step blocked, String onlyStep) {
        ClusterNode db = s.node.cluster().databaseNode();
        String node = s.node.node().id();
        return UpgradeException.user(ErrorCode.CLUSTER_STEP_PENDING, (onlyStep == null ? "Node " + node
                        + " stops before " + blocked.id() : onlyStep + " on node " + node + " waits for " + blocked.id())
                        + ": " + blocked.id() + " runs once for the cluster on node " + db.id()
                        + ", and the databases do not record it yet.", "apim.upgrade.node=" + node,
                "Run node " + db.id() + "'s part first (mvn apim-upgrade:migrate -Dapim.upgrade.node=" + db.id()
                        + ", or the whole cluster without -Dapim.upgrade.node), then node " + node + "'s again.");
    }

    /** The steps after a failed one are in the report too, as they stand, so it counts what is still pending. */
    private void notRun(List<Step> steps, Step failed, Map<String, Standing> state, RunReport report, String onlyStep) {
        if (onlyStep != null) {
            return; // a single goal: the others were never part of this run
        }
        for (Step later : steps.subList(steps.indexOf(failed) + 1, steps.size())) {
            Standing st = state.get(later.id());
            RunReport.StepEntry e = entry(later, st);
            e.notes.add(st.done() ? st.doneNote() : "not run: the run stopped at " + failed.id());
            report.steps.add(e);
        }
    }

    static final String OUT_OF_ORDER_NOTE = "run out of order on purpose (apim.upgrade.outOfOrder=true): the steps the "
            + "guide puts ahead of it were not all done";

    /** A step's standing: this home's journal record, and what its databases' history says. */
    private record Standing(StepRecord record, DatabaseJournal.Facts facts, boolean doneInDatabase) {
        boolean done() {
            return record.state().isDone() || doneInDatabase;
        }

        String doneNote() {
            if (record.state().isDone()) {
                return "done: " + record.state() + " " + record.finished() + " (this home's journal)"
                        + (record.ranOutOfOrder() ? ", " + OUT_OF_ORDER_NOTE : "");
            }
            return "done: " + facts.completed().describe();
        }

        /** For a step that runs although its databases know it: why its migration is not repeated. */
        Optional<String> note() {
            return facts.strongest().map(f -> "its databases already know it (" + f.describe() + ")"
                    + (facts.run() != null ? ": the migration run is not repeated; this home's own changes are made"
                    : ": this home's own changes are made; scripts already applied are skipped"));
        }
    }

    /** The databases the steps use (declared roles the installation has), each with the ids of the steps using it. */
    private static Map<Database, List<String>> needs(Session s, List<Step> steps) {
        Map<Database, List<String>> out = new LinkedHashMap<>();
        for (Step step : steps) {
            for (Database db : s.dbJournal.databasesOf(step.id())) {
                out.computeIfAbsent(db, k -> new ArrayList<>()).add(step.id());
            }
        }
        return out;
    }

    private static String needsLine(Map<Database, List<String>> needs) {
        if (needs.isEmpty()) {
            return "No database is needed by the steps to run.";
        }
        StringBuilder sb = new StringBuilder("Databases to lock:");
        needs.forEach((db, ids) -> sb.append(' ').append(db.label()).append(" for ").append(String.join(", ", ids)).append(';'));
        return sb.substring(0, sb.length() - 1);
    }

    /**
     * Each step's journal record and, for the steps not done in this home's journal whose databases are all among
     * {@code checked} (and reachable), the step-level rows of their databases' APIM_UPGRADE_HISTORY.
     */
    private Map<String, Standing> readState(Session s, List<Step> steps, Collection<Database> checked, EventSink events) {
        Map<String, Standing> state = new LinkedHashMap<>();
        for (Step step : steps) {
            StepRecord rec = s.journal.get(step.id());
            DatabaseJournal.Facts facts = DatabaseJournal.Facts.NONE;
            List<Database> dbs = s.dbJournal.databasesOf(step.id());
            if (!rec.state().isDone() && !dbs.isEmpty() && checked.containsAll(dbs)) {
                try {
                    facts = s.dbJournal.read(step.id(), s.unreachable);
                } catch (UpgradeException e) {
                    events.warn(step.id(), "Could not read what the databases recorded about " + step.id() + ": "
                            + s.context.redactor().redact(e.getMessage()));
                }
            }
            // a cluster step another node runs is done here once its databases record it; a node part never is
            Cluster.Role role = s.role(step);
            boolean doneInDatabase = facts.completed() != null && role != Cluster.Role.NODE_PART
                    && (!step.changesNewHome() || role == Cluster.Role.ELSEWHERE);
            state.put(step.id(), new Standing(rec, facts, doneInDatabase));
        }
        return state;
    }

    /**
     * A migration run its databases record as succeeded (another new home, or a run killed before its journal
     * caught up) is shown to the step as its run marker, so the step finishes its own changes without migrating the
     * data again. Only an overlay: the databases stay the source of this fact.
     */
    private static void overlayRunMarkers(Session s, Workspace workspace, List<Step> steps, Map<String, Standing> state) {
        for (Step step : steps) {
            DatabaseJournal.Fact run = state.get(step.id()).facts().run();
            Path marker = JournalFile.runMarker(s.newHome.home(), step.id());
            if (s.role(step) == Cluster.Role.NODE_PART && !state.get(step.id()).done() && !workspace.exists(marker)) {
                // the database node runs the migration: this node only makes the step's own changes, never the run
                Optional<DatabaseJournal.Fact> fact = state.get(step.id()).facts().strongest();
                if (fact.isPresent() || s.run.onDatabaseNode.contains(step.id())) {
                    workspace.overlay(marker, "The " + step.id() + " migration runs once for the cluster, on node "
                            + s.node.cluster().databaseNode().id() + " (" + fact.map(DatabaseJournal.Fact::describe)
                            .orElse("planned in this run") + ").\n");
                }
                continue;
            }
            if (run != null && !state.get(step.id()).done() && !workspace.exists(marker)) {
                workspace.overlay(marker, "The " + step.id() + " migration run already succeeded on these databases ("
                        + run.describe() + ").\n");
            }
        }
    }

    /** The context a step runs with: the databases of its declared roles only. */
    private static StepContext contextFor(Session s, Step step, StepContext base) {
        return contextFor(s, s.node, step, base);
    }

    /** The context a step runs with on a node (its view of the cluster). */
    private static StepContext contextFor(Session s, NodeView node, Step step, StepContext base) {
        return base.withDatabases(s.databases.restrictedTo(step.id(), step.databaseRoles())).withNode(node);
    }

    /**
     * Plans every pending step once against a simulated workspace before the first change, so that bad input a later
     * step would meet (a missing migration client, a malformed file, an unknown option) fails the run while nothing
     * has been changed yet. Only user errors count here: environment failures surface in the real run.
     */
    private void planAheadOrFail(Session s, List<Step> toRun, Map<String, Standing> state) {
        // shares the session's file hashes: the real plan of each step re-reads no unchanged file
        StepContext ahead = s.context.withWorkspace(s.context.workspace().fresh());
        overlayRunMarkers(s, ahead.workspace(), toRun, state);
        List<Finding> problems = new ArrayList<>();
        Map<Path, String> writes = new LinkedHashMap<>(); // path -> the step that writes it
        for (Step step : toRun) {
            try {
                step.plan(contextFor(s, nodeFor(s, step), step, ahead)).actions().forEach(a -> {
                    a.simulate(ahead.workspace());
                    a.writes().forEach(w -> writes.putIfAbsent(w, step.id()));
                });
            } catch (UpgradeException ex) {
                if (ex.kind() == UpgradeException.Kind.USER) {
                    problems.add(Finding.error(step.id(), s.context.redactor().redact(ex.getMessage()), ex.location(),
                            s.context.redactor().redact(ex.hint())));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw preflightFailure(problems);
        }
        failOnUnwritable(writes);
    }

    /** Every path the pending steps write, checked before the first change (issue 13). */
    private static void failOnUnwritable(Map<Path, String> writes) {
        List<WriteProbe.Problem> problems = new WriteProbe().check(writes.keySet());
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(problems.size() + " path(s) the upgrade will write cannot be written; nothing was changed:");
        for (WriteProbe.Problem p : problems) {
            sb.append(System.lineSeparator()).append("  - ").append(p.path()).append(" (").append(writes.get(p.path()))
                    .append("): ").append(p.reason());
        }
        throw UpgradeException.user(ErrorCode.NOT_WRITABLE, sb.toString(), problems.get(0).path().toString(),
                "Make each path writable for the user running Maven (chown/chmod; chattr -i for an immutable file; "
                        + "remount a read-only file system read-write), then run the goal again.");
    }

    private void runOne(Session s, Step step, RunReport.StepEntry e, EventSink events, boolean outOfOrder,
                        ProgressTracker progress) {
        Cancellation.jvm().check("before step " + step.id());
        Instant start = clock.instant();
        events.lifecycle(step.id(), "== " + step.id() + ": " + step.title());
        s.journal.started(step.id(), outOfOrder);
        StepContext ctx = contextFor(s, nodeFor(s, step), step, s.context);
        try {
            StepPlan plan = step.plan(ctx);
            record(e, plan);
            StepOutcome outcome = step.apply(plan, ctx);
            for (ActionResult r : outcome.results()) {
                e.results.add(s.context.redactor().redact(r.summary()));
                e.warnings.addAll(r.warnings());
            }
            e.rows = outcome.rows();
            e.durationMillis = Duration.between(start, clock.instant()).toMillis();
            String msg = plan.isEmpty() ? "nothing to change" : outcome.results().size() + " action(s)";
            // the databases first: a run killed between the two leaves a fact the next run reads under its locks
            s.dbJournal.recordCompleted(step.id(), outOfOrder ? "out of order, apim.upgrade.outOfOrder" : null);
            s.journal.succeeded(step.id(), msg, outcome.rows());
            ranIndexing(s, step, clock.instant());
            e.stateAfter = StepState.SUCCEEDED.name();
            events.lifecycle(step.id(), step.id() + ": done in " + seconds(e.durationMillis) + " (" + msg + ").");
        } catch (UpgradeException ex) {
            e.failedAction = progress.actionUnderWay(step.id(), e, s.context.redactor());
            fail(s, step, e, start, ex);
            throw ex;
        } catch (RuntimeException ex) {
            UpgradeException wrapped = UpgradeException.environment(ErrorCode.INTERNAL, step.id() + " failed unexpectedly: "
                    + s.context.redactor().redact(String.valueOf(ex)), null, "Please report this with the report.json of the run.", ex);
            e.failedAction = progress.actionUnderWay(step.id(), e, s.context.redactor());
            fail(s, step, e, start, wrapped);
            throw wrapped;
        }
    }

    private void fail(Session s, Step step, RunReport.StepEntry e, Instant start, UpgradeException ex) {
        e.durationMillis = Duration.between(start, clock.instant()).toMillis();
        e.stateAfter = StepState.FAILED.name();
        e.error = error(ex, s.context.redactor());
        s.journal.failed(step.id(), s.context.redactor().redact(ex.getMessage()));
    }

    /** The restore goal: its step is planned, then applied under the home and database locks (no journal entry). */
    private void restore(Session s, RunReport report, EventSink events, boolean apply) {
        Step step = catalog.get(RestoreStep.ID);
        RunReport.StepEntry e = entry(step, StepRecord.pending(step.id()));
        report.steps.add(e);
        StepPlan plan = step.plan(s.context);
        record(e, plan);
        if (!apply) {
            report.outcome = RunReport.Outcome.PLANNED;
            summarize(report, s, "Dry run (nothing is changed) of");
            return;
        }
        Instant start = clock.instant();
        try (HomeLock homeLock = HomeLock.acquire(s.newHome.home());
             DatabaseLocks dbLocks = DatabaseLocks.acquire(s.databases, events)) {
            StepOutcome outcome = step.apply(plan, s.context);
            outcome.results().forEach(r -> e.results.add(s.context.redactor().redact(r.summary())));
            e.rows = outcome.rows();
            e.stateAfter = StepState.SUCCEEDED.name();
        } catch (UpgradeException ex) {
            e.stateAfter = StepState.FAILED.name();
            e.error = error(ex, s.context.redactor());
            throw ex;
        } finally {
            e.durationMillis = Duration.between(start, clock.instant()).toMillis();
        }
        summarize(report, s, "Result of");
    }

    /**
     * The order guard of a single goal. Returns whether the goal runs out of order on purpose
     * ({@code apim.upgrade.outOfOrder}); otherwise fails naming the ways out.
     */
    private boolean requireEarlierStepsDone(Session s, List<Step> steps, String onlyStep, Map<String, Standing> state,
                                            EventSink events) {
        List<String> pending = new ArrayList<>();
        for (Step st : steps) {
            if (st.id().equals(onlyStep)) {
                break;
            }
            if (!state.get(st.id()).done()) {
                pending.add(st.id());
            }
        }
        if (pending.isEmpty()) {
            return false;
        }
        if (s.request.outOfOrder()) {
            events.warn(onlyStep, onlyStep + " runs before " + String.join(", ", pending) + " on purpose "
                    + "(apim.upgrade.outOfOrder=true); the journal and the report record it.");
            return true;
        }
        String nl = System.lineSeparator();
        StringBuilder hint = new StringBuilder("Run those goals first, or mvn apim-upgrade:migrate to run every pending step in order.");
        hint.append(nl).append("If you did them outside the plugin, record each one as done:");
        pending.forEach(id -> hint.append(nl).append("  mvn apim-upgrade:repair -Dapim.upgrade.repair.step=").append(id)
                .append(" -Dapim.upgrade.repair.action=mark-done"));
        hint.append(nl).append("To run ").append(onlyStep).append(" out of order on purpose (troubleshooting; recorded in the "
                + "journal and the report): -Dapim.upgrade.outOfOrder=true");
        throw UpgradeException.user(ErrorCode.STEP_OUT_OF_ORDER, onlyStep + " cannot run before " + String.join(", ", pending)
                + " (the guide's order).", "apim.upgrade journal " + s.journal.file(), hint.toString());
    }

    /** Engine-wide checks; a step's own input problems are found by planning it (see planAheadOrFail). */
    private void preflight(Session s, RunReport report, boolean failFast, Map<Database, List<String>> needs) {
        List<Finding> findings = EnginePreflight.run(s, needs);
        report.findings.addAll(findings);
        List<Finding> errors = findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).toList();
        if (failFast && !errors.isEmpty()) {
            s.summarizes = true;
            summarize(report, s, "Preflight of");
            throw preflightFailure(errors);
        }
    }

    private static UpgradeException preflightFailure(List<Finding> errors) {
        StringBuilder sb = new StringBuilder(errors.size() + " preflight check(s) failed; nothing was changed:");
        errors.forEach(f -> sb.append(System.lineSeparator()).append("  - ").append(f.describe()));
        Finding first = errors.get(0);
        return UpgradeException.user(ErrorCode.PRECONDITION_FAILED, sb.toString(), first.location(), first.hint());
    }

    private void failOnErrors(RunReport report, List<UpgradeException> planErrors) {
        List<Finding> errors = report.findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw preflightFailure(errors);
        }
        if (!planErrors.isEmpty()) {
            throw planErrors.get(0);
        }
    }

    private RunReport.StepEntry entry(Step step, StepRecord rec) {
        RunReport.StepEntry e = new RunReport.StepEntry();
        e.id = step.id();
        e.title = step.title();
        e.stateBefore = rec.state().name();
        if (rec.ranOutOfOrder()) {
            e.warnings.add(OUT_OF_ORDER_NOTE);
        }
        return e;
    }

    /** A step done according to its databases is shown as SUCCEEDED, with where that fact came from in its notes. */
    private RunReport.StepEntry entry(Step step, Standing st) {
        RunReport.StepEntry e = entry(step, st.record());
        if (st.doneInDatabase() && !st.record().state().isDone()) {
            e.stateBefore = StepState.SUCCEEDED.name();
        }
        return e;
    }

    private static void record(RunReport.StepEntry e, StepPlan plan) {
        plan.actions().forEach(e::record); // routine copies are counted per directory, not listed
        e.notes.addAll(plan.notes());
        e.warnings.addAll(plan.warnings());
        e.manualActions.addAll(plan.manualActions());
    }

    private static RunReport.ErrorLine error(UpgradeException ex, Redactor redactor) {
        return new RunReport.ErrorLine(ex.code().name(), redactor.redact(ex.getMessage()), ex.location(), redactor.redact(ex.hint()));
    }

    private void summarize(RunReport report, Session s, String what) {
        if (!s.summarizes) {
            return; // a cluster's summary comes once, after its last node
        }
        EventSink events = s.context.events();
        events.lifecycle(null, what + " the upgrade " + s.path.id() + ":");
        PlanText.summaryLines(report).forEach(l -> events.lifecycle(null, l));
    }

    static boolean hasPendingChanges(RunReport report) {
        return report.steps.stream().anyMatch(st -> !isDone(st) && st.changeCount() > 0);
    }

    private static String pendingSteps(RunReport report) {
        return String.join(", ", report.steps.stream().filter(st -> !isDone(st) && st.changeCount() > 0).map(st -> st.id).toList());
    }

    private static boolean isDone(RunReport.StepEntry st) {
        String state = st.stateAfter != null ? st.stateAfter : st.stateBefore;
        return StepState.valueOf(state).isDone();
    }

    private static String seconds(Long millis) {
        return io.github.apimupgrade.core.report.Times.duration(millis);
    }
}
