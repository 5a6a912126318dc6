package io.github.apimupgrade.core.steps.backup;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.files.SafeFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip of the old home's data that the later steps read: Synapse configurations and deployed artifacts
 * (repository/deployment/server), tenants' directories (repository/tenants), the configuration, keystores and
 * the jars migrate-resources carries over. Paths inside the zip are relative to the old home, so
 * {@code unzip -o <zip> -d <oldHome>} puts every file back.
 */
public final class HomeArchive {
    /** What is archived, relative to a home; absent ones are skipped. */
    public static final List<String> SOURCES = List.of(
            "repository/deployment/server",
            "repository/tenants",
            "repository/conf",
            "repository/resources/security",
            "repository/components/lib",
            "repository/components/dropins",
            "bin/version.txt");

    private HomeArchive() {
    }

    /** The sources that exist in {@code home}. */
    public static List<String> present(Path home) {
        return SOURCES.stream().filter(s -> Files.exists(home.resolve(s))).toList();
    }

    public static BackupManifest.ArchiveRecord write(Path home, Path zip) {
        List<String> sources = present(home);
        int entries = 0;
        PrivateFiles.file(zip);
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(os)) {
            for (String source : sources) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(home.resolve(source))) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    ZipEntry e = new ZipEntry(home.relativize(f).toString().replace('\\', '/'));
                    e.setLastModifiedTime(Files.getLastModifiedTime(f));
                    out.putNextEntry(e);
                    Files.copy(f, out);
                    out.closeEntry();
                    entries++;
                }
            }
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.BACKUP_FAILED, "Archiving " + home + " into " + zip + " failed: " + e.getMessage(),
                    zip.toString(), "Check the backup directory's free space.", e);
        }
        try {
            return new BackupManifest.ArchiveRecord(zip.toAbsolutePath().toString(), Files.size(zip), SafeFiles.sha256(zip), entries,
                    new ArrayList<>(sources));
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.BACKUP_FAILED, "Cannot read " + zip + ": " + e.getMessage(), zip.toString(), null, e);
        }
    }
}
