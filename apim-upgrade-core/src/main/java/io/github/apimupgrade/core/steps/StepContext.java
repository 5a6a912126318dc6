package io.github.apimupgrade.core.steps;

import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.cluster.NodeView;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.path.UpgradePath;
import io.github.apimupgrade.core.server.ProcessLauncher;

import java.nio.file.Path;
import java.time.Clock;

/** Everything a step may use. Built once per engine call. */
public final class StepContext {
    private final UpgradeRequest request;
    private final Installation oldHome;
    private final Installation newHome;
    private final UpgradePath path;
    private final Workspace workspace;
    private final Databases databases;
    private final EventSink events;
    private final Redactor redactor;
    private final JournalFile journal;
    private final Clock clock;
    private final ProcessLauncher processes;
    private RunHistory runHistory = RunHistory.NONE;
    private NodeView node = NodeView.SINGLE;

    public StepContext(UpgradeRequest request, Installation oldHome, Installation newHome, UpgradePath path,
                       Workspace workspace, Databases databases, EventSink events, Redactor redactor,
                       JournalFile journal, Clock clock, ProcessLauncher processes) {
        this.request = request;
        this.oldHome = oldHome;
        this.newHome = newHome;
        this.path = path;
        this.workspace = workspace;
        this.databases = databases;
        this.events = events;
        this.redactor = redactor;
        this.journal = journal;
        this.clock = clock;
        this.processes = processes;
    }

    public UpgradeRequest request() { return request; }
    /** The installation being upgraded, with its datasources by role. */
    public Installation oldHome() { return oldHome; }
    /** The new installation (datasources as its TOML declares them, usually stock H2). */
    public Installation newHome() { return newHome; }
    public UpgradePath path() { return path; }
    public Workspace workspace() { return workspace; }
    public Databases databases() { return databases; }
    public EventSink events() { return events; }
    public Redactor redactor() { return redactor; }
    public JournalFile journal() { return journal; }
    public Clock clock() { return clock; }
    public ProcessLauncher processes() { return processes; }

    /** The same context reading through another workspace (the engine's up-front planning pass uses a fresh one). */
    public StepContext withWorkspace(Workspace other) {
        return new StepContext(request, oldHome, newHome, path, other, databases, events, redactor, journal, clock, processes)
                .withRunHistory(runHistory).withNode(node);
    }

    /** The same context with other databases (the engine gives each step a view of the roles it declared). */
    public StepContext withDatabases(Databases other) {
        return new StepContext(request, oldHome, newHome, path, workspace, other, events, redactor, journal, clock, processes)
                .withRunHistory(runHistory).withNode(node);
    }

    /** The node this context plans for, and its cluster (issue 17); {@link NodeView#SINGLE} for the one-node case. */
    public NodeView node() { return node; }

    /** Sets the node; returns this context. */
    public StepContext withNode(NodeView view) {
        this.node = view == null ? NodeView.SINGLE : view;
        return this;
    }

    /** Where migration runs record their success as soon as the log proves it ({@link RunHistory}). */
    public RunHistory runHistory() { return runHistory; }

    /** Sets the run history (the engine's database records); returns this context. */
    public StepContext withRunHistory(RunHistory history) {
        this.runHistory = history == null ? RunHistory.NONE : history;
        return this;
    }

    /** The deployment.toml the steps edit (apim.upgrade.deploymentToml, or the new home's). */
    public Path deploymentToml() {
        return request.deploymentToml() != null ? request.deploymentToml() : newHome.deploymentToml();
    }
}
