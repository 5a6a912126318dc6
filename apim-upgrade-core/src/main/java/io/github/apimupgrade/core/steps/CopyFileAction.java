package io.github.apimupgrade.core.steps;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.files.SafeFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Copies one file (any content: jars, keystores, XML) into place atomically, keeping its permissions and times.
 * A differing target is kept as a timestamped backup first ({@link SafeFiles#copyWithBackup}). The plan shows
 * source, target, size and sha-256; apply refuses a source that changed since it was planned.
 *
 * @param source        the file to copy
 * @param target        where it goes
 * @param displaySource source as shown to humans (e.g. "[old] repository/components/lib/x.jar")
 * @param displayTarget target as shown to humans
 * @param size          source size in bytes when planned
 * @param sha256        source sha-256 when planned
 * @param replacedSha256 sha-256 of the differing target it replaces, or null when the target is new
 * @param reason        why it is copied ("JDBC driver org.postgresql.Driver"); may be null
 */
public record CopyFileAction(Path source, Path target, String displaySource, String displayTarget, long size,
                             String sha256, String replacedSha256, String reason) implements PlannedAction {

    /**
     * Plans copying {@code source} to {@code target}; empty when the target already has the same bytes
     * (nothing to do: callers say so in the plan's notes).
     */
    public static Optional<CopyFileAction> unlessIdentical(Path source, Path target, String displaySource,
                                                           String displayTarget, String reason) {
        String sha = sha(source);
        String targetSha = Files.isRegularFile(target) ? sha(target) : null;
        if (sha.equals(targetSha)) {
            return Optional.empty();
        }
        return Optional.of(new CopyFileAction(source, target, displaySource, displayTarget, size(source), sha, targetSha, reason));
    }

    /** True when {@code target} exists with the same bytes as {@code source}. */
    public static boolean identical(Path source, Path target) {
        return Files.isRegularFile(target) && Files.isRegularFile(source) && sha(source).equals(sha(target));
    }

    @Override
    public Kind kind() {
        return Kind.FILE_COPY;
    }

    @Override
    public String summary() {
        return "copy " + displaySource + " -> " + displayTarget + " (" + size + " bytes"
                + (replacedSha256 == null ? "" : ", replaces a differing file, backup kept") + ")";
    }

    @Override
    public String details() {
        StringBuilder sb = new StringBuilder();
        sb.append("source: ").append(source).append('\n');
        sb.append("target: ").append(target).append('\n');
        sb.append("size:   ").append(size).append(" bytes\n");
        sb.append("sha-256: ").append(sha256).append('\n');
        if (replacedSha256 != null) {
            sb.append("replaces target with sha-256 ").append(replacedSha256).append(" (kept as a .bak backup)\n");
        }
        if (reason != null && !reason.isBlank()) {
            sb.append("why:    ").append(reason).append('\n');
        }
        return sb.toString();
    }

    @Override
    public ActionResult apply(StepContext context) {
        if (!Files.isRegularFile(source)) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "Planned copy source " + source + " no longer exists",
                    source.toString(), "Run the goal again so that it plans against the current files.");
        }
        String now = sha(source);
        if (!now.equals(sha256)) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "File " + source + " changed after it was planned (sha-256 "
                    + sha256 + ", now " + now + ")", source.toString(), "Run the goal again so that it plans against the current files.");
        }
        if (Files.isRegularFile(target) && now.equals(sha(target))) {
            return ActionResult.of(displayTarget + " already identical to " + displaySource + ": skipped");
        }
        Path backup = SafeFiles.copyWithBackup(source, target, context.clock());
        keepPermissions();
        String msg = "copied " + displaySource + " -> " + displayTarget
                + (backup == null ? "" : " (previous file kept as " + backup.getFileName() + ")");
        return new ActionResult(msg, 0, List.of());
    }

    /** Overlays the copied text for later dry-run plans (Workspace falls back to ISO-8859-1 for binary files). */
    @Override
    public java.util.List<Path> writes() {
        return java.util.List.of(target);
    }

    @Override
    public void simulate(Workspace workspace) {
        workspace.overlay(target, workspace.read(source).orElse(""));
    }

    /** POSIX permissions of the source, as text (rwxr-x---), or null on non-POSIX file systems. */
    public static String permissions(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException | IOException e) {
            return null;
        }
    }

    // copyWithBackup copies attributes; set the mode again in case the file system dropped it on the move.
    private void keepPermissions() {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(source);
            Files.setPosixFilePermissions(target, perms);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to keep
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Copied " + target + " but could not set its permissions: "
                    + e.getMessage(), target.toString(), "Check the ownership of " + target.getParent(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static String sha(Path file) {
        try {
            return SafeFiles.sha256(file);
        } catch (java.io.UncheckedIOException e) {
            throw unreadable(file, e.getCause());
        }
    }

    private static UpgradeException unreadable(Path file, IOException e) {
        return UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot read " + file + ": " + e.getMessage(), file.toString(),
                "Check that the file is readable by the user running the upgrade.", e);
    }
}
