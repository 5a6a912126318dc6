package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.files.SafeFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A WSO2 migration client release as the user gives it: the zip ({@code wso2is-migration-x.zip},
 * {@code wso2am-migration-x.zip}) or its unpacked directory. Both hold {@code migration-resources/} and
 * {@code dropins/<client>.jar}, at the top or one directory down. Reading only; installing copies through
 * {@link SafeFiles}.
 */
public final class MigrationClient {
    static final String RESOURCES = "migration-resources";

    private final Path location;
    private final String parameter;
    private final boolean zip;
    /** Inside the zip or directory: "" or "wso2is-migration-1.0.154/". */
    private final String prefix;
    private final List<String> resourceFiles;
    private final List<String> jars;

    private MigrationClient(Path location, String parameter, boolean zip, String prefix, List<String> resourceFiles,
                            List<String> jars) {
        this.location = location;
        this.parameter = parameter;
        this.zip = zip;
        this.prefix = prefix;
        this.resourceFiles = List.copyOf(resourceFiles);
        this.jars = List.copyOf(jars);
    }

    /**
     * Opens and checks the client; {@code parameter} names the plugin parameter for messages
     * (apim.upgrade.identityMigrationClient).
     */
    public static MigrationClient open(Path location, String parameter, String what) {
        if (location == null) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "No " + what + " is configured.", parameter,
                    "Set " + parameter + " to the " + what + " zip (or its unpacked directory, or its Maven coordinates).");
        }
        if (!Files.exists(location)) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "The " + what + " " + location + " does not exist.",
                    parameter, "Point " + parameter + " at the downloaded zip or its unpacked directory.");
        }
        try {
            MigrationClient c = Files.isDirectory(location) ? fromDirectory(location, parameter)
                    : fromZip(location, parameter);
            if (c.resourceFiles.isEmpty() || c.jars.isEmpty()) {
                throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "The " + what + " " + location
                                + " has no " + (c.resourceFiles.isEmpty() ? RESOURCES + "/ directory" : "dropins/*.jar")
                                + "; it is not a WSO2 migration client release.", parameter,
                        "Use the release zip (it holds migration-resources/ and dropins/<client>.jar).");
            }
            return c;
        } catch (IOException e) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "Cannot read the " + what + " " + location + ": "
                    + e.getMessage(), parameter, "Check the file is a complete zip (download it again).", e);
        }
    }

    private static MigrationClient fromDirectory(Path dir, String parameter) throws IOException {
        Path root = dir;
        if (!Files.isDirectory(dir.resolve(RESOURCES))) {
            try (Stream<Path> s = Files.list(dir)) {
                root = s.filter(p -> Files.isDirectory(p.resolve(RESOURCES))).findFirst().orElse(dir);
            }
        }
        String prefix = dir.relativize(root).toString().replace('\\', '/');
        prefix = prefix.isEmpty() ? "" : prefix + "/";
        List<String> files = new ArrayList<>();
        Path res = root.resolve(RESOURCES);
        if (Files.isDirectory(res)) {
            try (Stream<Path> s = Files.walk(res)) {
                s.filter(Files::isRegularFile).forEach(p -> files.add(res.relativize(p).toString().replace('\\', '/')));
            }
        }
        List<String> jars = new ArrayList<>();
        Path dropins = root.resolve("dropins");
        if (Files.isDirectory(dropins)) {
            try (Stream<Path> s = Files.list(dropins)) {
                s.filter(p -> p.getFileName().toString().endsWith(".jar")).forEach(p -> jars.add(p.getFileName().toString()));
            }
        }
        files.sort(null);
        jars.sort(null);
        return new MigrationClient(dir, parameter, false, prefix, files, jars);
    }

    private static MigrationClient fromZip(Path file, String parameter) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> en = z.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (!e.isDirectory()) {
                    names.add(e.getName().replace('\\', '/'));
                }
            }
        }
        String prefix = names.stream().filter(n -> n.contains(RESOURCES + "/"))
                .map(n -> n.substring(0, n.indexOf(RESOURCES + "/")))
                .filter(p -> p.isEmpty() || p.indexOf('/') == p.length() - 1)
                .findFirst().orElse("");
        List<String> files = names.stream().filter(n -> n.startsWith(prefix + RESOURCES + "/"))
                .map(n -> n.substring((prefix + RESOURCES + "/").length())).sorted().toList();
        List<String> jars = names.stream().filter(n -> n.startsWith(prefix + "dropins/") && n.endsWith(".jar")
                        && n.indexOf('/', (prefix + "dropins/").length()) < 0)
                .map(n -> n.substring((prefix + "dropins/").length())).sorted().toList();
        return new MigrationClient(file, parameter, true, prefix, files, jars);
    }

    public Path location() {
        return location;
    }

    /** Files under migration-resources/, relative, '/'-separated. */
    public List<String> resourceFiles() {
        return resourceFiles;
    }

    /** The client jar file names in dropins/. */
    public List<String> jars() {
        return jars;
    }

    public boolean hasResource(String relative) {
        return resourceFiles.contains(relative);
    }

    /** A text file under migration-resources/ (UTF-8). */
    public String readResource(String relative) {
        return new String(read(prefix + RESOURCES + "/" + relative), StandardCharsets.UTF_8);
    }

    /** Copies migration-resources/ to {@code target} (the home's migration-resources directory). */
    public void installResources(Path target, Clock clock) {
        for (String rel : resourceFiles) {
            Path to = target.resolve(rel).normalize();
            if (!to.startsWith(target.normalize())) {
                throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, location + " holds an entry outside "
                        + RESOURCES + ": " + rel, parameter, "Use the unmodified release zip.");
            }
            if (zip) {
                SafeFiles.writeWithBackup(to, read(prefix + RESOURCES + "/" + rel), clock);
            } else {
                SafeFiles.copyWithBackup(location.resolve(prefix + RESOURCES).resolve(rel), to, clock);
            }
        }
    }

    /** Copies the client jar into {@code dropins}. */
    public void installJar(String jar, Path dropins, Clock clock) {
        Path to = dropins.resolve(jar);
        if (zip) {
            SafeFiles.writeWithBackup(to, read(prefix + "dropins/" + jar), clock);
        } else {
            SafeFiles.copyWithBackup(location.resolve(prefix + "dropins").resolve(jar), to, clock);
        }
    }

    private byte[] read(String entry) {
        try {
            if (!zip) {
                return Files.readAllBytes(location.resolve(entry));
            }
            try (ZipFile z = new ZipFile(location.toFile())) {
                ZipEntry e = z.getEntry(entry);
                if (e == null) {
                    throw new IOException("no entry " + entry);
                }
                try (InputStream in = z.getInputStream(e)) {
                    return in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot read " + entry + " from " + location + ": "
                    + e.getMessage(), location.toString(), "Check the file is complete and readable.", e);
        }
    }
}
