package io.github.apimupgrade.core.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Follows a log file from the position it had when the tailer was created: copes with the file appearing late
 * (a fresh home has no log yet), being rotated (log4j renames it to wso2carbon-MM-dd-yyyy.log and starts a new
 * one: the rest of the old file is read first) and being truncated. Returns complete lines only.
 */
public final class LogTailer implements AutoCloseable {
    private static final int MAX_LINE = 64 * 1024;

    private final Path file;
    private SeekableByteChannel channel;
    private Object fileKey;
    private long position;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);

    private LogTailer(Path file) {
        this.file = file;
    }

    /** A tailer that skips what the file already holds (earlier runs' lines). */
    public static LogTailer fromEnd(Path file) {
        LogTailer t = new LogTailer(file);
        if (Files.isRegularFile(file)) {
            t.fileKey = t.currentKey();
            t.position = Math.max(0, t.currentSize());
        }
        return t;
    }

    /** New complete lines since the last call; never blocks. */
    public List<String> poll() {
        List<String> lines = new ArrayList<>();
        try {
            if (channel == null) {
                if (!Files.isRegularFile(file)) {
                    return lines;
                }
                open();
            }
            readAvailable(lines);
            Object currentKey = currentKey();
            long size = currentSize();
            if (currentKey != null && !Objects.equals(currentKey, fileKey)) {
                // rotated: the old file is fully read above, follow the new one from its start
                closeQuietly();
                flushPartial(lines);
                fileKey = null;
                open();
                readAvailable(lines);
            } else if (size >= 0 && size < position) {
                // truncated in place
                flushPartial(lines);
                position = 0;
                channel.position(0);
                readAvailable(lines);
            }
        } catch (NoSuchFileException e) {
            closeQuietly();
        } catch (IOException e) {
            // transient (rotation in progress, Windows sharing): try again on the next poll
            closeQuietly();
        }
        return lines;
    }

    /** Whatever is left after the process ended, including an unterminated last line. */
    public List<String> drain() {
        List<String> lines = poll();
        flushPartial(lines);
        return lines;
    }

    /** Opens the file; the same file as before (re-opened after an error) continues where reading stopped. */
    private void open() throws IOException {
        Object key = currentKey();
        channel = Files.newByteChannel(file, StandardOpenOption.READ);
        if (fileKey != null && Objects.equals(key, fileKey) && position <= channel.size()) {
            channel.position(position);
        } else {
            position = 0;
        }
        fileKey = key;
    }

    private Object currentKey() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.fileKey() != null ? a.fileKey() : a.creationTime();
        } catch (IOException e) {
            return null;
        }
    }

    private long currentSize() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private void readAvailable(List<String> lines) throws IOException {
        while (true) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n <= 0) {
                return;
            }
            position += n;
            byte[] bytes = buffer.array();
            for (int i = 0; i < n; i++) {
                byte b = bytes[i];
                if (b == '\n') {
                    flushPartial(lines);
                } else if (b != '\r') {
                    partial.write(b);
                    if (partial.size() >= MAX_LINE) {
                        flushPartial(lines);
                    }
                }
            }
        }
    }

    private void flushPartial(List<String> lines) {
        if (partial.size() > 0) {
            lines.add(partial.toString(StandardCharsets.UTF_8));
            partial.reset();
        }
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
