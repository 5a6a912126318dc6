package io.github.apimupgrade.core.journal;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An exclusive OS file lock on {@code <newHome>/.apim-upgrade/lock}. The operating system releases it when the
 * process dies (kill -9 included), so it can never go stale; the file's text only says who held it last.
 */
public final class HomeLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static HomeLock acquire(Path newHome) {
        Path file = newHome.resolve(JournalFile.DIRECTORY).resolve("lock");
        FileChannel ch = null;
        try {
            Files.createDirectories(file.getParent());
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                ch.close();
                throw UpgradeException.user(ErrorCode.LOCK_HELD,
                        "Another apim-upgrade run holds the lock on " + newHome
                                + (holder.isEmpty() ? "" : " (" + holder + ")") + ".",
                        file.toString(),
                        "Wait for the other run to finish. The lock is an OS file lock: it is released as soon as that process ends.");
            }
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
            return new HomeLock(ch, l);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // the first error is the one to report
                }
            }
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot lock " + file + ": " + e.getMessage(),
                    file.toString(), "Check that the new home is writable.", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock anyway
        }
    }
}
