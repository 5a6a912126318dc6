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

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.StandardCopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the reports of one run into the report directory (issue 18: reports that last):
 * <ul>
 *   <li>{@code report-<goal>-<UTC time>.json} and {@code .html} (e.g. {@code report-migrate-20261202T041500Z.html}),
 *       never overwriting an earlier run's (a second run in the same second gets {@code -2});</li>
 *   <li>{@code report.json} / {@code report.html}: the latest run's, replaced atomically;</li>
 *   <li>{@code plan.txt} (the plan with full diffs and SQL) and {@code files.txt} (routine copies), the latest run's;
 *       the dated {@code report-<goal>-<time>-files.txt} when the run counted copies;</li>
 *   <li>for a run that changes the installation, a copy of the dated files under the new home's
 *       {@code .apim-upgrade/reports/}, so the upgrade's history stays with the installation (a {@code mvn clean}
 *       removes target/).</li>
 * </ul>
 * Each file is written as it is produced (never built whole in memory), every line through the redactor, into a
 * temporary file that is then moved into place, so a reader never sees half a report.
 */
public final class ReportWriter {
    /** The full list of routine file actions the reports count per directory. */
    public static final String FILES = "files.txt";
    /** Under the new home: where applying runs keep their reports. */
    public static final String HOME_REPORTS = ".apim-upgrade/reports";

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
            .build();

    /** Something written to a report file as it is produced. */
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /** Where the run's reports went. */
    public record Written(Path json, Path html, Path datedJson, Path datedHtml, List<Path> homeCopies,
                          List<String> homeCopyProblems) {
    }

    private ReportWriter() {
    }

    /** Writes the reports into {@code directory} only; returns the latest JSON report's path. */
    public static Path write(RunReport report, Path directory, Clock clock) {
        return write(report, directory, List.of(), clock, java.util.function.UnaryOperator.identity()).json();
    }

    /** Writes the reports into {@code directory} only, each line passed through {@code redact}. */
    public static Path write(RunReport report, Path directory, Clock clock, java.util.function.UnaryOperator<String> redact) {
        return write(report, directory, List.of(), clock, redact).json();
    }

    /**
     * Writes the reports, each line passed through {@code redact} (secrets under any name, whatever a step put in);
     * each of {@code homeReports} (the new home's, or every visited node's in a distributed deployment; empty: none)
     * also gets the dated files.
     */
    public static Written write(RunReport report, Path directory, List<Path> homeReports, Clock clock,
                                java.util.function.UnaryOperator<String> redact) {
        try {
            Files.createDirectories(directory);
            java.time.Instant at = report.started != null ? report.started : clock.instant();
            String base = reserve(directory, homeReports, "report-" + safe(report.goal) + "-" + Times.stamp(at));
            report.reportFile = base;
            boolean counted = report.steps.stream().anyMatch(st -> !st.fileGroups.isEmpty());
            String filesName = base + "-files.txt";
            if (counted) {
                report.steps.forEach(st -> st.fileGroups.forEach(g -> g.listedIn = filesName));
            }
            Path datedJson = directory.resolve(base + ".json");
            Path datedHtml = directory.resolve(base + ".html");
            atomically(datedJson, redact, w -> JSON.writeValue(w, report));
            atomically(datedHtml, redact, w -> ReportHtml.write(report, w));
            List<Path> dated = new ArrayList<>(List.of(datedJson, datedHtml));
            if (counted) {
                Path datedFiles = directory.resolve(filesName);
                atomically(datedFiles, redact, w -> files(report, w));
                dated.add(datedFiles);
                copyAtomically(datedFiles, directory.resolve(FILES));
            } else {
                atomically(directory.resolve(FILES), redact, w -> files(report, w));
            }
            // the latest run's, for the links people keep: copies of the dated files, replaced atomically
            Path json = directory.resolve("report.json");
            Path html = directory.resolve("report.html");
            copyAtomically(datedJson, json);
            copyAtomically(datedHtml, html);
            atomically(directory.resolve("plan.txt"), redact, w -> PlanText.write(report, w));
            List<Path> homeCopies = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Path home : homeReports) {
                try {
                    homeCopies.add(copyToHome(dated, home));
                } catch (IOException e) {
                    problems.add("cannot keep a copy of the report in " + home + ": " + e);
                }
            }
            return new Written(json, html, datedJson, datedHtml, List.copyOf(homeCopies), List.copyOf(problems));
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot write the report to " + directory + ": "
                    + e.getMessage(), directory.toString(), "Check apim.upgrade.reportDirectory is writable.", e);
        }
    }

    /** The goal as it may appear in a file name. */
    static String safe(String goal) {
        return goal == null || goal.isBlank() ? "run" : goal.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /**
     * The first free name {@code base}, {@code base-2}, ... in the report directory and every home copy, reserved by creating the dated JSON
     * file (creation fails when it exists, so two runs in the same second never share a name).
     */
    private static String reserve(Path directory, List<Path> homeReports, String base) throws IOException {
        for (int n = 1; ; n++) {
            String name = n == 1 ? base : base + "-" + n;
            if (Files.exists(directory.resolve(name + ".html"))
                    || homeReports.stream().anyMatch(h -> Files.exists(h.resolve(name + ".json")))) {
                continue;
            }
            try {
                Files.createFile(directory.resolve(name + ".json"));
                return name;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // taken: try the next
            }
        }
    }

    /**
     * Copies the dated files under the new home. A report that cannot be kept there must not fail the run
     * (the upgrade's own outcome is what counts): it stays in the report directory, and the caller warns.
     */
    private static Path copyToHome(List<Path> dated, Path homeReports) throws IOException {
        Files.createDirectories(homeReports);
        for (Path f : dated) {
            Path target = homeReports.resolve(f.getFileName().toString());
            if (!Files.exists(target)) {
                copyAtomically(f, target);
            }
        }
        return homeReports.resolve(dated.get(1).getFileName().toString()); // the HTML: what a person opens
    }

    private static void copyAtomically(Path from, Path to) throws IOException {
        Path tmp = Files.createTempFile(to.toAbsolutePath().getParent(), "." + to.getFileName(), ".tmp");
        try {
            Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
            move(tmp, to);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void move(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes one file atomically, every line through {@code redact} (the plan files of a dry run). */
    public static void writeRedacted(Path file, java.util.function.UnaryOperator<String> redact, Content content) throws IOException {
        atomically(file, redact, content);
    }

    static void atomically(Path file, java.util.function.UnaryOperator<String> redact, Content content) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            try (Writer w = new RedactingWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), redact)) {
                content.writeTo(w);
            }
            move(tmp, file);
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
            ReportHtml.write(r, w);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
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
