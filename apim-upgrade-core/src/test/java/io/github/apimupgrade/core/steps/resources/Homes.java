package io.github.apimupgrade.core.steps.resources;

import io.github.apimupgrade.core.api.ResourceOptions;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.path.PathCatalog;
import io.github.apimupgrade.core.path.UpgradePath;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.Workspace;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Test fixture: an old and a new API-M home in a temporary directory, fake jars, and a hand-built StepContext. */
final class Homes {
    final Path old;
    final Path neu;
    final String from;
    final String to;
    final List<Datasource> datasources = new ArrayList<>();
    ResourceOptions options = ResourceOptions.defaults();
    final Redactor redactor = new Redactor();

    Homes(Path dir, String from, String to) {
        this.old = dir.resolve("old");
        this.neu = dir.resolve("new");
        this.from = from;
        this.to = to;
        mkdirs(old.resolve("repository/conf"));
        mkdirs(neu.resolve("repository/conf"));
    }

    static Homes twoSixToFourOne(Path dir) {
        return new Homes(dir, "2.6.0", "4.1.0");
    }

    static Homes threeZeroToThreeOne(Path dir) {
        return new Homes(dir, "3.0.0", "3.1.0");
    }

    Homes datasource(String name, String driverClass) {
        datasources.add(new Datasource(name, "jdbc/" + name, "jdbc:postgresql://db/x", "u", Secret.of("pw"), null, driverClass,
                "SELECT 1", Map.of(), "master-datasources.xml"));
        return this;
    }

    StepContext context() {
        UpgradeRequest request = UpgradeRequest.builder().oldHome(old).newHome(neu).resources(options).build();
        boolean oldToml = from.startsWith("3") || from.startsWith("4");
        Installation oldInst = new Installation(old, from, oldToml, datasources, Map.of());
        Installation newInst = new Installation(neu, to, true, List.of(), Map.of());
        UpgradePath path = PathCatalog.load().find(from, to);
        return new StepContext(request, oldInst, newInst, path, new Workspace(), null, EventSink.discard(), redactor, null,
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), null);
    }

    static Path write(Path file, String text) {
        mkdirs(file.getParent());
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar builder: manifest headers, pom.properties, class entries, some content. */
    static JarSpec jar(Path file) {
        return new JarSpec(file);
    }

    static final class JarSpec {
        private final Path file;
        private final Manifest manifest = new Manifest();
        private final List<String> entries = new ArrayList<>();
        private String payload = "";

        JarSpec(Path file) {
            this.file = file;
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        }

        JarSpec bundle(String symbolicName, String version) {
            manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            return this;
        }

        JarSpec header(String name, String value) {
            manifest.getMainAttributes().putValue(name, value);
            return this;
        }

        JarSpec maven(String groupId, String artifactId) {
            entries.add("META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties");
            return this;
        }

        JarSpec entry(String name) {
            entries.add(name);
            return this;
        }

        JarSpec payload(String p) {
            this.payload = p;
            return this;
        }

        Path write() {
            mkdirs(file.getParent());
            try (OutputStream os = Files.newOutputStream(file); JarOutputStream jos = new JarOutputStream(os, manifest)) {
                for (String e : entries) {
                    jos.putNextEntry(new JarEntry(e));
                    jos.write(("entry " + e + "\n").getBytes(StandardCharsets.UTF_8));
                    jos.closeEntry();
                }
                jos.putNextEntry(new JarEntry("payload.txt"));
                jos.write(payload.getBytes(StandardCharsets.UTF_8));
                jos.closeEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file;
        }
    }
}
