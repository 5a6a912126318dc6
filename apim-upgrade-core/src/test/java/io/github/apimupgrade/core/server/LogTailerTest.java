package io.github.apimupgrade.core.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogTailerTest {
    @TempDir
    Path dir;

    private void append(Path f, String s) throws Exception {
        Files.createDirectories(f.getParent());
        Files.writeString(f, s, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void startsAtTheEndOfAnExistingFile() throws Exception {
        Path log = dir.resolve("wso2carbon.log");
        append(log, "old 1\nold 2\n");
        try (LogTailer t = LogTailer.fromEnd(log)) {
            assertEquals(List.of(), t.poll());
            append(log, "new 1\nnew ");
            assertEquals(List.of("new 1"), t.poll());
            append(log, "2\r\n");
            assertEquals(List.of("new 2"), t.poll());
        }
    }

    @Test
    void followsAFileThatAppearsLate() throws Exception {
        Path log = dir.resolve("logs/wso2carbon.log");
        try (LogTailer t = LogTailer.fromEnd(log)) {
            assertEquals(List.of(), t.poll());
            append(log, "first\n");
            assertEquals(List.of("first"), t.poll());
        }
    }

    @Test
    void readsTheRestOfARotatedFileThenTheNewOne() throws Exception {
        Path log = dir.resolve("wso2carbon.log");
        append(log, "a\n");
        try (LogTailer t = LogTailer.fromEnd(log)) {
            append(log, "b\n");
            assertEquals(List.of("b"), t.poll());
            append(log, "c\n");
            Files.move(log, dir.resolve("wso2carbon-07-22-2022.log"));
            append(log, "d\n");
            assertEquals(List.of("c", "d"), t.poll());
            append(log, "e\n");
            assertEquals(List.of("e"), t.poll());
        }
    }

    @Test
    void restartsAfterTruncation() throws Exception {
        Path log = dir.resolve("wso2carbon.log");
        append(log, "a long first line\n");
        try (LogTailer t = LogTailer.fromEnd(log)) {
            Files.writeString(log, "x\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            assertEquals(List.of("x"), t.poll());
        }
    }

    @Test
    void aFileRecreatedBeforeTheFirstPollIsReadFromItsStart() throws Exception {
        Path log = dir.resolve("wso2carbon.log");
        append(log, "an old run that wrote a lot of lines\n");
        try (LogTailer t = LogTailer.fromEnd(log)) {
            Files.delete(log);
            append(log, "new\n");
            assertEquals(List.of("new"), t.poll());
        }
    }

    @Test
    void drainReturnsAnUnterminatedLastLine() throws Exception {
        Path log = dir.resolve("wso2carbon.log");
        try (LogTailer t = LogTailer.fromEnd(log)) {
            append(log, "done\nHalting");
            assertEquals(List.of("done", "Halting"), t.drain());
        }
    }
}
