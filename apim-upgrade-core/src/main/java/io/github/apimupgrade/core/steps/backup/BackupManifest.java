package io.github.apimupgrade.core.steps.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.files.SafeFiles;
import io.github.apimupgrade.core.journal.JournalFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the backup step took: every dump and archive with its size, sha-256, tool version and restore command,
 * the operator's external reference, and the counts the verify step compares against. Written into the backup
 * run's directory and, as the journal's record of it, to {@code <newHome>/.apim-upgrade/backup.json} (metadata
 * only: no data, no secrets).
 */
public record BackupManifest(Instant created, String path, String oldHome, String mode, String reference,
                             String directory, List<DumpRecord> dumps, List<ArchiveRecord> archives,
                             Map<String, Long> inventory) {

    public static final String JOURNAL_NAME = "backup.json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /**
     * One database's dump.
     *
     * @param format        pg_dump, mysqldump, h2-script, jdbc-export, or vendor-export (taken by the operator)
     * @param file          the dump (null for vendor-export)
     * @param tableCounts   rows per table of the live database when it was dumped
     * @param checked       how the dump was read back and what it gave
     */
    public record DumpRecord(String database, List<String> roles, String dialect, String url, String username,
                             String format, String file, long sizeBytes, String sha256, String toolVersion,
                             String restoreCommand, Map<String, Long> tableCounts, String checked) {
    }

    public record ArchiveRecord(String file, long sizeBytes, String sha256, int entries, List<String> sources) {
    }

    public static Path journalFile(Path newHome) {
        return JournalFile.location(newHome).getParent().resolve(JOURNAL_NAME);
    }

    public static Optional<BackupManifest> read(Path newHome) {
        Path f = journalFile(newHome);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(f.toFile(), BackupManifest.class));
        } catch (IOException e) {
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE, "The backup record " + f + " cannot be read: " + e.getMessage(),
                    f.toString(), "Copy it back from the backup directory's manifest.json.", e);
        }
    }

    /** Writes manifest.json into the run directory (600) and the journal's copy. */
    public void write(Path runDirectory, Path newHome) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(this);
            Path inRun = PrivateFiles.file(runDirectory.resolve("manifest.json"));
            Files.write(inRun, bytes);
            SafeFiles.writeWithBackup(journalFile(newHome), bytes, java.time.Clock.systemUTC());
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.BACKUP_FAILED, "Cannot write the backup manifest: " + e.getMessage(),
                    runDirectory.toString(), "Check the backup directory and the new home are writable.", e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
