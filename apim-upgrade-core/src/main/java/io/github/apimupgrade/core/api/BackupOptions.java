package io.github.apimupgrade.core.api;

import java.nio.file.Path;

/**
 * How the upgrade is backed up before its first change and how a restore is confirmed (issue 16).
 *
 * @param directory        where dumps, archives and the manifest go ({@code backupDirectory}); never inside a home
 * @param mode             {@code DUMP}: the plugin dumps every database; {@code EXTERNAL}: the operator took snapshots
 * @param reference        the operator's statement for {@code EXTERNAL} (snapshot id, ticket), kept in the report
 * @param exportsConfirmed the operator ran the reported export commands for Oracle / SQL Server / DB2 databases
 * @param restoreConfirmed the restore goal may empty the databases and load the recorded dumps
 */
public record BackupOptions(Path directory, Mode mode, String reference, boolean exportsConfirmed,
                            boolean restoreConfirmed) {

    /** The {@code backup} parameter's values. */
    public enum Mode { DUMP, EXTERNAL }

    public BackupOptions {
        mode = mode == null ? Mode.DUMP : mode;
        reference = reference == null || reference.isBlank() ? null : reference.strip();
    }

    public static BackupOptions defaults() {
        return new BackupOptions(null, Mode.DUMP, null, false, false);
    }

    /** "dump" / "external" (case-insensitive); anything else is a user error naming the parameter. */
    public static Mode mode(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("dump")) {
            return Mode.DUMP;
        }
        if (value.strip().equalsIgnoreCase("external")) {
            return Mode.EXTERNAL;
        }
        throw UpgradeException.user(ErrorCode.BACKUP_REQUIRED, "Unknown backup mode '" + value + "'.", "apim.upgrade.backup",
                "Use backup=dump (the plugin dumps every database) or backup=external with backupReference=<your snapshot id>.");
    }
}
