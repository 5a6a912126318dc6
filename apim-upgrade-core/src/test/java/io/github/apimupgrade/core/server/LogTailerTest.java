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

    /** log4j2's RollingFile with 4.1.0's filePattern: the full file becomes wso2carbon-MM-dd-yyyy-N.log. */
    private void rotate(Path log, int n) throws Exception {
        Files.move(log, log.resolveSibling("wso2carbon-07-22-2022-" + n + ".log"));
    }

    @Test
    void severalRotationsBetweenTwoPollsAreAllReadInOrder() throws Exception {
        Path log = dir.resolve("wso2carbon.log");
        append(log, "old\n");
        try (LogTailer t = LogTailer.fromEnd(log)) {
            append(log, "a\n");
            assertEquals(List.of("a"), t.poll());
            append(log, "b\n");
            rotate(log, 1);
            for (int i = 2; i <= 4; i++) {
                append(log, "f" + i + "\n");
                Files.setLastModifiedTime(log, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + i * 1000L));
                rotate(log, i);
            }
            append(log, "live\n");
            assertEquals(List.of("b", "f2", "f3", "f4", "live"), t.poll());
            assertEquals(List.of(), t.poll());
        }
    }

    @Test
    void filesRotatedBeforeTheFirstPollAreRead() throws Exception {
        Path log = dir.resolve("wso2carbon.log");
        append(log, "an earlier run\n");
        rotate(log, 1);
        append(log, "the earlier run's last lines\n");
        try (LogTailer t = LogTailer.fromEnd(log)) {
            append(log, "run line 1\n");
            rotate(log, 2);
            append(log, "run line 2\n");
            Files.setLastModifiedTime(log, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
            rotate(log, 3);
            append(log, "run line 3\n");
            // other appenders' files beside it are not CARBON_LOGFILE's
            append(dir.resolve("wso2carbon-trace-messages-07-22-2022.log"), "trace\n");
            assertEquals(List.of("run line 1", "run line 2", "run line 3"), t.poll());
        }
    }

    @Test
    void aFreshHomeWhoseLogRotatedBeforeTheFirstPollIsReadFromTheFirstFile() throws Exception {
        Path log = dir.resolve("logs/wso2carbon.log");
        try (LogTailer t = LogTailer.fromEnd(log)) {
            append(log, "1\n");
            rotate(log, 1);
            append(log, "2\n");
            assertEquals(List.of("1", "2"), t.poll());
        }
    }

    @Test
    void aHandlerThatStopsLeavesTheRestForTheNextPoll() throws Exception {
        Path log = dir.resolve("wso2carbon.log");
        try (LogTailer t = LogTailer.fromEnd(log)) {
            append(log, "one\ntwo\nthree\n");
            List<String> seen = new java.util.ArrayList<>();
            t.poll(l -> {
                seen.add(l);
                return !l.equals("two");
            });
            assertEquals(List.of("one", "two"), seen);
            assertEquals(List.of("three"), t.poll());
        }
    }

    @Test
    void linesLongerThanABlockAreWhole() throws Exception {
        Path log = dir.resolve("wso2carbon.log");
        try (LogTailer t = LogTailer.fromEnd(log)) {
            String longLine = "x".repeat(40_000) + "\u00e9" + "y".repeat(30_000);
            append(log, longLine.substring(0, 50_000));
            assertEquals(List.of(), t.poll());
            append(log, longLine.substring(50_000) + "\nshort\n");
            List<String> lines = t.poll();
            assertEquals(3, lines.size(), "cut at 64 KB: " + lines.stream().map(String::length).toList());
            assertEquals(longLine, lines.get(0) + lines.get(1));
            assertEquals("short", lines.get(2));
        }
    }
}
