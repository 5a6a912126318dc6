package io.github.apimupgrade.bench;

import io.github.apimupgrade.core.server.LogClassifier;
import io.github.apimupgrade.core.server.LogTailer;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The supervisor's log tailing (issue 20): a writer thread writes wso2carbon.log at a fixed rate, rolled over every
 * 10 MB as log4j2 does (4.1.0's log4j2.properties), one migration ERROR line per 1,000 lines; the reader is
 * {@link LogTailer} + {@link LogClassifier} polled every 200 ms as CarbonServer does. Prints, per rate: lines and
 * ERROR lines written and seen, the reader thread's CPU time and its share of one core.
 * <pre>tailer [seconds per rate, default 10] [rates in MB/s, default 2,10,20]</pre>
 */
final class TailerBench {
    private static final long ROLL = 10L * 1024 * 1024;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String[] rates = (args.length > 2 ? args[2] : "2,10,20").split(",");
        System.out.printf("%8s %10s %10s %8s %8s %10s %8s%n", "MB/s", "lines", "seen", "errors", "counted", "CPU ms", "CPU %");
        for (String r : rates) {
            run(Double.parseDouble(r), seconds);
        }
    }

    private static void run(double mbPerSecond, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("apim-tailer-bench");
        Path log = dir.resolve("wso2carbon.log");
        byte[] info = ("TID: [-1234] [] [2022-07-22 10:15:03,582]  INFO {org.wso2.carbon.is.migration.service.v5110."
                + "migrator.UserPortalDataMigrator} - WSO2 Product Migration Service Task : Migrating the user portal data "
                + "of tenant 1 application 12345\n").getBytes(StandardCharsets.UTF_8);
        byte[] error = ("TID: [-1234] [] [2022-07-22 10:15:03,582] ERROR {org.wso2.carbon.is.migration.service."
                + "SchemaMigrator} - An error occurred while rolling back transactions. java.sql.SQLException: x\n")
                .getBytes(StandardCharsets.UTF_8);
        AtomicLong written = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        boolean[] done = {false};
        LogClassifier classifier = new LogClassifier(true);
        long[] seen = {0};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (LogTailer tailer = LogTailer.fromEnd(log)) {
            Thread writer = new Thread(() -> {
                try {
                    write(log, info, error, mbPerSecond, seconds, written, errors);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                done[0] = true;
            });
            long cpu0 = mx.getCurrentThreadCpuTime();
            writer.start();
            while (true) {
                boolean last = done[0];
                tailer.poll(l -> {
                    seen[0]++;
                    classifier.accept(l);
                    return true;
                });
                if (last) {
                    break;
                }
                Thread.sleep(200);
            }
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            writer.join();
            System.out.printf("%8.0f %10d %10d %8d %8d %10d %7.1f%%%n", mbPerSecond, written.get(), seen[0], errors.get(),
                    classifier.migrationErrorCount(), cpu / 1_000_000, 100.0 * cpu / (seconds * 1e9));
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Paced in 10 ms slices; rolled over at 10 MB: the file is renamed to wso2carbon-MM-dd-yyyy-N.log. */
    private static void write(Path log, byte[] info, byte[] error, double mbPerSecond, int seconds, AtomicLong written,
                              AtomicLong errors) throws Exception {
        long bytesPerSlice = (long) (mbPerSecond * 1024 * 1024 / 100);
        long start = System.nanoTime();
        long inFile = 0;
        int rolled = 0;
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(log, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), 1 << 16);
        for (int slice = 0; slice < seconds * 100; slice++) {
            long sliceBytes = 0;
            while (sliceBytes < bytesPerSlice) {
                byte[] line = written.incrementAndGet() % 1000 == 0 ? error : info;
                if (line == error) {
                    errors.incrementAndGet();
                }
                out.write(line);
                sliceBytes += line.length;
                inFile += line.length;
                if (inFile >= ROLL) {
                    out.close();
                    Files.move(log, log.resolveSibling("wso2carbon-07-22-2022-" + (++rolled) + ".log"));
                    out = new BufferedOutputStream(Files.newOutputStream(log, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND), 1 << 16);
                    inFile = 0;
                }
            }
            out.flush();
            long next = start + (slice + 1) * 10_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        out.close();
    }
}
