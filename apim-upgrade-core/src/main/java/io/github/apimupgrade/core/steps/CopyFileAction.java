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
 * A differing target is kept as a timestamped backup first ({@link SafeFiles#copyWithBackup}). The plan knows the
 * copy by path, size and sha-256, never by its content; apply hashes the source while copying it and refuses a
 * source that changed since it was planned (so the source is read twice in all: to plan and to copy).
 *
 * @param source        the file to copy
 * @param target        where it goes
 * @param displaySource source as shown to humans (e.g. "[old] repository/components/lib/x.jar")
 * @param displayTarget target as shown to humans
 * @param size          source size in bytes when planned
 * @param sha256        source sha-256 when planned
 * @param replacedSha256 sha-256 of the differing target it replaces, or null when the target is new
 * @param reason        why it is copied ("JDBC driver org.postgresql.Driver"); may be null
 * @param directory     the copied tree (as shown) under which reports count a copy to a new target; null: the copy is
 *                      listed with its details
 */
public record CopyFileAction(Path source, Path target, String displaySource, String displayTarget, long size,
                             String sha256, String replacedSha256, String reason, String directory) implements PlannedAction {

    /**
     * Plans copying {@code source} to {@code target}; empty when the target already has the same bytes
     * (nothing to do: callers say so in the plan's notes). Hashes without a workspace: prefer
     * {@link #unlessIdentical(Workspace, Path, Path, String, String, String, String)} in step plans.
     */
    public static Optional<CopyFileAction> unlessIdentical(Path source, Path target, String displaySource,
                                                           String displayTarget, String reason) {
        return unlessIdentical(new Workspace(), source, target, displaySource, displayTarget, reason, null);
    }

    /**
     * Plans copying {@code source} to {@code target} as {@code workspace} sees them (an earlier step's planned write
     * or copy counts; unchanged files are hashed once per engine call); empty when the target already has the same
     * bytes.
     *
     * @param directory the copied tree under which reports count the copy when its target is new (null: listed)
     */
    public static Optional<CopyFileAction> unlessIdentical(Workspace workspace, Path source, Path target, String displaySource,
                                                           String displayTarget, String reason, String directory) {
        String sha = workspace.sha256(source).orElseThrow(() -> unreadable(source, new java.nio.file.NoSuchFileException(source.toString())));
        String targetSha = workspace.sha256(target).orElse(null);
        if (sha.equals(targetSha)) {
            return Optional.empty();
        }
        return Optional.of(new CopyFileAction(source, target, displaySource, displayTarget, size(source), sha, targetSha,
                reason, directory));
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

    /**
     * A copy of a tree's file to a new target is routine: reports count it under the tree (the list goes to files.txt).
     * Single copies (a JDBC driver, a keystore, with their reason) and copies replacing a differing file are listed.
     */
    @Override
    public String countedUnder() {
        return replacedSha256 == null ? directory : null;
    }

    @Override
    public ActionResult apply(StepContext context) {
        if (!Files.isRegularFile(source)) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "Planned copy source " + source + " no longer exists",
                    source.toString(), "Run the goal again so that it plans against the current files.");
        }
        Workspace workspace = context.workspace() != null ? context.workspace() : new Workspace();
        // unchanged since planned (size, time, inode): no read; the copy below hashes what it copies anyway
        String now = workspace.sha256(source).orElse(null);
        if (!sha256.equals(now)) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "File " + source + " changed after it was planned (sha-256 "
                    + sha256 + ", now " + now + ")", source.toString(), "Run the goal again so that it plans against the current files.");
        }
        if (Files.isRegularFile(target) && sha256.equals(workspace.sha256(target).orElse(null))) {
            return ActionResult.of(displayTarget + " already identical to " + displaySource + ": skipped");
        }
        Path backup = SafeFiles.copyWithBackup(source, target, sha256, context.clock());
        keepPermissions();
        String msg = "copied " + displaySource + " -> " + displayTarget
                + (backup == null ? "" : " (previous file kept as " + backup.getFileName() + ")");
        return new ActionResult(msg, 0, List.of());
    }

    /** Overlays a reference to the source for later dry-run plans: the content is read only if a later plan reads it. */
    @Override
    public java.util.List<Path> writes() {
        return java.util.List.of(target);
    }

    @Override
    public void simulate(Workspace workspace) {
        workspace.overlayCopy(target, source);
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
