package io.github.apimupgrade.core.steps.path31;

import io.github.apimupgrade.core.api.UpgradeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OsgiBundleWrapperTest {

    @TempDir
    Path tmp;

    /** The real PostgreSQL driver jar (a plain jar as operators drop it into repository/components/lib). */
    static Path postgresDriverJar(Path dir) throws Exception {
        Path source = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.copy(source, dir.resolve("postgresql-42.7.4.jar"));
    }

    @Test
    void wrapsAJdbcDriverWithEveryPackageExportedAndDynamicImports() throws Exception {
        Path jar = postgresDriverJar(tmp);

        OsgiBundleWrapper.Bundle bundle = OsgiBundleWrapper.wrap(jar);

        assertEquals("postgresql_42.7.4_1.0.0.jar", bundle.fileName());
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bundle.bytes()))) {
            Attributes main = in.getManifest().getMainAttributes();
            assertEquals("2", main.getValue("Bundle-ManifestVersion"));
            assertEquals("postgresql_42.7.4", main.getValue("Bundle-SymbolicName"));
            assertEquals("1.0.0", main.getValue("Bundle-Version"));
            assertEquals("*", main.getValue("DynamicImport-Package"));
            assertNull(main.getValue("Import-Package"), main.getValue("Import-Package"));
            assertNull(main.getValue("Bnd-LastModified"));
            List<String> exported = Arrays.stream(main.getValue("Export-Package").split(",(?=[a-z])"))
                    .map(p -> p.split(";")[0]).toList();
            assertTrue(exported.contains("org.postgresql"), exported.toString());
            assertTrue(exported.contains("org.postgresql.jdbc"), exported.toString());
            assertTrue(exported.stream().noneMatch(p -> p.startsWith("META-INF")), exported.toString());
            boolean driver = false;
            boolean service = false;
            for (var e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                driver |= e.getName().equals("org/postgresql/Driver.class");
                service |= e.getName().equals("META-INF/services/java.sql.Driver");
            }
            assertTrue(driver && service, "classes and the java.sql.Driver service file are kept");
        }
        assertArrayEquals(bundle.bytes(), OsgiBundleWrapper.wrap(jar).bytes(), "wrapping is reproducible");
    }

    @Test
    void aJarWithoutClassesIsAUserError() throws Exception {
        Path jar = tmp.resolve("readme-only.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("README.txt"));
            out.write("not a driver".getBytes());
        }
        UpgradeException e = assertThrows(UpgradeException.class, () -> OsgiBundleWrapper.wrap(jar));
        assertTrue(e.hint().contains("jartobundle.sh"), e.hint());
        assertNotNull(e.getCause());
    }
}
