package io.github.apimupgrade.core.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks, before the first change, that every path a plan writes can be written: an existing file can be opened
 * for writing (nothing is written) and its directory takes a new file (SafeFiles' temp file and backup); a path
 * still to be created has a nearest existing directory that takes a new file. The checks are real attempts (a temp
 * file created and deleted), not permission bits, because those mislead: root ignores them, while an immutable
 * file ({@code chattr +i}) or a read-only mount stops root too.
 */
public final class WriteProbe {

    /** A path that cannot be written, and why. */
    public record Problem(Path path, String reason) {
    }

    private final Map<Path, Optional<String>> directories = new HashMap<>();

    /** The problems of {@code paths}, each path once, in order. */
    public List<Problem> check(Collection<Path> paths) {
        List<Problem> problems = new ArrayList<>();
        for (Path p : new LinkedHashSet<>(paths)) {
            problem(p.toAbsolutePath().normalize()).ifPresent(r -> problems.add(new Problem(p, r)));
        }
        return problems;
    }

    private Optional<String> problem(Path p) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
                // opened for writing, nothing written: the file itself can be replaced
            } catch (IOException | SecurityException e) {
                return Optional.of("the file cannot be written (" + reason(e) + ")");
            }
            return directory(p.getParent());
        }
        if (Files.isDirectory(p)) {
            Optional<String> self = directory(p);
            return self.isPresent() ? self : p.getParent() == null ? Optional.empty() : directory(p.getParent());
        }
        Path existing = p.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.empty();
        }
        if (!Files.isDirectory(existing)) {
            return Optional.of(existing + " is a file, not a directory: " + p + " cannot be created");
        }
        Path dir = existing;
        return directory(dir).map(r -> r + " (to create " + dir.relativize(p) + ")");
    }

    private Optional<String> directory(Path dir) {
        if (dir == null) {
            return Optional.empty();
        }
        return directories.computeIfAbsent(dir, d -> {
            try {
                Path probe = Files.createTempFile(d, ".apim-upgrade-write-check-", ".tmp");
                Files.delete(probe);
                return Optional.empty();
            } catch (IOException | SecurityException e) {
                return Optional.of("the directory " + d + " does not take new files (" + reason(e) + ")");
            }
        });
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (m != null && m.contains(": ")) {
            m = m.substring(m.lastIndexOf(": ") + 2); // "…/dropins/x.tmp: Operation not permitted" -> the reason
        }
        return m == null ? kind : kind + ": " + m;
    }
}
