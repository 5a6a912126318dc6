package io.github.apimupgrade.core.report;

import io.github.apimupgrade.core.steps.Finding;
import io.github.apimupgrade.core.steps.CopyFileAction;
import io.github.apimupgrade.core.steps.ManualAction;
import io.github.apimupgrade.core.steps.PlannedAction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one engine call did or would do: written as report.json and report.html for every run, plan and dry run
 * included. Everything in it is already redacted.
 */
public final class RunReport {

    public enum Outcome { PLANNED, SUCCEEDED, NOTHING_TO_DO, FAILED }

    /** One datasource as shown to users (no password). */
    public record DatasourceLine(String role, String name, String url, String username, String origin, String dialect) {
    }

    /**
     * One node of a distributed deployment (issue 17).
     *
     * @param databaseNode the node that runs the cluster's database steps and migration runs
     */
    public record NodeLine(String id, String profile, String oldHome, String newHome, boolean databaseNode) {
    }

    /** One planned action. */
    public record ActionLine(String kind, String summary, String details) {
    }

    /** The error that ended the run. */
    public record ErrorLine(String code, String message, String location, String hint) {
    }

    /**
     * Routine actions of one step counted under one directory (copies to new targets) instead of listed one by one;
     * the files themselves are listed in {@link ReportWriter#FILES} next to the report.
     */
    public static final class FileGroup {
        public String directory;
        public long count;
        public long bytes;
        public String listedIn = ReportWriter.FILES;
        // tab-separated lines for files.txt (not in report.json: that is what keeps it small)
        private final List<String> entries = new ArrayList<>();

        List<String> entries() {
            return entries;
        }
    }

    /** One step of the path. */
    public static final class StepEntry {
        /** The node of this row in a distributed deployment; null in the one-node case. */
        public String node;
        public String id;
        public String title;
        public String stateBefore;
        public String stateAfter;
        public List<ActionLine> actions = new ArrayList<>();
        public List<FileGroup> fileGroups = new ArrayList<>();
        public List<String> notes = new ArrayList<>();
        public List<String> warnings = new ArrayList<>();
        public List<ManualAction> manualActions = new ArrayList<>();
        public List<String> results = new ArrayList<>();
        public long rows;
        public Long durationMillis;
        public ErrorLine error;

        /**
         * Adds a planned action: listed with its details, or counted under its directory when the action says it is
         * routine ({@link PlannedAction#countedUnder()}).
         */
        public void record(PlannedAction a) {
            String directory = a.countedUnder();
            if (directory == null) {
                actions.add(new ActionLine(a.kind().name(), a.summary(), a.details()));
                return;
            }
            FileGroup g = fileGroups.isEmpty() ? null : fileGroups.get(fileGroups.size() - 1);
            if (g == null || !g.directory.equals(directory)) {
                g = fileGroups.stream().filter(x -> x.directory.equals(directory)).findFirst().orElse(null);
            }
            if (g == null) {
                g = new FileGroup();
                g.directory = directory;
                fileGroups.add(g);
            }
            g.count++;
            if (a instanceof CopyFileAction c) {
                g.bytes += c.size();
                g.entries.add(c.displayTarget() + "\t" + c.size() + "\t" + c.sha256() + "\t" + c.displaySource());
            } else {
                g.entries.add(a.summary());
            }
        }

        /** Planned changes: listed actions plus counted ones. */
        public long changeCount() {
            return actions.size() + fileGroups.stream().mapToLong(g -> g.count).sum();
        }
    }

    public String tool = "apim-upgrade";
    public String goal;
    public boolean dryRun;
    public String path;
    public String guide;
    public String oldHome;
    public String newHome;
    public String fromVersion;
    public String toVersion;
    public Instant started;
    public Instant finished;
    public Outcome outcome;
    public ErrorLine error;
    /** After a failure with a recorded backup: how to return to the pre-upgrade state (issue 16). */
    public String restore;
    public List<DatasourceLine> datasources = new ArrayList<>();
    /** The nodes of a distributed deployment, in the POM's order; empty in the one-node case. */
    public List<NodeLine> nodes = new ArrayList<>();
    public List<Finding> findings = new ArrayList<>();
    public List<StepEntry> steps = new ArrayList<>();

    /** Every manual action of every step, in step order. */
    public List<ManualAction> manualActions() {
        List<ManualAction> all = new ArrayList<>();
        steps.forEach(s -> all.addAll(s.manualActions));
        return all;
    }

    public StepEntry step(String id) {
        return steps.stream().filter(s -> s.id.equals(id)).findFirst().orElse(null);
    }

    /** The row of a step on a node (distributed deployments), or null. */
    public StepEntry step(String node, String id) {
        return steps.stream().filter(s -> s.id.equals(id) && java.util.Objects.equals(s.node, node)).findFirst().orElse(null);
    }
}
