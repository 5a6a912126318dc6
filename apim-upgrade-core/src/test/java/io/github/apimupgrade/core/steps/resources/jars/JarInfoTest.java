package io.github.apimupgrade.core.steps.resources.jars;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JarInfoTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "mysql-connector-java-5.1.47.jar, mysql-connector-java",
            "commons-lang3-3.9.jar, commons-lang3",
            "org.wso2.carbon.apimgt.gateway_9.0.174.jar, org.wso2.carbon.apimgt.gateway",
            "ojdbc8.jar, ojdbc8",
            "postgresql-42.2.5.jre7.jar, postgresql",
            "acme_utils_1.2_1.0.0.jar, acme_utils",
    })
    void fileArtifact(String file, String artifact) {
        assertEquals(artifact, JarInfo.fileArtifact(file));
    }

    private Path jar(String name, Manifest mf, String... entries) throws Exception {
        Path p = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(p); JarOutputStream jos = new JarOutputStream(os, mf)) {
            for (String e : entries) {
                jos.putNextEntry(new JarEntry(e));
                jos.closeEntry();
            }
        }
        return p;
    }

    private static Manifest manifest(String... kv) {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < kv.length; i += 2) {
            mf.getMainAttributes().putValue(kv[i], kv[i + 1]);
        }
        return mf;
    }

    @Test
    void bundleHeadersAreParsedWithoutDirectives() throws Exception {
        Path p = jar("x_1.0.jar", manifest("Bundle-SymbolicName", "com.acme.x;singleton:=true", "Bundle-Version", "1.0.0",
                "Bundle-ClassPath", ".,lib/inner-1.0.jar;optional:=true"));

        JarInfo info = JarInfo.read(p);

        assertEquals("com.acme.x", info.symbolicName());
        assertEquals("1.0.0", info.bundleVersion());
        assertEquals(List.of("lib/inner-1.0.jar"), info.bundleClassPath());
        assertEquals(Set.of("bsn:com.acme.x", "name:x"), info.keys());
        assertTrue(info.readable());
    }

    @Test
    void fatJarTrustsOnlyItsOwnPomProperties() throws Exception {
        Path fat = jar("acme-all-2.0.jar", manifest(), "META-INF/maven/com.acme/acme-all/pom.properties",
                "META-INF/maven/org.slf4j/slf4j-api/pom.properties");
        Path shaded = jar("bundle-2.0.jar", manifest(), "META-INF/maven/a/one/pom.properties", "META-INF/maven/b/two/pom.properties");
        Path single = jar("renamed.jar", manifest(), "META-INF/maven/org.postgresql/postgresql/pom.properties", "org/postgresql/Driver.class");

        assertEquals("acme-all", JarInfo.read(fat).mavenArtifactId());
        assertNull(JarInfo.read(shaded).mavenArtifactId());
        assertEquals(Set.of("name:postgresql", "name:renamed"), JarInfo.read(single).keys());
        assertTrue(JarInfo.containsClass(single, "org.postgresql.Driver"));
        assertFalse(JarInfo.containsClass(single, "org.mariadb.jdbc.Driver"));
    }

    @Test
    void indexFindsTheSameArtifactAcrossNamingStyles() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path wso2 = jar("commons-lang3_3.9.0.wso2v1.jar", manifest("Bundle-SymbolicName", "commons-lang3.wso2"));
        Files.move(wso2, plugins.resolve(wso2.getFileName()));
        Path user = jar("commons-lang3-3.12.jar", manifest(), "META-INF/maven/org.apache.commons/commons-lang3/pom.properties");
        Files.move(user, lib.resolve(user.getFileName()));

        JarIndex index = JarIndex.of(List.of(plugins, dir.resolve("absent")));
        List<JarInfo> same = index.sameArtifact(JarInfo.read(lib.resolve("commons-lang3-3.12.jar")));

        assertEquals(1, same.size());
        assertEquals(plugins.resolve("commons-lang3_3.9.0.wso2v1.jar"), same.get(0).file());
        assertTrue(index.sameArtifactIn(JarInfo.read(lib.resolve("commons-lang3-3.12.jar")), lib).isEmpty());
    }
}
