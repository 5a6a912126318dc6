package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.journal.StepState;
import io.github.apimupgrade.core.report.PlanFiles;
import io.github.apimupgrade.core.report.RunReport;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The end of a dry run (issue 18): plan.patch and the per-database SQL files next to the report, and the last line
 * of the output, "Run mvn apim-upgrade:migrate to apply N changes (M statements on ...)".
 */
final class NextRun {
    private NextRun() {
    }

    /** Writes the plan files; returns what the report shows of them (null when they could not be written). */
    static RunReport.NextRun write(RunReport report, PlanFiles files, Path reportDir, String goal, String onlyStep,
                                   Redactor redactor, EventSink events) {
        RunReport.NextRun next = new RunReport.NextRun();
        String title = (report.dryRun ? "dry run of " + goal : "plan") + ", " + report.fromVersion + " -> " + report.toVersion;
        try {
            Files.createDirectories(reportDir);
            PlanFiles.Summary sum = files.write(reportDir, title, redactor::redact, (file, body) ->
                    io.github.apimupgrade.core.report.ReportWriter.writeRedacted(file, redactor::redact, body::writeTo));
            next.files.addAll(sum.written());
            next.patchedFiles = sum.patchedFiles();
            next.notInPatch.addAll(sum.notInPatch());
            next.statements = sum.statements();
            next.line = line(report, goal, onlyStep, sum);
        } catch (IOException e) {
            events.warn(null, "Cannot write the plan files (plan.patch, plan-*.sql) to " + reportDir + ": " + e.getMessage());
            next.line = line(report, goal, onlyStep, null);
        }
        return next;
    }

    /** The command that applies what this dry run showed, and what it changes. */
    static String line(RunReport report, String goal, String onlyStep, PlanFiles.Summary sum) {
        String command = "mvn apim-upgrade:" + switch (goal) {
            case "plan", "migrate" -> "migrate";
            case "repair" -> "repair -Dapim.upgrade.repair.step=" + onlyStep + " -Dapim.upgrade.repair.action=retry";
            default -> goal;
        };
        java.util.List<RunReport.StepEntry> pending = report.steps.stream()
                .filter(s -> onlyStep == null || s.id.equals(onlyStep))
                .filter(s -> !StepState.valueOf(s.state()).isDone()).toList();
        if (pending.isEmpty()) {
            return "Nothing to apply: " + (onlyStep == null ? "every step of the upgrade is done." : onlyStep + " is done.");
        }
        long changes = pending.stream().mapToLong(RunReport.StepEntry::changeCount).sum();
        if (changes == 0) {
            return "Run " + command + " to record " + pending.size() + " pending step(s) as done (no change planned).";
        }
        StringBuilder sb = new StringBuilder("Run ").append(command).append(" to apply ").append(changes)
                .append(changes == 1 ? " change" : " changes");
        java.util.List<String> what = new java.util.ArrayList<>();
        if (sum != null && sum.statements() > 0) {
            what.add(sum.statements() + " statement" + (sum.statements() == 1 ? "" : "s") + " on " + String.join(", ", sum.databases()));
        }
        if (sum != null && sum.serverRuns() > 0) {
            what.add(sum.serverRuns() + " server run" + (sum.serverRuns() == 1 ? "" : "s"));
        }
        if (!what.isEmpty()) {
            sb.append(" (").append(String.join("; ", what)).append(')');
        }
        return sb.append('.').toString();
    }

    /** The console lines after the report's: the plan files, then the command as the very last line. */
    static void announce(RunReport report, Path reportDir, Path newHome, EventSink events) {
        RunReport.NextRun next = report.next;
        if (!next.files.isEmpty()) {
            Path dir = reportDir.toAbsolutePath().normalize();
            events.lifecycle(null, "Plan files: " + String.join(", ", next.files.stream().map(f -> dir.resolve(f).toString()).toList()));
            events.lifecycle(null, "  plan.patch holds " + next.patchedFiles + " file(s)"
                    + (next.notInPatch.isEmpty() ? "" : ", " + next.notInPatch.size() + " change(s) are not in it (listed at its top)")
                    + "; to try it: cd " + (newHome == null ? "<new home>" : newHome.toAbsolutePath().normalize())
                    + " && GIT_DIR=/dev/null git apply --check " + dir.resolve(PlanFiles.PATCH));
        }
        events.lifecycle(null, next.line);
    }

    /** Removes an earlier dry run's plan files: after a run that changes the installation they describe nothing. */
    static void removeStale(Path reportDir) {
        if (!Files.isDirectory(reportDir)) {
            return;
        }
        try {
            Files.deleteIfExists(reportDir.resolve(PlanFiles.PATCH));
            try (DirectoryStream<Path> sql = Files.newDirectoryStream(reportDir, "plan-*.sql")) {
                for (Path p : sql) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // stale plan files are confusing, not harmful: the report still gets written
        }
    }
}
