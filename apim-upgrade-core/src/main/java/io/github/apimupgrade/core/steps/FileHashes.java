package io.github.apimupgrade.core.steps;

import io.github.apimupgrade.core.files.SafeFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * sha-256 of files on disk, each computed once per engine call: the engine plans every pending step ahead and then
 * again right before it runs, and a copy of 34,000 files must not read each of them four times. An entry is used
 * only while the file's size, modification time and file key (inode) are unchanged; anything else hashes again.
 * The copy itself hashes what it copies and refuses a mismatch, so a stale entry can never slip a changed source
 * through.
 */
final class FileHashes {
    private record Entry(long size, long modifiedNanos, Object fileKey, String sha256) {
    }

    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();
    private long computed;

    /** The file's sha-256; throws {@link UncheckedIOException} when it cannot be read. */
    String sha256(Path file) {
        Path key = file.toAbsolutePath().normalize();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(key, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long modified = attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
        Entry e = entries.get(key);
        if (e != null && e.size() == attrs.size() && e.modifiedNanos() == modified && Objects.equals(e.fileKey(), attrs.fileKey())) {
            return e.sha256();
        }
        String sha = SafeFiles.sha256(key);
        synchronized (this) {
            computed++;
        }
        entries.put(key, new Entry(attrs.size(), modified, attrs.fileKey(), sha));
        return sha;
    }

    /** How many files were actually read to hash them (tests check that re-planning reads nothing again). */
    synchronized long computed() {
        return computed;
    }
}
