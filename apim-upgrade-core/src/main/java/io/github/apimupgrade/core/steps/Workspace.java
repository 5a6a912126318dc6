package io.github.apimupgrade.core.steps;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.files.SafeFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How steps read files while planning. In a dry run, planned writes of earlier steps are layered over the disk
 * ({@link #overlay(Path, String)}, {@link #overlayCopy(Path, Path)}) so that each later step plans against the state
 * the earlier ones would leave. A planned copy is layered as a reference to its source, never as its content: a
 * plan of 34,000 copied files holds 34,000 paths, not their text.
 */
public final class Workspace {
    /** What the plan says a file will be: a text, a copy of another file, or nothing (deleted). */
    private sealed interface Planned permits Text, CopyOf, Deleted {
    }

    private record Text(String content) implements Planned {
    }

    private record CopyOf(Path source) implements Planned {
    }

    private enum Deleted implements Planned { INSTANCE }

    private final Map<Path, Planned> overlay = new ConcurrentHashMap<>();
    private final FileHashes hashes;

    public Workspace() {
        this(new FileHashes());
    }

    private Workspace(FileHashes hashes) {
        this.hashes = hashes;
    }

    /**
     * A workspace without planned writes that shares this one's file hashes (the engine's plan-ahead pass: planning
     * a step again reads no file a second time when it has not changed).
     */
    public Workspace fresh() {
        return new Workspace(hashes);
    }

    /** The file's text as the plan should see it, or empty if it does not exist. */
    public Optional<String> read(Path file) {
        Path key = key(file);
        Planned planned = overlay.get(key);
        if (planned instanceof Text t) {
            return Optional.of(t.content());
        }
        if (planned instanceof CopyOf c) {
            return read(c.source());
        }
        if (planned == Deleted.INSTANCE || !Files.isRegularFile(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(key, StandardCharsets.UTF_8));
        } catch (java.nio.charset.MalformedInputException e) {
            try {
                return Optional.of(Files.readString(key, StandardCharsets.ISO_8859_1));
            } catch (IOException ex) {
                throw unreadable(key, ex);
            }
        } catch (IOException e) {
            throw unreadable(key, e);
        }
    }

    /** Like {@link #read(Path)} but the file must exist. */
    public String require(Path file, String whatItIs) {
        return read(file).orElseThrow(() -> UpgradeException.user(ErrorCode.MALFORMED_FILE,
                whatItIs + " not found: " + file, file.toString(),
                "Check apim.upgrade.oldHome/newHome point at the right installation."));
    }

    public boolean exists(Path file) {
        Path key = key(file);
        Planned planned = overlay.get(key);
        if (planned instanceof CopyOf c) {
            return exists(c.source());
        }
        return planned != null ? planned != Deleted.INSTANCE : Files.exists(key);
    }

    /**
     * The sha-256 of the file's bytes as the plan sees them, or empty when it does not exist. Files on disk are
     * hashed once per engine call while they stay unchanged (size, modification time, inode).
     */
    public Optional<String> sha256(Path file) {
        Path key = key(file);
        Planned planned = overlay.get(key);
        if (planned instanceof Text t) {
            return Optional.of(SafeFiles.sha256(t.content()));
        }
        if (planned instanceof CopyOf c) {
            return sha256(c.source());
        }
        if (planned == Deleted.INSTANCE || !Files.isRegularFile(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(hashes.sha256(key));
        } catch (UncheckedIOException e) {
            throw unreadable(key, e.getCause());
        }
    }

    /** Dry run: pretend the file now has this content (null: deleted). */
    public void overlay(Path file, String content) {
        overlay.put(key(file), content == null ? Deleted.INSTANCE : new Text(content));
    }

    /** Dry run: pretend {@code target} now holds the bytes of {@code source} (a reference: nothing is read). */
    public void overlayCopy(Path target, Path source) {
        overlay.put(key(target), new CopyOf(key(source)));
    }

    /** Files read to hash them so far (shared with {@link #fresh()} copies). */
    long filesHashed() {
        return hashes.computed();
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    private static UpgradeException unreadable(Path file, IOException e) {
        return UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot read " + file + ": " + e.getMessage(),
                file.toString(), "Check file permissions.", e);
    }
}
