package io.github.apimupgrade.core.report;

import io.github.apimupgrade.core.steps.Finding;
import io.github.apimupgrade.core.steps.ManualAction;

import java.util.ArrayList;
import java.util.List;

/** The plain-text plan: the lines the Maven log shows and plan.txt holds (with full diffs and SQL). */
public final class PlanText {
    private PlanText() {
    }

    /** Header, datasources, findings, steps with their actions (summaries only), manual actions. */
    public static List<String> summaryLines(RunReport r) {
        List<String> out = new ArrayList<>();
        out.add("API Manager " + r.fromVersion + " -> " + r.toVersion + " (" + r.guide + ")");
        if (r.nodes.isEmpty()) {
            out.add("  old home: " + r.oldHome);
            out.add("  new home: " + r.newHome);
        } else {
            out.add("Nodes (" + r.nodes.size() + "; the database node runs the database steps and migration runs once for the cluster):");
            for (RunReport.NodeLine n : r.nodes) {
                out.add(String.format("  %-12s %-16s %s -> %s%s", n.id(), n.profile(), n.oldHome(), n.newHome(),
                        n.databaseNode() ? "  [database node]" : ""));
            }
        }
        out.add("Datasources (from the old installation's references; passwords not shown):");
        for (RunReport.DatasourceLine d : r.datasources) {
            out.add(String.format("  %-12s %-16s %s user=%s [%s] (%s)", d.role(), d.name(), d.url(), d.username(),
                    d.dialect(), d.origin()));
        }
        if (!r.findings.isEmpty()) {
            out.add("Preflight:");
            for (Finding f : r.findings) {
                out.add("  " + f.severity() + " " + f.describe());
            }
        }
        out.add("Steps:");
        int i = 1;
        for (RunReport.StepEntry s : r.steps) {
            String state = s.stateAfter != null ? s.stateAfter : s.stateBefore;
            if (s.node != null) { // a distributed deployment: a row per node and step
                out.add(String.format("  %d. %-12s %-28s %-11s %s", i++, s.node, s.id, state, s.title));
            } else {
                out.add(String.format("  %d. %-28s %-11s %s", i++, s.id, state, s.title));
            }
            for (RunReport.ActionLine a : s.actions) {
                out.add("       - " + a.summary());
            }
            for (RunReport.FileGroup g : s.fileGroups) {
                out.add("       - " + describe(g));
            }
            for (String n : s.notes) {
                out.add("       . " + n);
            }
            for (String w : s.warnings) {
                out.add("       ! " + w);
            }
        }
        List<ManualAction> manual = r.manualActions();
        out.add("Manual actions still required: " + (manual.isEmpty() ? "none" : manual.size()));
        for (RunReport.StepEntry st : r.steps) {
            for (ManualAction m : st.manualActions) {
                out.add("  - [" + (st.node == null ? "" : st.node + " ") + m.stepId() + "] " + m.describe());
            }
        }
        return out;
    }

    /** One line for a directory of routine copies: "copy 34 new file(s) (81,920 bytes) into [new] ... (listed in files.txt)". */
    public static String describe(RunReport.FileGroup g) {
        return String.format("copy %,d new file(s) (%,d bytes) into %s (listed in %s)", g.count, g.bytes, g.directory, g.listedIn);
    }

    /** The summary followed by every action's details (diffs, SQL, commands). */
    public static String render(RunReport r) {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            write(r, w);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Writes {@link #render(RunReport)} to {@code out} as it goes (plan.txt of a big plan is never held whole). */
    public static void write(RunReport r, Appendable out) throws java.io.IOException {
        for (String l : summaryLines(r)) {
            out.append(l).append('\n');
        }
        for (RunReport.StepEntry s : r.steps) {
            for (RunReport.ActionLine a : s.actions) {
                if (a.details() != null && !a.details().isBlank()) {
                    out.append("\n==== ").append(s.node == null ? "" : s.node + " ").append(s.id).append(": ").append(a.summary()).append(" ====\n").append(a.details());
                    if (!a.details().endsWith("\n")) {
                        out.append('\n');
                    }
                }
            }
        }
    }
}
