package io.github.apimupgrade.core.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows {@code wso2carbon.log} of one server run through its rotations, by the file's identity (inode /
 * {@code fileKey}), so that no line of the run is skipped:
 * <ul>
 *   <li>starts where the file ended when the tailer was created (earlier runs' lines are not this run's);</li>
 *   <li>when the file was rotated, finishes the rotated file first (log4j2's RollingFile renames it to
 *       {@code wso2carbon-MM-dd-yyyy-N.log} in 4.x, {@code wso2carbon-MM-dd-yyyy.log} in 3.x: CARBON_LOGFILE's
 *       filePattern in repository/conf/log4j2.properties), then every other file rotated since the tailer was
 *       created (a busy server rotates many times between two polls, also before the first one), oldest first, then the
 *       new {@code wso2carbon.log} from its start;</li>
 *   <li>copes with the file appearing late and with truncation in place.</li>
 * </ul>
 * Reads in blocks and hands each complete line to the caller as it is read (the caller may stop early), so a
 * 200 MB backlog never sits in memory. Not thread-safe: one supervisor thread polls it.
 */
public final class LogTailer implements AutoCloseable {
    /** Receives the lines; returns false to stop reading (the rest stays for the next poll). */
    @FunctionalInterface
    public interface LineHandler {
        boolean line(String line);
    }

    private static final int MAX_LINE = 64 * 1024;
    private static final int BLOCK = 64 * 1024;
    /** log4j2's rolled names of CARBON_LOGFILE: wso2carbon-07-22-2022.log (3.x), wso2carbon-07-22-2022-3.log (4.x). */
    private static final Pattern ROTATED = Pattern.compile("wso2carbon-(\\d{2})-(\\d{2})-(\\d{4})(?:-(\\d+))?\\.log");

    private final Path file;
    private final Path dir;
    /** Files (by identity) read to their end; never read again. */
    private final Set<Object> finished = new HashSet<>();
    private SeekableByteChannel channel;
    /** Identity and read position of the file being followed (the live log, or the rotated one being finished). */
    private Object fileKey;
    private long position;
    private final ByteBuffer buffer = ByteBuffer.allocate(BLOCK);
    private byte[] partial = new byte[1024];
    private int partialLength;
    private boolean stopped;

    private LogTailer(Path file) {
        this.file = file;
        this.dir = file.toAbsolutePath().getParent();
    }

    /**
     * A tailer for a run that starts now: skips what the log and the rotated files already hold (earlier runs'
     * lines); everything written or rotated from now on, also before the first poll, is read.
     */
    public static LogTailer fromEnd(Path file) {
        LogTailer t = new LogTailer(file);
        BasicFileAttributes a = attributes(file);
        if (a != null && a.isRegularFile()) {
            t.fileKey = key(a);
            t.position = a.size();
        }
        // identity, not age: a retry starts right after the previous run rotated its log
        for (Rotated r : t.rotated()) {
            t.finished.add(r.key);
        }
        return t;
    }

    /** New complete lines since the last call; never blocks. */
    public List<String> poll() {
        List<String> lines = new ArrayList<>();
        poll(l -> {
            lines.add(l);
            return true;
        });
        return lines;
    }

    /**
     * Hands every new complete line to {@code handler}, oldest first, across rotations; stops early when the handler
     * returns false. Never blocks.
     */
    public void poll(LineHandler handler) {
        stopped = false;
        try {
            followRotations(handler);
        } catch (NoSuchFileException e) {
            closeQuietly();
        } catch (IOException e) {
            // transient (rotation in progress, Windows sharing): try again on the next poll
            closeQuietly();
        }
    }

    /** Whatever is left after the process ended, including an unterminated last line. */
    public void drain(LineHandler handler) {
        poll(handler);
        if (!stopped) {
            flushPartial(handler);
        }
    }

    /** Whatever is left after the process ended, including an unterminated last line. */
    public List<String> drain() {
        List<String> lines = new ArrayList<>();
        drain(l -> {
            lines.add(l);
            return true;
        });
        return lines;
    }

    private void followRotations(LineHandler handler) throws IOException {
        for (int guard = 0; guard < 10_000 && !stopped; guard++) {
            BasicFileAttributes live = attributes(file);
            Object liveKey = live == null ? null : key(live);
            if (fileKey != null && Objects.equals(liveKey, fileKey)) {
                // still the same file: read on, unless it was truncated in place
                if (live.size() < position) {
                    flushPartial(handler);
                    closeQuietly();
                    position = 0;
                }
                readFile(file, handler);
                return;
            }
            if (fileKey != null) {
                // the followed file is no longer wso2carbon.log: rotated (or deleted); finish it where it is now
                finishRotated(handler);
                continue;
            }
            // not following anything: files rotated since the run started and not read yet, oldest first
            List<Rotated> all = rotated();
            // forget deleted files (rolled off past the strategy's max): their inode may come back as the new log
            Set<Object> present = new HashSet<>();
            all.forEach(r -> present.add(r.key));
            finished.retainAll(present);
            List<Rotated> pending = new ArrayList<>();
            for (Rotated r : all) {
                if (!finished.contains(r.key) && !Objects.equals(r.key, liveKey)) {
                    pending.add(r);
                }
            }
            if (!pending.isEmpty()) {
                Rotated oldest = pending.get(0);
                fileKey = oldest.key;
                position = 0;
                continue;
            }
            if (liveKey == null || finished.contains(liveKey)) {
                return; // no log yet (a fresh home), or nothing new
            }
            fileKey = liveKey;
            position = 0;
        }
    }

    /** Reads the rest of the followed file under its rotated name (found by identity), then marks it finished. */
    private void finishRotated(LineHandler handler) throws IOException {
        Path where = null;
        if (channel == null) {
            for (Rotated r : rotated()) {
                if (Objects.equals(r.key, fileKey)) {
                    where = r.path;
                    break;
                }
            }
        }
        if (channel != null || where != null) {
            // an open channel still reads the renamed file: the writer closed it before renaming, so this is its end
            readFile(where, handler);
            if (stopped) {
                return;
            }
        }
        flushPartial(handler);
        finished.add(fileKey);
        closeQuietly();
        fileKey = null;
        position = 0;
    }

    /** Reads {@code path} (or the open channel) from {@link #position} to its current end. */
    private void readFile(Path path, LineHandler handler) throws IOException {
        if (channel == null) {
            Object expected = fileKey;
            channel = Files.newByteChannel(path, StandardOpenOption.READ);
            BasicFileAttributes a = attributes(path);
            if (a == null || !Objects.equals(key(a), expected)) {
                closeQuietly(); // rotated between looking and opening: the next round finds it by identity
                return;
            }
            channel.position(position);
        }
        while (!stopped) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n <= 0) {
                return;
            }
            byte[] bytes = buffer.array();
            int lineStart = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    emit(bytes, lineStart, i, handler);
                    lineStart = i + 1;
                    if (stopped) {
                        // the handler has what it needs: the rest of the block is read again on the next poll
                        position += lineStart;
                        channel.position(position);
                        return;
                    }
                }
            }
            appendPartial(bytes, lineStart, n, handler);
            position += n;
        }
    }

    private void emit(byte[] bytes, int from, int to, LineHandler handler) {
        String line;
        if (partialLength == 0) {
            int end = to > from && bytes[to - 1] == '\r' ? to - 1 : to;
            line = new String(bytes, from, end - from, StandardCharsets.UTF_8);
        } else {
            appendPartial(bytes, from, to, handler);
            if (stopped) {
                return;
            }
            int end = partialLength > 0 && partial[partialLength - 1] == '\r' ? partialLength - 1 : partialLength;
            line = new String(partial, 0, end, StandardCharsets.UTF_8);
            partialLength = 0;
        }
        if (!handler.line(line)) {
            stopped = true;
        }
    }

    private void appendPartial(byte[] bytes, int from, int to, LineHandler handler) {
        int len = to - from;
        if (len <= 0) {
            return;
        }
        if (partialLength + len > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + len));
        }
        System.arraycopy(bytes, from, partial, partialLength, len);
        partialLength += len;
        if (partialLength >= MAX_LINE) {
            // a runaway line (a huge payload logged at DEBUG): cut it rather than hold it all
            flushPartial(handler);
        }
    }

    private void flushPartial(LineHandler handler) {
        if (partialLength > 0) {
            String line = new String(partial, 0, partialLength, StandardCharsets.UTF_8);
            partialLength = 0;
            if (!handler.line(line)) {
                stopped = true;
            }
        }
    }

    private record Rotated(Path path, Object key, FileTime modified, int index) {
    }

    /** The rotated CARBON_LOGFILE files beside the log, oldest first (by last write, then log4j2's index). */
    private List<Rotated> rotated() {
        List<Rotated> out = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "wso2carbon-*.log")) {
            for (Path p : s) {
                Matcher m = ROTATED.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    continue; // wso2carbon-trace-messages-*.log and the like are other appenders
                }
                BasicFileAttributes a = attributes(p);
                if (a != null && a.isRegularFile()) {
                    out.add(new Rotated(p, key(a), a.lastModifiedTime(), m.group(4) == null ? 0 : Integer.parseInt(m.group(4))));
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparing(Rotated::modified).thenComparingInt(Rotated::index));
        return out;
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The file's identity: the inode on POSIX; Windows has no fileKey, the creation time stands in (NTFS keeps it
     * across renames; a file created under a just-renamed name may inherit it, "file tunnelling").
     */
    private static Object key(BasicFileAttributes a) {
        return a.fileKey() != null ? a.fileKey() : a.creationTime();
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to read from it
            }
            channel = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
