package io.github.apimupgrade.core.report;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.files.SafeFiles;
import io.github.apimupgrade.core.steps.Finding;
import io.github.apimupgrade.core.steps.ManualAction;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.StandardCopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Writes report.json, report.html, plan.txt and files.txt into the report directory. Each is written as it is
 * produced (never built whole in memory) into a temporary file that is then moved into place, so a reader never
 * sees half a report. Routine copies are counted per directory in the first three and listed in files.txt.
 */
public final class ReportWriter {
    /** The full list of routine file actions the reports count per directory. */
    public static final String FILES = "files.txt";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
            .build();

    private interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private ReportWriter() {
    }

    /** Writes the four files; returns the JSON report's path. */
    public static Path write(RunReport report, Path directory, Clock clock) {
        return write(report, directory, clock, java.util.function.UnaryOperator.identity());
    }

    /** Writes the four files, each line passed through {@code redact} (secrets under any name, whatever a step put in). */
    public static Path write(RunReport report, Path directory, Clock clock, java.util.function.UnaryOperator<String> redact) {
        try {
            Files.createDirectories(directory);
            Path json = directory.resolve("report.json");
            // no backups of reports: they are build output, rewritten every run; every line passes the redactor
            atomically(json, redact, w -> JSON.writeValue(w, report));
            atomically(directory.resolve("report.html"), redact, w -> html(report, w));
            atomically(directory.resolve("plan.txt"), redact, w -> PlanText.write(report, w));
            atomically(directory.resolve(FILES), redact, w -> files(report, w));
            return json;
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot write the report to " + directory + ": "
                    + e.getMessage(), directory.toString(), "Check apim.upgrade.reportDirectory is writable.", e);
        }
    }

    private static void atomically(Path file, java.util.function.UnaryOperator<String> redact, Content content) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (Writer w = new RedactingWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), redact)) {
                content.writeTo(w);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** files.txt: every routine copy the reports count per directory, one per line. */
    static void files(RunReport r, Writer out) throws IOException {
        out.write("# Files copied (or, in a plan, to be copied) to targets that did not exist; report.html, report.json\n"
                + "# and plan.txt count them per directory. Columns (tab-separated): step, target, bytes, sha-256, source.\n");
        for (RunReport.StepEntry s : r.steps) {
            for (RunReport.FileGroup g : s.fileGroups) {
                out.write("\n# " + s.id + ": " + PlanText.describe(g) + "\n");
                for (String e : g.entries()) {
                    out.write(s.id);
                    out.write('\t');
                    out.write(e);
                    out.write('\n');
                }
            }
        }
    }

    static String html(RunReport r) {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            html(r, w);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
    }

    static void html(RunReport r, Writer h) throws IOException {
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>apim-upgrade ")
                .append(esc(r.goal)).append(" report</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}")
                .append(".SUCCEEDED,.MARKED_DONE{color:#070}.FAILED{color:#b00}.PENDING,.RUNNING{color:#a60}")
                .append("pre{background:#f6f6f6;padding:.5em;overflow:auto;font-size:.85em}</style></head><body>\n");
        h.append("<h1>apim-upgrade: ").append(esc(r.goal)).append(r.dryRun ? " (dry run)" : "").append("</h1>\n");
        h.append("<p>Path <b>").append(esc(r.path)).append("</b> &mdash; ").append(esc(r.guide)).append("<br>")
                .append("Old home: <code>").append(esc(r.oldHome)).append("</code> (").append(esc(r.fromVersion)).append(")<br>")
                .append("New home: <code>").append(esc(r.newHome)).append("</code> (").append(esc(r.toVersion)).append(")<br>")
                .append("Outcome: <b class=\"").append(String.valueOf(r.outcome)).append("\">").append(String.valueOf(r.outcome)).append("</b>")
                .append(" &mdash; ").append(esc(String.valueOf(r.started))).append(" to ").append(esc(String.valueOf(r.finished)))
                .append("</p>\n");
        if (r.error != null) {
            h.append("<h2>Error</h2><p class=\"FAILED\">[").append(esc(r.error.code())).append("] ")
                    .append(esc(r.error.message())).append("</p>");
            if (r.error.location() != null) h.append("<p>At: <code>").append(esc(r.error.location())).append("</code></p>");
            if (r.error.hint() != null) h.append("<p>Fix: ").append(esc(r.error.hint())).append("</p>");
            if (r.restore != null) h.append("<p>Way back: ").append(esc(r.restore)).append("</p>");
        }
        h.append("<h2>Datasources</h2><table><tr><th>role</th><th>name</th><th>URL</th><th>user</th><th>database</th><th>declared at</th></tr>\n");
        for (RunReport.DatasourceLine d : r.datasources) {
            h.append("<tr><td>").append(esc(d.role())).append("</td><td>").append(esc(d.name())).append("</td><td><code>")
                    .append(esc(d.url())).append("</code></td><td>").append(esc(d.username())).append("</td><td>")
                    .append(esc(d.dialect())).append("</td><td>").append(esc(d.origin())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (!r.findings.isEmpty()) {
            h.append("<h2>Preflight</h2><ul>\n");
            for (Finding f : r.findings) {
                h.append("<li class=\"").append(f.severity() == Finding.Severity.ERROR ? "FAILED" : "").append("\">")
                        .append(String.valueOf(f.severity())).append(": ").append(esc(f.describe())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<h2>Steps</h2><table><tr><th>#</th><th>step</th><th>state</th><th>what</th><th>time</th><th>rows</th></tr>\n");
        int i = 1;
        for (RunReport.StepEntry s : r.steps) {
            String state = s.stateAfter != null ? s.stateAfter : s.stateBefore;
            h.append("<tr><td>").append(String.valueOf(i++)).append("</td><td><b>").append(esc(s.id)).append("</b><br>").append(esc(s.title))
                    .append("</td><td class=\"").append(state).append("\">").append(state).append("</td><td>");
            for (RunReport.ActionLine a : s.actions) {
                h.append(esc(a.summary())).append("<br>");
                if (a.details() != null && !a.details().isBlank()) {
                    h.append("<details><summary>details</summary><pre>").append(esc(a.details())).append("</pre></details>");
                }
            }
            for (RunReport.FileGroup g : s.fileGroups) {
                h.append(esc(String.format("copy %,d new file(s) (%,d bytes) into %s", g.count, g.bytes, g.directory)))
                        .append(" (listed in <a href=\"").append(esc(g.listedIn)).append("\">").append(esc(g.listedIn)).append("</a>)<br>");
            }
            for (String x : s.results) {
                h.append("&#10003; ").append(esc(x)).append("<br>");
            }
            for (String n : s.notes) {
                h.append("<i>").append(esc(n)).append("</i><br>");
            }
            for (String w : s.warnings) {
                h.append("<span class=\"PENDING\">warning: ").append(esc(w)).append("</span><br>");
            }
            if (s.error != null) {
                h.append("<span class=\"FAILED\">[").append(esc(s.error.code())).append("] ").append(esc(s.error.message())).append("</span>");
            }
            h.append("</td><td>").append(s.durationMillis == null ? "" : String.format("%.1f s", s.durationMillis / 1000.0))
                    .append("</td><td>").append(s.rows == 0 ? "" : String.valueOf(s.rows)).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Manual actions still required</h2>\n");
        if (r.manualActions().isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<ol>\n");
            for (ManualAction m : r.manualActions()) {
                h.append("<li><b>").append(esc(m.stepId())).append("</b>: ").append(esc(m.what()));
                if (m.where() != null) h.append(" <code>").append(esc(m.where())).append("</code>");
                if (m.how() != null) h.append("<br><code>").append(esc(m.how())).append("</code>");
                h.append("</li>\n");
            }
            h.append("</ol>\n");
        }
        h.append("</body></html>\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String sha(String s) {
        return SafeFiles.sha256(s);
    }
}
