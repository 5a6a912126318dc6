package io.github.apimupgrade.core.steps.backup;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The vendor tools (pg_dump, psql, mariadb-dump, mysqldump, mariadb, mysql) as found on the PATH, and how they
 * are run: passwords only through the environment or a defaults file, never on the command line; stderr kept
 * for the error message (the caller redacts it).
 */
public final class Tools {
    private final Function<String, Optional<Path>> finder;

    private Tools(Function<String, Optional<Path>> finder) {
        this.finder = finder;
    }

    /** Tools on this process's PATH. */
    public static Tools onPath() {
        return new Tools(Tools::searchPath);
    }

    /** No tool at all: every database gets the JDBC export (tests, and machines without client tools). */
    public static Tools none() {
        return new Tools(name -> Optional.empty());
    }

    public Optional<Path> find(String name) {
        return finder.apply(name);
    }

    /** The first of the names that is on the PATH. */
    public Optional<Path> first(List<String> names) {
        for (String n : names) {
            Optional<Path> p = find(n);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> searchPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String candidate : windows ? List.of(name + ".exe", name) : List.of(name)) {
                Path p = Path.of(dir, candidate);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** "pg_dump (PostgreSQL) 15.20": the first line of {@code tool --version}. */
    public static String version(Path tool) {
        try {
            Process p = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(30, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse(tool.getFileName().toString());
        } catch (IOException e) {
            return tool.getFileName() + " (version unknown: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return tool.getFileName() + " (version unknown)";
        }
    }

    /**
     * Runs a tool to completion.
     *
     * @param stdin  file fed to its standard input, or null
     * @param stdout file its standard output goes to, or null (discarded)
     * @return stderr's last lines; a non-zero exit throws with them
     */
    public static String run(List<String> command, Map<String, String> env, Path stdin, Path stdout, Path errFile,
                             Duration timeout, String what) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectError(errFile.toFile());
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(nullFile()) : ProcessBuilder.Redirect.from(stdin.toFile()));
        pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        try {
            Process p = pb.start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw UpgradeException.environment(ErrorCode.BACKUP_FAILED, what + " did not finish within "
                        + timeout.toMinutes() + " min and was stopped.", command.get(0), "Run it by hand (see the report) or use backup=external.", null);
            }
            String err = tail(errFile);
            if (p.exitValue() != 0) {
                throw UpgradeException.environment(ErrorCode.BACKUP_FAILED, what + " failed (exit " + p.exitValue() + "): " + err,
                        command.get(0), "Fix the cause shown, or take the backup yourself and run with backup=external "
                                + "and backupReference=<its id>.", null);
            }
            return err;
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.BACKUP_FAILED, what + " could not be started: " + e.getMessage(),
                    command.get(0), "Check that the tool is installed and executable.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UpgradeException.environment(ErrorCode.BACKUP_FAILED, what + " was interrupted.", command.get(0), null, e);
        } finally {
            try {
                Files.deleteIfExists(errFile);
            } catch (IOException ignored) {
                // a leftover stderr file in the 700 backup directory is harmless
            }
        }
    }

    private static File nullFile() {
        return new File(System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win") ? "NUL" : "/dev/null");
    }

    private static String tail(Path f) throws IOException {
        if (!Files.exists(f)) {
            return "";
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size())).strip();
    }
}
