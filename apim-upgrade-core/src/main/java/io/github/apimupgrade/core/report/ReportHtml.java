package io.github.apimupgrade.core.report;

import io.github.apimupgrade.core.steps.Finding;
import io.github.apimupgrade.core.steps.ManualAction;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * report.html (issue 18). The first screen answers the operator's questions: the outcome, how long it took, how many
 * steps are done, pending and failed, the error with its fix, what to run next after a dry run, and the manual actions
 * still open with their exact commands. Then the steps, each action on its own row with its state; diffs coloured
 * and scrollable inside their cell (the table has a fixed layout, so a long line never pushes a column off the page);
 * times in the operator's time zone with the offset, and durations. Preflight, datasources and (for the status goal)
 * the report history follow. One self-contained file: no script, no external style.
 */
final class ReportHtml {
    /** A diff of at most this many lines is shown open; longer ones are one click away. */
    private static final int OPEN_DIFF_LINES = 30;

    private static final String STYLE = String.join("",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:1.5em auto;max-width:80em;",
            "padding:0 1.5em;color:#1b1f24;line-height:1.4}",
            "h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.2em;margin:1.6em 0 .5em;border-bottom:1px solid #ddd}",
            "code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}",
            ".banner{border-left:.5em solid #888;padding:.6em 1em;background:#f6f8fa;border-radius:4px}",
            ".banner.SUCCEEDED,.banner.NOTHING_TO_DO{border-color:#1a7f37;background:#eefbf1}",
            ".banner.FAILED{border-color:#cf222e;background:#fff0f0}.banner.PLANNED{border-color:#0969da;background:#eef6ff}",
            ".facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(14em,1fr));gap:.4em 1.5em;margin:.6em 0 0}",
            ".facts div{min-width:0}.facts .wide{grid-column:span 2}.facts .wide dd{font-weight:normal}.facts dt{font-size:.8em;color:#57606a}.facts dd{margin:0;font-weight:600;overflow-wrap:anywhere}",
            ".badge{display:inline-block;padding:0 .5em;border-radius:1em;font-size:.85em;font-weight:600;white-space:nowrap;",
            "background:#eaeef2;color:#424a53}",
            ".SUCCEEDED>.badge,.badge.SUCCEEDED,.badge.MARKED_DONE,.badge.done,.badge.NOTHING_TO_DO{background:#dafbe1;color:#116329}",
            ".badge.FAILED,.badge.failed{background:#ffebe9;color:#a40e26}",
            ".badge.PENDING,.badge.RUNNING,.badge.planned,.badge.PLANNED{background:#ddf4ff;color:#0550ae}",
            ".badge.not-run,.badge.unknown{background:#fff8c5;color:#7d4e00}",
            ".box{border:1px solid #d0d7de;border-radius:6px;padding:.6em 1em;margin:.8em 0}",
            ".box.error{border-color:#ff8182;background:#fff8f8}.box.next{border-color:#54aeff;background:#f5faff}",
            ".box.manual{border-color:#d4a72c;background:#fffdf2}",
            ".box h2{border:0;margin:.2em 0 .4em;font-size:1.05em}",
            "pre{background:#f6f8fa;border:1px solid #e1e4e8;border-radius:4px;padding:.5em;margin:.3em 0;",
            "overflow:auto;max-height:28em;white-space:pre}",
            "pre.wrap{white-space:pre-wrap;overflow-wrap:anywhere;max-height:none}",
            "pre.cmd{background:#1f2328;color:#f0f3f6;border:0}",
            "table{border-collapse:collapse;width:100%;table-layout:fixed}",
            "td,th{border:1px solid #d0d7de;padding:.3em .5em;text-align:left;vertical-align:top;overflow-wrap:anywhere}",
            "th{background:#f6f8fa;font-size:.85em}",
            "td.step{background:#fafbfc}td.step .title{font-size:.85em;color:#57606a}td.step .meta{font-size:.85em;margin-top:.3em}",
            "tr.first>td{border-top:2px solid #8c959f}",
            ".note{color:#57606a;font-size:.9em}.warn{color:#9a6700;font-size:.9em}.err{color:#a40e26}",
            ".result{color:#116329;font-size:.9em}",
            // inline-block as wide as the cell: the background spans the line, and the line's own break ends it (block would add one)
            ".diff span{display:inline-block;min-width:100%}",
            ".diff .add{color:#116329;background:#e6ffec}.diff .del{color:#a40e26;background:#ffebe9}",
            ".diff .hunk{color:#8250df}.diff .file{color:#57606a;font-weight:600}",
            "details>summary{cursor:pointer;color:#0969da;font-size:.9em}",
            "ol.manual li{margin-bottom:.6em}.num{text-align:right}");

    private ReportHtml() {
    }

    static void write(RunReport r, Writer h) throws IOException {
        boolean nodes = r.steps.stream().anyMatch(s -> s.node != null && !s.node.isBlank());
        h.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>apim-upgrade "
                + esc(r.goal) + (r.dryRun ? " (dry run)" : "") + ": " + r.outcome + "</title>\n<style>" + STYLE
                + "</style></head><body>\n");
        banner(r, h);
        if (r.error != null) {
            error(r, h);
        }
        if (r.next != null) {
            next(r, h);
        }
        manual(r, h);
        if (!r.history.isEmpty()) {
            history(r, h);
        }
        steps(r, h, nodes);
        preflight(r, h);
        datasources(r, h);
        h.write("<p class=\"note\">Times are in " + esc(java.time.ZoneId.systemDefault().getId()) + " (offset shown). "
                + "report.json has the same run in full" + (r.reportFile == null ? "" : " (" + esc(r.reportFile) + ".json)")
                + "; plan.txt the plan with every diff and statement.</p>\n</body></html>\n");
    }

    private static void banner(RunReport r, Writer h) throws IOException {
        long done = r.steps.stream().filter(s -> isDone(s.state())).count();
        long failed = r.steps.stream().filter(s -> "FAILED".equals(s.state())).count();
        long pending = r.steps.size() - done - failed;
        String outcome = r.outcome == null ? "UNKNOWN" : r.outcome.name();
        h.write("<header class=\"banner " + outcome + "\">\n<h1>apim-upgrade " + esc(r.goal) + (r.dryRun ? " (dry run)" : "")
                + ": <span class=\"badge " + outcome + "\">" + headline(r) + "</span></h1>\n");
        h.write("<div>" + esc(r.path == null ? "" : "API Manager " + r.path.replace("->", "→")) + (r.guide == null ? "" : " &mdash; " + esc(r.guide))
                + "</div>\n<dl class=\"facts\">");
        fact(h, "Took", Times.between(r.started, r.finished));
        fact(h, "Steps", done + " done · " + pending + " pending · " + failed + " failed");
        fact(h, "Manual actions open", String.valueOf(r.manualActions().size()));
        fact(h, "Started", Times.local(r.started));
        fact(h, "Finished", Times.local(r.finished));
        home(h, "Old home", r.oldHome, r.fromVersion);
        home(h, "New home", r.newHome, r.toVersion);
        h.write("</dl>\n</header>\n");
    }

    private static String headline(RunReport r) {
        if (r.outcome == null) {
            return "unknown";
        }
        return switch (r.outcome) {
            case PLANNED -> {
                long changes = r.steps.stream().filter(s -> !isDone(s.state())).mapToLong(RunReport.StepEntry::changeCount).sum();
                yield "planned, " + changes + " change" + (changes == 1 ? "" : "s") + " pending";
            }
            case SUCCEEDED -> "succeeded";
            case NOTHING_TO_DO -> "nothing to do";
            case FAILED -> "failed";
        };
    }

    private static void fact(Writer h, String name, String value) throws IOException {
        h.write("<div><dt>" + esc(name) + "</dt><dd>" + esc(value == null || value.isBlank() ? "–" : value) + "</dd></div>");
    }

    private static void home(Writer h, String name, String path, String version) throws IOException {
        h.write("<div class=\"wide\"><dt>" + esc(name) + (version == null ? "" : " (" + esc(version) + ")") + "</dt><dd><code>"
                + esc(path == null ? "–" : path) + "</code></dd></div>");
    }

    private static void error(RunReport r, Writer h) throws IOException {
        h.write("<section class=\"box error\"><h2>What went wrong</h2>\n<p class=\"err\"><b>[" + esc(r.error.code()) + "]</b></p>"
                + "<pre class=\"wrap\">" + esc(r.error.message()) + "</pre>\n");
        if (r.error.location() != null) {
            h.write("<p>At: <code>" + esc(r.error.location()) + "</code></p>\n");
        }
        if (r.error.hint() != null) {
            h.write("<p>Fix:</p><pre class=\"wrap\">" + esc(r.error.hint()) + "</pre>\n");
        }
        if (r.restore != null) {
            h.write("<p>Way back:</p><pre class=\"wrap\">" + esc(r.restore) + "</pre>\n");
        }
        h.write("</section>\n");
    }

    private static void next(RunReport r, Writer h) throws IOException {
        h.write("<section class=\"box next\"><h2>Next</h2>\n<pre class=\"cmd wrap\">" + esc(r.next.line) + "</pre>\n");
        if (!r.next.files.isEmpty()) {
            h.write("<p>Review first: ");
            for (int i = 0; i < r.next.files.size(); i++) {
                String f = r.next.files.get(i);
                h.write((i == 0 ? "" : ", ") + "<a href=\"" + esc(f) + "\">" + esc(f) + "</a>");
            }
            h.write(" &mdash; the patch holds " + r.next.patchedFiles + " file(s); apply it from the new home with "
                    + "<code>git apply</code> to try the changes without the plugin.</p>\n");
        }
        if (!r.next.notInPatch.isEmpty()) {
            h.write("<details><summary>" + r.next.notInPatch.size() + " change(s) not in plan.patch</summary><ul>\n");
            for (String n : r.next.notInPatch) {
                h.write("<li>" + esc(n) + "</li>\n");
            }
            h.write("</ul></details>\n");
        }
        h.write("</section>\n");
    }

    private static void manual(RunReport r, Writer h) throws IOException {
        List<ManualAction> manual = r.manualActions();
        if (manual.isEmpty()) {
            h.write("<p class=\"note\">Manual actions still open: none.</p>\n");
            return;
        }
        h.write("<section class=\"box manual\"><h2>Manual actions still open (" + manual.size() + ")</h2>\n<ol class=\"manual\">\n");
        for (ManualAction m : manual) {
            h.write("<li><span class=\"badge\">" + esc(m.stepId()) + "</span> " + esc(m.what()));
            if (m.where() != null && !m.where().isBlank()) {
                h.write("<br><span class=\"note\">where:</span> <code>" + esc(m.where()) + "</code>");
            }
            if (m.how() != null && !m.how().isBlank()) {
                h.write("<pre class=\"cmd wrap\">" + esc(m.how()) + "</pre>");
            }
            h.write("</li>\n");
        }
        h.write("</ol></section>\n");
    }

    private static void history(RunReport r, Writer h) throws IOException {
        h.write("<h2>Reports of earlier runs (newest first)</h2>\n<table><colgroup><col style=\"width:13em\"><col style=\"width:11em\">"
                + "<col style=\"width:9em\"><col style=\"width:7em\"><col></colgroup>\n"
                + "<tr><th>started</th><th>goal</th><th>outcome</th><th>took</th><th>report</th></tr>\n");
        for (RunReport.HistoryLine l : r.history) {
            h.write("<tr><td>" + esc(Times.local(l.started())) + "</td><td>" + esc(l.goal()) + (l.dryRun() ? " (dry run)" : "")
                    + "</td><td><span class=\"badge " + esc(l.outcome()) + "\">" + esc(l.outcome()) + "</span></td><td>"
                    + esc(Times.between(l.started(), l.finished())) + "</td><td>");
            for (int i = 0; i < l.where().size(); i++) {
                String w = l.where().get(i);
                h.write((i == 0 ? "" : "<br>") + "<a href=\"" + esc(java.nio.file.Path.of(w).toUri().toString()) + "\"><code>"
                        + esc(w) + "</code></a>");
            }
            h.write("</td></tr>\n");
        }
        h.write("</table>\n");
    }

    private static void steps(RunReport r, Writer h, boolean nodes) throws IOException {
        h.write("<h2>Steps</h2>\n<table class=\"steps\"><colgroup><col style=\"width:15em\">"
                + (nodes ? "<col style=\"width:8em\">" : "") + "<col style=\"width:7.5em\"><col></colgroup>\n<tr><th>step</th>"
                + (nodes ? "<th>node</th>" : "") + "<th>state</th><th>action</th></tr>\n");
        int i = 1;
        for (RunReport.StepEntry s : r.steps) {
            List<Row> rows = rows(r, s);
            String state = s.state();
            h.write("<tr class=\"first\"><td class=\"step\" rowspan=\"" + rows.size() + "\"><b>" + (i++) + ". " + esc(s.id)
                    + "</b><div class=\"title\">" + esc(s.title) + "</div><div class=\"meta\"><span class=\"badge " + esc(state)
                    + "\">" + esc(state) + "</span>");
            if (s.durationMillis != null) {
                h.write(" " + esc(Times.duration(s.durationMillis)));
            }
            if (s.rows != 0) {
                h.write("<br>" + String.format("%,d", s.rows) + " rows");
            }
            h.write("</div></td>");
            if (nodes) {
                h.write("<td rowspan=\"" + rows.size() + "\">" + esc(s.node) + "</td>");
            }
            for (int k = 0; k < rows.size(); k++) {
                if (k > 0) {
                    h.write("<tr>");
                }
                rows.get(k).write(h);
                h.write("</tr>\n");
            }
        }
        h.write("</table>\n");
    }

    /** One row of a step: a state cell and a content cell. */
    private interface Row {
        void write(Writer h) throws IOException;
    }

    private static List<Row> rows(RunReport r, RunReport.StepEntry s) {
        List<Row> rows = new java.util.ArrayList<>();
        String state = s.state();
        int total = s.actions.size() + s.fileGroups.size();
        // a succeeded step's results pair with its actions when the step reported one per action
        boolean paired = "SUCCEEDED".equals(s.stateAfter) && s.results.size() == total;
        int failedAt = failedIndex(s);
        int n = 0;
        for (RunReport.ActionLine a : s.actions) {
            String result = paired ? s.results.get(n) : null;
            String st = actionState(r, s, n, failedAt);
            rows.add(h -> {
                h.write(stateCell(st));
                h.write("<td>" + esc(a.summary()));
                if (result != null) {
                    h.write("<div class=\"result\">&#10003; " + esc(result) + "</div>");
                }
                details(a, h);
                h.write("</td>");
            });
            n++;
        }
        for (RunReport.FileGroup g : s.fileGroups) {
            String result = paired ? s.results.get(n) : null;
            String st = actionState(r, s, n, failedAt);
            rows.add(h -> {
                h.write(stateCell(st) + "<td>" + esc(String.format("copy %,d new file(s) (%,d bytes) into %s", g.count, g.bytes,
                        g.directory)) + " <span class=\"note\">(listed in <a href=\"" + esc(g.listedIn) + "\">" + esc(g.listedIn)
                        + "</a>)</span>");
                if (result != null) {
                    h.write("<div class=\"result\">&#10003; " + esc(result) + "</div>");
                }
                h.write("</td>");
            });
            n++;
        }
        if (!paired && !s.results.isEmpty()) {
            rows.add(h -> {
                h.write(stateCell("done") + "<td>");
                for (String x : s.results) {
                    h.write("<div class=\"result\">&#10003; " + esc(x) + "</div>");
                }
                h.write("</td>");
            });
        }
        if (s.error != null) {
            rows.add(h -> h.write(stateCell("failed") + "<td class=\"err\"><b>[" + esc(s.error.code()) + "]</b>"
                    + (s.failedAction == null ? "" : " during: " + esc(s.failedAction))
                    + "<pre class=\"wrap\">" + esc(s.error.message()) + "</pre>"
                    + (s.error.hint() == null ? "" : "<div>Fix:</div><pre class=\"wrap\">" + esc(s.error.hint()) + "</pre>")
                    + "</td>"));
        }
        if (!s.notes.isEmpty() || !s.warnings.isEmpty() || rows.isEmpty()) {
            rows.add(h -> {
                h.write("<td></td><td>");
                if (total == 0 && s.results.isEmpty() && s.error == null) {
                    h.write("<div class=\"note\">" + (isDone(state) ? "nothing to do in this run" : "no change planned") + "</div>");
                }
                for (String w : s.warnings) {
                    h.write("<div class=\"warn\">&#9888; " + esc(w) + "</div>");
                }
                for (String x : s.notes) {
                    h.write("<div class=\"note\">" + esc(x) + "</div>");
                }
                h.write("</td>");
            });
        }
        return rows;
    }

    /** The index of the action under way when the step failed (from its progress line), or -1. */
    private static int failedIndex(RunReport.StepEntry s) {
        if (s.failedAction == null) {
            return -1;
        }
        for (int k = 0; k < s.actions.size(); k++) {
            if (s.failedAction.equals(s.actions.get(k).summary())) {
                return k;
            }
        }
        return -1;
    }

    /**
     * An action's state: planned in a plan or dry run; done when its step succeeded in this run; in a failed step,
     * done before the action under way, failed at it and not run after it (unknown when the step did not say where).
     */
    private static String actionState(RunReport r, RunReport.StepEntry s, int index, int failedAt) {
        if (r.outcome == RunReport.Outcome.PLANNED || r.dryRun) {
            return "planned";
        }
        if ("SUCCEEDED".equals(s.stateAfter)) {
            return "done";
        }
        if ("FAILED".equals(s.stateAfter)) {
            if (failedAt < 0) {
                return "unknown";
            }
            return index < failedAt ? "done" : index == failedAt ? "failed" : "not-run";
        }
        return isDone(s.state()) ? "done" : "not-run";
    }

    private static String stateCell(String state) {
        String label = switch (state) {
            case "not-run" -> "not run";
            case "unknown" -> "not known";
            default -> state;
        };
        return "<td><span class=\"badge " + state + "\">" + label + "</span></td>";
    }

    private static void details(RunReport.ActionLine a, Writer h) throws IOException {
        String d = a.details();
        if (d == null || d.isBlank()) {
            return;
        }
        long lines = d.chars().filter(c -> c == '\n').count() + 1;
        boolean diff = d.startsWith("--- ") || d.startsWith("diff ");
        String what = diff ? "diff" : "FILE_WRITE".equals(a.kind()) ? "content" : "SQL".equals(a.kind()) ? "statements" : "details";
        h.write("<details" + (lines <= OPEN_DIFF_LINES ? " open" : "") + "><summary>" + what + " (" + lines + " lines)</summary>");
        h.write(diff ? "<pre class=\"diff\">" : "<pre>");
        int start = 0;
        while (start < d.length()) {
            int end = d.indexOf('\n', start);
            String line = end < 0 ? d.substring(start) : d.substring(start, end);
            start = end < 0 ? d.length() : end + 1;
            if (!diff) {
                h.write(esc(line) + "\n");
                continue;
            }
            String cls = line.startsWith("+++") || line.startsWith("---") ? "file" : line.startsWith("+") ? "add"
                    : line.startsWith("-") ? "del" : line.startsWith("@@") ? "hunk" : null;
            // each line stays one line of text: the redactor after this works line by line
            h.write(cls == null ? esc(line) + "\n" : "<span class=\"" + cls + "\">" + esc(line) + "</span>\n");
        }
        h.write("</pre></details>");
    }

    private static void preflight(RunReport r, Writer h) throws IOException {
        if (r.findings.isEmpty()) {
            return;
        }
        h.write("<h2>Preflight</h2><ul>\n");
        for (Finding f : r.findings) {
            h.write("<li class=\"" + (f.severity() == Finding.Severity.ERROR ? "err" : f.severity() == Finding.Severity.INFO ? "" : "warn")
                    + "\"><b>" + f.severity() + "</b> " + esc(f.describe()) + "</li>\n");
        }
        h.write("</ul>\n");
    }

    private static void datasources(RunReport r, Writer h) throws IOException {
        if (r.datasources.isEmpty()) {
            return;
        }
        h.write("<h2>Datasources</h2><table><colgroup><col style=\"width:8em\"><col style=\"width:10em\"><col>"
                + "<col style=\"width:8em\"><col style=\"width:7em\"><col></colgroup>\n<tr><th>role</th><th>name</th><th>URL</th>"
                + "<th>user</th><th>database</th><th>declared at</th></tr>\n");
        for (RunReport.DatasourceLine d : r.datasources) {
            h.write("<tr><td>" + esc(d.role()) + "</td><td>" + esc(d.name()) + "</td><td><code>" + esc(d.url()) + "</code></td><td>"
                    + esc(d.username()) + "</td><td>" + esc(d.dialect()) + "</td><td><code>" + esc(d.origin()) + "</code></td></tr>\n");
        }
        h.write("</table>\n");
    }

    static boolean isDone(String state) {
        return "SUCCEEDED".equals(state) || "MARKED_DONE".equals(state);
    }

    static String esc(String s) {
        return ReportWriter.esc(s);
    }
}
