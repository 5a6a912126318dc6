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
        out.add("  old home: " + r.oldHome);
        out.add("  new home: " + r.newHome);
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
            out.add(String.format("  %d. %-28s %-11s %s", i++, s.id, state, s.title));
            for (RunReport.ActionLine a : s.actions) {
                out.add("       - " + a.summary());
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
        for (ManualAction m : manual) {
            out.add("  - [" + m.stepId() + "] " + m.describe());
        }
        return out;
    }

    /** The summary followed by every action's details (diffs, SQL, commands). */
    public static String render(RunReport r) {
        StringBuilder sb = new StringBuilder();
        summaryLines(r).forEach(l -> sb.append(l).append('\n'));
        for (RunReport.StepEntry s : r.steps) {
            for (RunReport.ActionLine a : s.actions) {
                if (a.details() != null && !a.details().isBlank()) {
                    sb.append("\n==== ").append(s.id).append(": ").append(a.summary()).append(" ====\n").append(a.details());
                    if (!a.details().endsWith("\n")) {
                        sb.append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }
}
