package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationClientTest {
    @TempDir
    Path dir;

    private Path zip(String... nameAndText) throws Exception {
        Path zip = dir.resolve("client.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < nameAndText.length; i += 2) {
                z.putNextEntry(new ZipEntry(nameAndText[i]));
                z.write(nameAndText[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void zipWithoutTopDirectoryInstallsResourcesAndJar() throws Exception {
        Path zip = zip("migration-resources/migration-config.yaml", "migrationEnable: \"false\"\n",
                "migration-resources/5.10.0/dbscripts/step1/identity/h2.sql", "SELECT 1;\n",
                "dropins/org.wso2.carbon.is.migration-1.0.154.jar", "jar", "README.md", "read me");
        MigrationClient c = MigrationClient.open(zip, "p", "identity migration client");
        assertEquals(List.of("5.10.0/dbscripts/step1/identity/h2.sql", "migration-config.yaml"), c.resourceFiles());
        assertEquals(List.of("org.wso2.carbon.is.migration-1.0.154.jar"), c.jars());
        Path home = Files.createDirectories(dir.resolve("home"));
        c.installResources(home.resolve("migration-resources"), Clock.systemUTC());
        c.installJar(c.jars().get(0), home.resolve("repository/components/dropins"), Clock.systemUTC());
        assertEquals("SELECT 1;\n", Files.readString(home.resolve("migration-resources/5.10.0/dbscripts/step1/identity/h2.sql")));
        assertEquals("jar", Files.readString(home.resolve("repository/components/dropins/org.wso2.carbon.is.migration-1.0.154.jar")));
    }

    @Test
    void unpackedDirectoryOneLevelDownIsFound() throws Exception {
        Path root = Files.createDirectories(dir.resolve("download/wso2am-migration-4.1.0.30/migration-resources/rxts"));
        Files.writeString(root.resolve("api.rxt"), "<rxt/>");
        Path dropins = Files.createDirectories(dir.resolve("download/wso2am-migration-4.1.0.30/dropins"));
        Files.writeString(dropins.resolve("org.wso2.carbon.apimgt.migrate.client-4.1.0.30.jar"), "jar");
        MigrationClient c = MigrationClient.open(dir.resolve("download"), "p", "API-M migration client");
        assertEquals(List.of("rxts/api.rxt"), c.resourceFiles());
        assertEquals("<rxt/>", c.readResource("rxts/api.rxt"));
    }

    @Test
    void aZipWithoutJarIsNotAClient() throws Exception {
        Path zip = zip("migration-resources/migration-config.yaml", "x: 1\n");
        UpgradeException e = assertThrows(UpgradeException.class, () -> MigrationClient.open(zip, "apim.upgrade.identityMigrationClient", "identity migration client"));
        assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
        assertTrue(e.getMessage().contains("dropins/*.jar"), e.getMessage());
        assertEquals("apim.upgrade.identityMigrationClient", e.location());
    }

    @Test
    void entriesEscapingTheTargetAreRefused() throws Exception {
        Path zip = zip("migration-resources/../../evil.sh", "rm -rf /", "dropins/x.jar", "jar");
        MigrationClient c = MigrationClient.open(zip, "p", "client");
        Path target = Files.createDirectories(dir.resolve("home/migration-resources"));
        assertThrows(UpgradeException.class, () -> c.installResources(target, Clock.systemUTC()));
        assertFalse(Files.exists(dir.resolve("evil.sh")));
    }

    @Test
    void aMissingFileIsAUserError() {
        UpgradeException e = assertThrows(UpgradeException.class,
                () -> MigrationClient.open(dir.resolve("nope.zip"), "p", "client"));
        assertEquals(UpgradeException.Kind.USER, e.kind());
    }
}
