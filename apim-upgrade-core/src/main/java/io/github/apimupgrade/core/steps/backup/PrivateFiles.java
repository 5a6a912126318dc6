package io.github.apimupgrade.core.steps.backup;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Backup directories (700) and files (600) readable by the user only: dumps hold every password hash and key. */
public final class PrivateFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates the directory and its missing parents' last level as 700 (an existing one is tightened to 700). */
    public static Path directory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (POSIX) {
                Files.setPosixFilePermissions(dir, DIR);
            }
            return dir;
        } catch (IOException e) {
            throw UpgradeException.user(ErrorCode.BACKUP_FAILED, "Cannot create the backup directory " + dir + ": " + e.getMessage(),
                    "apim.upgrade.backupDirectory", "Choose a writable directory outside both API Manager homes.", e);
        }
    }

    /** An empty 600 file, created before anything is written to it (a tool then writes into it). */
    public static Path file(Path file) {
        try {
            Files.deleteIfExists(file);
            if (POSIX) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(file);
            }
            return file;
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.BACKUP_FAILED, "Cannot create " + file + ": " + e.getMessage(),
                    file.toString(), "Check the backup directory's free space and permissions.", e);
        }
    }

    /** Tightens a file a tool created (H2's SCRIPT TO) to 600. */
    public static void restrict(Path file) {
        try {
            if (POSIX && Files.exists(file)) {
                Files.setPosixFilePermissions(file, FILE);
            }
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.BACKUP_FAILED, "Cannot restrict " + file + " to its owner: " + e.getMessage(),
                    file.toString(), "Check the backup directory's file system.", e);
        }
    }

    public static String describe(Path p) {
        try {
            return POSIX ? PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) : "n/a";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
