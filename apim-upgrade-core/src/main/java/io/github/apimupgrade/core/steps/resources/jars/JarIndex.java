package io.github.apimupgrade.core.steps.resources.jars;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The jars of some directories, looked up by artifact identity ({@link JarInfo#keys()}). */
public final class JarIndex {
    private final List<JarInfo> jars = new ArrayList<>();
    private final Map<String, List<JarInfo>> byKey = new HashMap<>();

    /** Indexes the {@code *.jar} files directly in each existing directory (not recursive). */
    public static JarIndex of(List<Path> directories) {
        JarIndex index = new JarIndex();
        for (Path dir : directories) {
            for (Path jar : list(dir)) {
                index.add(JarInfo.read(jar));
            }
        }
        return index;
    }

    /** The {@code *.jar} files directly in {@code dir}, sorted by name; empty when the directory does not exist. */
    public static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot list " + dir + ": " + e.getMessage(), dir.toString(),
                    "Check that the directory is readable.", e);
        }
    }

    private void add(JarInfo info) {
        if (!info.readable()) {
            return;
        }
        jars.add(info);
        for (String key : info.keys()) {
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(info);
        }
    }

    /** Jars of the same artifact as {@code jar} (any shared key), in index order; never {@code jar}'s own file. */
    public List<JarInfo> sameArtifact(JarInfo jar) {
        Set<JarInfo> out = new LinkedHashSet<>();
        for (String key : jar.keys()) {
            for (JarInfo other : byKey.getOrDefault(key, List.of())) {
                if (!other.file().equals(jar.file())) {
                    out.add(other);
                }
            }
        }
        return List.copyOf(out);
    }

    /** Like {@link #sameArtifact(JarInfo)}, only those directly in {@code dir}. */
    public List<JarInfo> sameArtifactIn(JarInfo jar, Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        return sameArtifact(jar).stream().filter(j -> d.equals(j.file().toAbsolutePath().normalize().getParent())).toList();
    }

    public List<JarInfo> jars() {
        return List.copyOf(jars);
    }
}
