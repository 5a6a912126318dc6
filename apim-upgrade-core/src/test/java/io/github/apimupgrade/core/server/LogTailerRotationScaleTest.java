package io.github.apimupgrade.core.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: a server writing 200 MB of log at full speed, rolled over every 10 MB (4.1.0's log4j2.properties:
 * SizeBasedTriggeringPolicy 10MB, filePattern wso2carbon-%d{MM-dd-yyyy}-%i.log), with 80 ERROR lines spread over
 * the 21 files. The supervisor polls like CarbonServer (every 200 ms, lines classified as they are read): every
 * ERROR is counted and the decision follows the last line within a second of the supervisor's CPU time (the wall
 * time is the same on an idle core; on a machine shared by many builds it is only reported: the writer and the
 * reader compete for the same cores).
 */
@Timeout(120)
class LogTailerRotationScaleTest {
    private static final long FILE_BYTES = 10L * 1024 * 1024;
    private static final int ROTATIONS = 20;
    private static final int ERRORS_PER_FILE = 4;

    @TempDir
    Path dir;

    @Test
    void everyErrorOfEveryRotatedFileIsCountedAndTheDecisionFollowsTheLastLine() throws Exception {
        Path log = dir.resolve("wso2carbon.log");
        Files.writeString(log, "TID: [-1234] [] [2022-07-22 10:00:00,000] ERROR {org.wso2.carbon.apimgt.migration."
                + "APIMMigrationClient} - an earlier run's error\n");
        AtomicLong lastLineWritten = new AtomicLong();
        LogClassifier classifier = new LogClassifier(true);
        long decidedAt;
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuAtLastLine = -1;
        int pollsAfterLastLine = 0;
        try (LogTailer tailer = LogTailer.fromEnd(log)) {
            Thread writer = new Thread(() -> write(log, lastLineWritten), "log-writer");
            writer.start();
            LogClassifier.Signal[] signal = {LogClassifier.Signal.NONE};
            while (signal[0] != LogClassifier.Signal.STARTED) {
                if (cpuAtLastLine < 0 && !writer.isAlive()) {
                    cpuAtLastLine = cpu.getCurrentThreadCpuTime();
                }
                if (cpuAtLastLine >= 0) {
                    pollsAfterLastLine++;
                }
                tailer.poll(line -> {
                    signal[0] = classifier.accept(line);
                    return signal[0] != LogClassifier.Signal.STARTED;
                });
                if (signal[0] != LogClassifier.Signal.STARTED) {
                    Thread.sleep(CarbonServer.POLL.toMillis());
                }
            }
            decidedAt = System.nanoTime();
            if (cpuAtLastLine < 0) {
                cpuAtLastLine = cpu.getCurrentThreadCpuTime(); // kept up: decided before the writer thread ended
            }
            writer.join();
        }
        assertEquals(ROTATIONS * ERRORS_PER_FILE, classifier.migrationErrorCount(), classifier.migrationErrors().toString());
        try (var files = Files.list(dir)) {
            assertEquals(ROTATIONS + 1, files.count());
        }
        long lagMillis = (decidedAt - lastLineWritten.get()) / 1_000_000;
        long cpuLagMillis = (cpu.getCurrentThreadCpuTime() - cpuAtLastLine) / 1_000_000;
        // The decision follows the last line: once everything is written, one poll reads the whole backlog (every
        // rotated file, then the live one) and decides on the line that ends the run, with no further wait. How long
        // that poll takes is throughput, measured by TailerBench (apim-upgrade-bench/README.md), not asserted here:
        // on an idle machine the writer outruns the reader and the backlog's CPU time varies from run to run.
        assertTrue(pollsAfterLastLine <= 1, pollsAfterLastLine + " polls after the last line was written (decided "
                + cpuLagMillis + " ms of CPU, " + lagMillis + " ms of wall time after it)");
    }

    /** Writes the files as log4j2 does: append, and at 10 MB close, rename to the rolled name, start a new file. */
    private static void write(Path log, AtomicLong lastLineWritten) {
        try {
            byte[] info = ("TID: [-1234] [] [2022-07-22 10:15:03,582]  INFO {org.wso2.carbon.apimgt.migration.validator."
                    + "validators.APIValidator} - Successfully validated open API definition of PizzaShackAPI version: "
                    + "1.0.0 type: HTTP\n").getBytes(StandardCharsets.UTF_8);
            long linesPerFile = FILE_BYTES / info.length;
            long errorEvery = linesPerFile / (ERRORS_PER_FILE + 1);
            int error = 0;
            for (int f = 1; f <= ROTATIONS + 1; f++) {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(log,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), 8192)) {
                    for (long i = 1; i <= linesPerFile; i++) {
                        if (f <= ROTATIONS && i % errorEvery == 0 && i / errorEvery <= ERRORS_PER_FILE) {
                            out.write(("TID: [-1234] [] [2022-07-22 10:15:03,582] ERROR {org.wso2.carbon.apimgt.migration."
                                    + "util.AMDBUtil} - WSO2 API-M Migration Task : Error occurred while migrating "
                                    + "databases java.sql.SQLException: error " + (++error) + "\n").getBytes(StandardCharsets.UTF_8));
                        } else {
                            out.write(info);
                        }
                        if (f == ROTATIONS + 1 && i == linesPerFile / 10) {
                            break; // the live file: a little more, then the end
                        }
                    }
                    if (f == ROTATIONS + 1) {
                        out.write(("TID: [-1234] [] [2022-07-22 10:15:09,000]  INFO {org.wso2.carbon.core.internal."
                                + "StartupFinalizerServiceComponent} - WSO2 Carbon started in 6 sec\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
                lastLineWritten.set(System.nanoTime());
                if (f <= ROTATIONS) {
                    Files.move(log, log.resolveSibling("wso2carbon-07-22-2022-" + f + ".log"));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
