package io.github.apimupgrade.core.report;

import io.github.apimupgrade.core.steps.Finding;
import io.github.apimupgrade.core.steps.ManualAction;

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

    /** One planned action. */
    public record ActionLine(String kind, String summary, String details) {
    }

    /** The error that ended the run. */
    public record ErrorLine(String code, String message, String location, String hint) {
    }

    /** One step of the path. */
    public static final class StepEntry {
        public String id;
        public String title;
        public String stateBefore;
        public String stateAfter;
        public List<ActionLine> actions = new ArrayList<>();
        public List<String> notes = new ArrayList<>();
        public List<String> warnings = new ArrayList<>();
        public List<ManualAction> manualActions = new ArrayList<>();
        public List<String> results = new ArrayList<>();
        public long rows;
        public Long durationMillis;
        public ErrorLine error;
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
}
