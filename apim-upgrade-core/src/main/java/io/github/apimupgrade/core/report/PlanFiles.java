package io.github.apimupgrade.core.report;

import io.github.apimupgrade.core.db.dialect.SqlStatement;
import io.github.apimupgrade.core.files.UnifiedDiff;
import io.github.apimupgrade.core.steps.CopyFileAction;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.steps.db.ScriptPlan;
import io.github.apimupgrade.core.steps.db.SqlScriptAction;
import io.github.apimupgrade.core.steps.server.DeletePathsAction;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a dry run leaves besides the report (issue 18): {@value #PATCH}, one patch of every text file the run would
 * change, from the files as they are now to the files as the run leaves them, applied from the new home
 * ({@code cd <new home> && git apply --check plan.patch}); and {@code plan-<roles>-<datasource>.sql} per database, the
 * statements of the plugin's own SQL scripts exactly as the run sends them, in order, with the dialect's terminators.
 * <p>
 * Secrets never reach either file. A patch with a masked value would not apply, so a file whose patch the redactor
 * would change (a password, a key, a registered secret under any name) is left out whole and named in the patch's
 * header; plan.txt shows its masked diff, and migrate writes it. A statement that holds a secret is written masked, with
 * a comment saying so. What a patch cannot carry (binary copies, migration clients, server runs, removals of existing
 * files, files outside the new home) is listed in the header too. The header lines are text before the first
 * {@code diff --git}, which git apply skips.
 */
public final class PlanFiles {
    public static final String PATCH = "plan.patch";
    /** Text files larger than this are not put into the patch (a copied log or dump); they are named instead. */
    private static final long MAX_TEXT = 4L * 1024 * 1024;

    private final Path root;
    private final Map<Path, FileState> files = new LinkedHashMap<>();
    /** Paths written by actions that are no text write (copies of binaries, installed clients, moves). */
    private final List<Path> otherWrites = new ArrayList<>();
    private final Set<String> notes = new java.util.LinkedHashSet<>();
    private final Map<String, DatabaseSql> sql = new LinkedHashMap<>();
    private long countedCopies;
    private int serverRuns;

    private static final class FileState {
        final String rel;
        final String original; // on disk when planned; null: absent
        String current;        // as the run leaves it; null: removed
        String omitted;        // why the file is not in the patch

        FileState(String rel, String original) {
            this.rel = rel;
            this.original = original;
            this.current = original;
        }
    }

    private record Script(String stepId, SqlScriptAction action) {
    }

    private static final class DatabaseSql {
        final String label;
        final String dialect;
        final List<Script> scripts = new ArrayList<>();
        long statements;

        DatabaseSql(String label, String dialect) {
            this.label = label;
            this.dialect = dialect;
        }
    }

    /** What the files hold, for the report and the dry run's last line. */
    public record Summary(List<String> written, int patchedFiles, List<String> notInPatch, long statements,
                          List<String> databases, int serverRuns) {
    }

    /** @param newHome the directory the patch is applied in (its paths are relative to it) */
    public PlanFiles(Path newHome) {
        this.root = newHome.toAbsolutePath().normalize();
    }

    /** Takes one planned action of a pending step, in plan order (after the step's earlier actions). */
    public void add(String stepId, PlannedAction a) {
        if (a instanceof ScriptPlan sp) {
            SqlScriptAction s = sp.scriptAction();
            sql.computeIfAbsent(s.databaseFileName(), k -> new DatabaseSql(s.databaseLabel(), s.dialectId()))
                    .scripts.add(new Script(stepId, s));
            sql.get(s.databaseFileName()).statements += s.statements().size();
            return;
        }
        if (a.kind() == PlannedAction.Kind.SERVER_RUN) {
            serverRuns++;
            notes.add("server run (its migration client changes the databases itself): " + a.summary());
            return;
        }
        if (a.kind() == PlannedAction.Kind.DATA_UPDATE || a.kind() == PlannedAction.Kind.SQL) {
            notes.add("database change that is no SQL script (see plan.txt): " + a.summary());
            return;
        }
        if (a instanceof WriteFileAction w) {
            write(w.file(), w.before(), w.after(), a);
            return;
        }
        if (a instanceof CopyFileAction c && c.countedUnder() == null) {
            String text = text(c.source());
            if (text != null) {
                write(c.target(), null, text, a);
                return;
            }
        }
        if (a instanceof CopyFileAction c && c.countedUnder() != null) {
            countedCopies++;
            otherWrites.add(abs(c.target()));
            return;
        }
        if (a instanceof DeletePathsAction d) {
            for (Path p : d.paths()) {
                Path q = abs(p);
                for (FileState f : files.values()) {
                    if (abs(root.resolve(f.rel)).startsWith(q)) {
                        f.current = null;
                    }
                }
                if (Files.exists(q) && !writtenByOther(q) && files.values().stream().noneMatch(f -> abs(root.resolve(f.rel)).equals(q))) {
                    notes.add("removed by the run: " + display(q));
                }
            }
            return;
        }
        for (Path p : a.writes()) {
            Path q = abs(p);
            otherWrites.add(q);
            for (FileState f : files.values()) {
                if (abs(root.resolve(f.rel)).startsWith(q) && f.omitted == null) {
                    f.omitted = "also written by \"" + a.summary() + "\"";
                }
            }
        }
        if (a.kind() != PlannedAction.Kind.CHECK) {
            notes.add("binary or not a file in the new home: " + a.summary());
        }
    }

    private void write(Path file, String expectedBefore, String after, PlannedAction a) {
        Path p = abs(file);
        FileState f = files.get(p);
        if (f == null) {
            if (!p.startsWith(root)) {
                notes.add("outside the new home: " + a.summary() + " (" + p + ")");
                return;
            }
            String disk = null;
            String why = null;
            if (Files.isRegularFile(p)) {
                disk = text(p);
                if (disk == null) {
                    why = "not UTF-8 text, or larger than " + (MAX_TEXT >> 20) + " MiB";
                }
            }
            f = new FileState(root.relativize(p).toString().replace('\\', '/'), disk);
            f.omitted = why;
            if (why == null && writtenByOther(p)) {
                f.omitted = "its text comes from an earlier action of the run that a patch cannot carry";
            } else if (why == null && expectedBefore != null && !expectedBefore.equals(disk == null ? "" : disk)) {
                f.omitted = "an earlier action of the run changes it first";
            }
            files.put(p, f);
        }
        f.current = after;
    }

    private boolean writtenByOther(Path p) {
        return otherWrites.stream().anyMatch(p::startsWith);
    }

    private Path abs(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private String display(Path p) {
        return p.startsWith(root) ? root.relativize(p).toString().replace('\\', '/') : p.toString();
    }

    /** The file's text when it is valid UTF-8 without NUL bytes and not too large; otherwise null. */
    private static String text(Path p) {
        try {
            if (!Files.isRegularFile(p) || Files.size(p) > MAX_TEXT) {
                return null;
            }
            byte[] bytes = Files.readAllBytes(p);
            for (byte b : bytes) {
                if (b == 0) {
                    return null;
                }
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Writes plan.patch and the SQL files into {@code dir} (removing the SQL files of an earlier plan there), each
     * line through {@code redact}; {@code title} heads each file ("dry run of migrate, 2.6.0 -> 4.1.0").
     */
    public Summary write(Path dir, String title, UnaryOperator<String> redact, Writers writers) throws IOException {
        List<String> written = new ArrayList<>();
        // patches first: the header names the files left out, so each file's patch is decided before writing
        Map<String, String> patches = new LinkedHashMap<>();
        List<String> left = new ArrayList<>();
        for (FileState f : files.values()) {
            if (Objects.equals(f.original, f.current)) {
                continue;
            }
            if (f.omitted != null) {
                if (f.original != null || f.current != null) {
                    left.add(f.rel + ": " + f.omitted);
                }
                continue;
            }
            String patch = UnifiedDiff.gitPatch(f.rel, f.original, f.current);
            if (!redact.apply(patch).equals(patch) || patch.lines().anyMatch(l -> !redact.apply(l).equals(l))) {
                // the whole text and each line: the report writer redacts line by line, a pattern may span lines
                left.add(f.rel + ": holds a secret (a password, key or token), which a patch would carry in clear; "
                        + "plan.txt shows its masked diff and migrate writes it");
                continue;
            }
            patches.put(f.rel, patch);
        }
        List<String> notInPatch = new ArrayList<>(left);
        if (countedCopies > 0) {
            notInPatch.add(String.format("%,d routine file copies (listed in %s)", countedCopies, ReportWriter.FILES));
        }
        notInPatch.addAll(notes);
        writers.write(dir.resolve(PATCH), w -> {
            w.write("# apim-upgrade " + title + ": the text files the run would change, as a patch.\n");
            w.write("# Paths are relative to the new home " + root + "; check (and apply, without --check) from there:\n");
            w.write("#   cd " + root + " && GIT_DIR=/dev/null git apply --check " + dir.toAbsolutePath().normalize().resolve(PATCH) + "\n");
            w.write("# (GIT_DIR=/dev/null: the paths stay relative to the new home even when it is inside a git work tree,\n");
            w.write("# where git apply would otherwise read them from the work tree's top and skip them.)\n");
            w.write("# " + patches.size() + " file(s) in this patch.\n");
            if (!notInPatch.isEmpty()) {
                w.write("# Not in this patch (mvn apim-upgrade:migrate does these; plan.txt lists every change):\n");
                for (String n : notInPatch) {
                    w.write("#   - " + n.replace('\n', ' ') + "\n");
                }
            }
            for (String p : patches.values()) {
                w.write(p);
            }
        });
        written.add(PATCH);

        Set<String> sqlFiles = new HashSet<>();
        long statements = 0;
        List<String> databases = new ArrayList<>();
        for (Map.Entry<String, DatabaseSql> e : sql.entrySet()) {
            DatabaseSql db = e.getValue();
            if (db.statements == 0) {
                continue;
            }
            String name = "plan-" + e.getKey().replaceAll("[^A-Za-z0-9_.+-]", "_") + ".sql";
            sqlFiles.add(name);
            writers.write(dir.resolve(name), w -> sql(db, title, redact, w));
            written.add(name);
            statements += db.statements;
            databases.add(db.label);
        }
        // SQL files of an earlier plan in the same directory would be read as this plan's
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "plan-*.sql")) {
            for (Path p : old) {
                if (!sqlFiles.contains(p.getFileName().toString())) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return new Summary(written, patches.size(), notInPatch, statements, databases, serverRuns);
    }

    private static void sql(DatabaseSql db, String title, UnaryOperator<String> redact, Writer w) throws IOException {
        w.write("-- apim-upgrade " + title + ": the statements the plugin runs on " + db.label + " (" + db.dialect
                + "), in order, exactly as it sends them.\n");
        w.write("-- Each script is recorded in APIM_UPGRADE_HISTORY and skipped when already applied; the migration clients'\n");
        w.write("-- own SQL runs inside the server runs and is not listed here.\n");
        for (Script s : db.scripts) {
            SqlScriptAction a = s.action();
            w.write("\n-- step " + s.stepId() + ": " + a.script().id() + " (sha-256 " + a.script().sha256() + "), "
                    + a.statements().size() + " statement(s)\n");
            int i = 1;
            for (SqlStatement st : a.statements()) {
                String text = st.text();
                String masked = redact.apply(text);
                if (!masked.equals(text)) {
                    // no "secret:" here: the redactor would take the next word for its value
                    w.write("-- statement " + i + " is masked here (****) because it holds a secret; the run sends the real value\n");
                }
                w.write(terminated(db.dialect, masked));
                i++;
            }
        }
    }

    /** The statement with the terminator its database's own client reads (a block keeps its inner semicolons). */
    static String terminated(String dialect, String statement) {
        String s = statement.strip();
        boolean block = s.contains(";");
        return switch (dialect) {
            case "oracle" -> block ? s + "\n/\n" : s + ";\n";
            case "mysql", "mariadb" -> block ? "DELIMITER $$\n" + s + "$$\nDELIMITER ;\n" : s + ";\n";
            case "db2" -> block ? "--#SET TERMINATOR @\n" + s + "@\n--#SET TERMINATOR ;\n" : s + ";\n";
            case "sqlserver", "mssql" -> s + "\nGO\n";
            default -> s + ";\n";
        };
    }

    /** How the files are written (the report writer's atomic, redacting writer). */
    @FunctionalInterface
    public interface Writers {
        void write(Path file, Body body) throws IOException;
    }

    @FunctionalInterface
    public interface Body {
        void writeTo(Writer w) throws IOException;
    }
}
