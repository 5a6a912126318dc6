package io.github.apimupgrade.core.steps.resources.jars;

import aQute.bnd.header.OSGiHeader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What identifies a jar as an artifact: its OSGi Bundle-SymbolicName, its Maven artifactId (from
 * {@code META-INF/maven/<groupId>/<artifactId>/pom.properties}) and the artifact part of its file name.
 * Two jars are the same artifact when they share a symbolic name, or an artifact name (Maven id or file name part).
 *
 * @param file            the jar
 * @param symbolicName    Bundle-SymbolicName without directives, or null
 * @param bundleVersion   Bundle-Version, or null
 * @param mavenArtifactId artifactId of the jar's own pom.properties, or null (none, or several that do not match the name)
 * @param fileArtifact    file name without version and ".jar" ("mysql-connector-java" for mysql-connector-java-5.1.47.jar)
 * @param bundleClassPath Bundle-ClassPath entries other than "."
 * @param problem         why the jar could not be read, or null
 */
public record JarInfo(Path file, String symbolicName, String bundleVersion, String mavenArtifactId, String fileArtifact,
                      List<String> bundleClassPath, String problem) {

    private static final Pattern VERSIONED = Pattern.compile("^(.+?)[-_](\\d.*)$");
    private static final Pattern POM_PROPERTIES = Pattern.compile("^META-INF/maven/([^/]+)/([^/]+)/pom\\.properties$");

    public static JarInfo read(Path file) {
        String fileArtifact = fileArtifact(file.getFileName().toString());
        try (JarFile jar = new JarFile(file.toFile(), false)) {
            Manifest mf = jar.getManifest();
            String bsn = null;
            String version = null;
            List<String> classPath = new ArrayList<>();
            if (mf != null) {
                bsn = firstKey(mf.getMainAttributes().getValue("Bundle-SymbolicName"));
                version = trimToNull(mf.getMainAttributes().getValue("Bundle-Version"));
                String cp = mf.getMainAttributes().getValue("Bundle-ClassPath");
                if (cp != null) {
                    for (String entry : OSGiHeader.parseHeader(cp).keyList()) {
                        String e = stripDuplicateMarker(entry).trim();
                        if (!e.isEmpty() && !e.equals(".")) {
                            classPath.add(e);
                        }
                    }
                }
            }
            List<String> artifactIds = new ArrayList<>();
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                Matcher m = POM_PROPERTIES.matcher(entries.nextElement().getName());
                if (m.matches()) {
                    artifactIds.add(m.group(2));
                }
            }
            return new JarInfo(file, bsn, version, ownArtifactId(artifactIds, fileArtifact), fileArtifact, classPath, null);
        } catch (IOException | RuntimeException e) {
            return new JarInfo(file, null, null, null, fileArtifact, List.of(), "not a readable jar: " + e.getMessage());
        }
    }

    /** True when the jar holds {@code className} (e.g. a JDBC driver class). */
    public static boolean containsClass(Path file, String className) {
        try (JarFile jar = new JarFile(file.toFile(), false)) {
            return jar.getEntry(className.replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** "mysql-connector-java-5.1.47.jar" -> "mysql-connector-java"; "org.wso2.foo_1.0.0.jar" -> "org.wso2.foo". */
    public static String fileArtifact(String fileName) {
        String base = fileName.toLowerCase(Locale.ROOT).endsWith(".jar") ? fileName.substring(0, fileName.length() - 4) : fileName;
        Matcher m = VERSIONED.matcher(base);
        return m.matches() ? m.group(1) : base;
    }

    public boolean readable() {
        return problem == null;
    }

    /** Identity keys: "bsn:x" and "name:x" (Maven artifactId and file name part, normalised). */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        if (symbolicName != null) {
            keys.add("bsn:" + symbolicName.toLowerCase(Locale.ROOT));
        }
        if (mavenArtifactId != null) {
            keys.add("name:" + normalise(mavenArtifactId));
        }
        keys.add("name:" + normalise(fileArtifact));
        return keys;
    }

    /** Short description for plan notes. */
    public String describe() {
        StringBuilder sb = new StringBuilder(file.getFileName().toString());
        List<String> parts = new ArrayList<>();
        if (symbolicName != null) {
            parts.add("Bundle-SymbolicName " + symbolicName + (bundleVersion == null ? "" : " " + bundleVersion));
        }
        if (mavenArtifactId != null) {
            parts.add("artifactId " + mavenArtifactId);
        }
        if (!parts.isEmpty()) {
            sb.append(" (").append(String.join(", ", parts)).append(')');
        }
        return sb.toString();
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    // A fat jar carries the pom.properties of everything it shades: only trust one that is clearly its own.
    private static String ownArtifactId(List<String> artifactIds, String fileArtifact) {
        if (artifactIds.size() == 1) {
            return artifactIds.get(0);
        }
        return artifactIds.stream().filter(a -> normalise(a).equals(normalise(fileArtifact))).findFirst().orElse(null);
    }

    private static String firstKey(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        List<String> keys = OSGiHeader.parseHeader(header).keyList();
        return keys.isEmpty() ? null : trimToNull(stripDuplicateMarker(keys.get(0)));
    }

    // bnd marks a repeated key with trailing '~'
    private static String stripDuplicateMarker(String key) {
        int end = key.length();
        while (end > 0 && key.charAt(end - 1) == '~') {
            end--;
        }
        return key.substring(0, end);
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
