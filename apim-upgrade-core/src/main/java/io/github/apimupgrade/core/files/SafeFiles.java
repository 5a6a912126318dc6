package io.github.apimupgrade.core.files;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Set;

/**
 * File writes that never leave a half-written file: content goes to a temporary file in the same directory and
 * is moved into place; the previous file is kept as a timestamped backup next to it.
 */
public final class SafeFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SafeFiles() {
    }

    /** Backup name used for {@code file}: {@code <name>.apim-upgrade-<stamp>.bak}. */
    public static Path backupPath(Path file, Clock clock) {
        return file.resolveSibling(file.getFileName() + ".apim-upgrade-" + STAMP.format(clock.instant()) + ".bak");
    }

    /**
     * Writes {@code content} (UTF-8) to {@code file} atomically. If the file existed, its previous bytes are kept
     * as a backup first; returns that backup path, or null when there was no previous file.
     */
    public static Path writeWithBackup(Path file, String content, Clock clock) {
        return writeWithBackup(file, content.getBytes(StandardCharsets.UTF_8), clock);
    }

    public static Path writeWithBackup(Path file, byte[] content, Clock clock) {
        try {
            Path backup = null;
            Set<PosixFilePermission> perms = null;
            if (Files.exists(file)) {
                backup = uniqueBackup(file, clock);
                Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
                perms = posixPermissions(file);
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.write(tmp, content);
                if (perms != null) {
                    Files.setPosixFilePermissions(tmp, perms);
                }
                moveIntoPlace(tmp, file);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return backup;
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Could not write " + file + ": " + e.getMessage(),
                    file.toString(), "Check that the directory is writable and the disk is not full.", e);
        }
    }

    /** Copies {@code source} to {@code target} atomically, keeping permissions and times; backs up a different target. */
    public static Path copyWithBackup(Path source, Path target, Clock clock) {
        try {
            Path backup = null;
            if (Files.exists(target)) {
                backup = uniqueBackup(target, clock);
                Files.copy(target, backup, StandardCopyOption.COPY_ATTRIBUTES);
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                moveIntoPlace(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return backup;
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Could not copy " + source + " to " + target
                    + ": " + e.getMessage(), target.toString(), "Check permissions and free disk space.", e);
        }
    }

    /**
     * Like {@link #copyWithBackup(Path, Path, Clock)}, but reads the source once: its bytes are hashed while they are
     * copied into the temporary file, and nothing is moved into place (and no backup made) unless they have
     * {@code expectedSha256}, the hash the plan was made with. Permissions and modification time are kept.
     *
     * @return the backup of a previous target, or null
     * @throws UpgradeException PRECONDITION_FAILED when the source changed since it was planned
     */
    public static Path copyWithBackup(Path source, Path target, String expectedSha256, Clock clock) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                try (InputStream in = new java.security.DigestInputStream(Files.newInputStream(source), md)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                String actual = HexFormat.of().formatHex(md.digest());
                if (!actual.equals(expectedSha256)) {
                    throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "File " + source + " changed after it was planned (sha-256 "
                            + expectedSha256 + ", now " + actual + ")", source.toString(),
                            "Run the goal again so that it plans against the current files.");
                }
                Set<PosixFilePermission> perms = posixPermissions(source);
                if (perms != null) {
                    Files.setPosixFilePermissions(tmp, perms);
                }
                Files.setLastModifiedTime(tmp, Files.getLastModifiedTime(source));
                Path backup = null;
                if (Files.exists(target)) {
                    backup = uniqueBackup(target, clock);
                    Files.copy(target, backup, StandardCopyOption.COPY_ATTRIBUTES);
                }
                moveIntoPlace(tmp, target);
                return backup;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Could not copy " + source + " to " + target
                    + ": " + e.getMessage(), target.toString(), "Check permissions and free disk space.", e);
        }
    }

    private static Path uniqueBackup(Path file, Clock clock) {
        Path candidate = backupPath(file, clock);
        int i = 1;
        while (Files.exists(candidate)) {
            candidate = file.resolveSibling(backupPath(file, clock).getFileName() + "." + i++);
        }
        return candidate;
    }

    private static void moveIntoPlace(Path tmp, Path file) throws IOException {
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Set<PosixFilePermission> posixPermissions(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return null;
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
