package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.report.RunReport;
import io.github.apimupgrade.core.testsupport.PlanAtScale;
import io.github.apimupgrade.core.testsupport.ScaleHome;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.server.ProcessLauncher;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: plans stream and reports scale. Plan and migrate run in a child JVM with a small heap (3,400 files in
 * 32 MB always; 34,000 files in 256 MB on demand); the in-process test checks what keeps memory and output flat:
 * copies counted per directory, listed in files.txt, one console line per directory.
 */
class PlanAtScaleTest {
    @TempDir
    Path dir;

    /**
     * 100 tenants (3,400 files) in 32 MB of heap: the engine before issue 20 held about 2.5 MB per 340 copied files
     * (their text, three reports built whole) and needed about 40 MB here; this one holds paths, sizes and hashes.
     */
    @Test
    void planAndMigrateOf3400FilesRunIn32MbOfHeap() throws Exception {
        runChild(100, "32m");
    }

    /**
     * The issue's size: 1,000 tenants, 34,000 files, 256 MB (the engine before ran out of heap in plan). Generating
     * and copying 34,000 files takes minutes on a busy host, so this runs when APIM_UPGRADE_TEST_SCALE=true (or
     * -Dapim.upgrade.test.scale=true); the benchmark in apim-upgrade-bench runs the same code at 1x/10x/100x.
     */
    @Test
    void planAndMigrateOf34000FilesRunIn256MbOfHeap() throws Exception {
        Assumptions.assumeTrue("true".equals(System.getenv("APIM_UPGRADE_TEST_SCALE"))
                || Boolean.getBoolean("apim.upgrade.test.scale"), "set APIM_UPGRADE_TEST_SCALE=true to run the 34,000-file test");
        runChild(1000, "256m");
    }

    private void runChild(int tenants, String heap) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("child.log");
        Process p = new ProcessBuilder(javaBin.toString(), "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-cp", cp,
                PlanAtScale.class.getName(), dir.resolve("home").toString(), String.valueOf(tenants), "both")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = p.waitFor(20, TimeUnit.MINUTES); // a bound, not a timing goal: the benchmark measures time
        if (!ended) {
            p.destroyForcibly();
        }
        List<String> out = Files.readAllLines(log);
        String last = out.isEmpty() ? "" : out.get(out.size() - 1);
        assertTrue(ended, "child did not finish; last line: " + last);
        assertEquals(0, p.exitValue(), String.join("\n", out.subList(Math.max(0, out.size() - 40), out.size())));
        assertTrue(last.contains("plan=PLANNED") && last.contains("migrate=SUCCEEDED"), last);

        long copied = (long) tenants * (ScaleHome.FILES_PER_TENANT - 2);
        Path home = dir.resolve("home");
        Path plan = home.resolve("report-plan");
        assertEquals(copied, entryLines(plan.resolve("files.txt")), "every copy listed in files.txt");
        for (String report : List.of("plan.txt", "report.html", "report.json")) {
            long size = Files.size(plan.resolve(report));
            assertTrue(size < 1_000L * tenants, report + " grows per directory, not per file: " + size + " bytes");
        }
        int lines = Integer.parseInt(last.replaceAll(".* lines=(\\d+).*", "$1"));
        // plan: one line per tenant directory; migrate: its summary and one progress line per directory
        assertTrue(lines < 3 * tenants + 200, "console lines for plan and migrate of " + tenants + " tenants: " + lines);

        try (Stream<Path> s = Files.walk(home.resolve("new/repository/tenants"))) {
            assertEquals(copied, s.filter(Files::isRegularFile).count(), "every synapse file copied");
        }
        String rel = "repository/tenants/" + tenants + "/synapse-configs/default/api/tenant" + tenants
                + ".example.com--Orders19_v1.0.0.xml";
        assertEquals(Files.readString(home.resolve("old").resolve(rel)), Files.readString(home.resolve("new").resolve(rel)));
        assertTrue(Files.notExists(home.resolve("new/repository/tenants/7/synapse-configs/default/sequences/main.xml")),
                "the new home's own main.xml is kept (not copied)");
    }

    @Test
    void copiesAreCountedPerDirectoryInReportsAndConsole() throws Exception {
        ScaleHome home = ScaleHome.write(dir.resolve("home"), 12, TestDatabases.h2Url());
        List<UpgradeEvent> events = new ArrayList<>();
        UpgradeEngine engine = new UpgradeEngine(events::add, Clock.systemUTC(), ProcessLauncher.system(), PlanAtScale.catalog());
        Path reports = dir.resolve("reports");
        RunReport r = engine.migrate(UpgradeRequest.builder().oldHome(home.oldHome).newHome(home.newHome).allowH2(true)
                .reportDirectory(reports).build());

        assertEquals(RunReport.Outcome.SUCCEEDED, r.outcome);
        RunReport.StepEntry resources = r.step("migrate-resources");
        assertEquals(12, resources.fileGroups.size(), "one group per tenant tree");
        assertEquals(32, resources.fileGroups.get(0).count);
        assertEquals("[new] repository/tenants/1", resources.fileGroups.get(0).directory);
        assertTrue(resources.actions.isEmpty(), "no per-file lines: " + resources.actions.size());
        assertEquals(12, resources.results.size(), resources.results.toString());
        assertEquals("copied 32 file(s) into [new] repository/tenants/1", resources.results.get(0));
        long fileLines = events.stream().filter(e -> e.message().contains("Orders")).count();
        assertEquals(0, fileLines, "no console line names a single synapse file");
        assertEquals(12 * 32, entryLines(reports.resolve("files.txt")));
        // the report links its own dated list (files.txt is the latest run's, rewritten by the next run)
        assertTrue(Files.readString(reports.resolve("report.html")).contains("<a href=\"" + r.reportFile + "-files.txt\">"));
        assertEquals(Files.readString(reports.resolve("files.txt")), Files.readString(reports.resolve(r.reportFile + "-files.txt")));
        assertTrue(Files.readString(reports.resolve("files.txt")).contains("migrate-resources\t[new] " + "repository/tenants/12/"
                + "synapse-configs/default/api/tenant12.example.com--Orders0_v1.0.0.xml\t"));

        // a second plan: everything identical, nothing pending, still one line per tenant
        RunReport again = engine.plan(UpgradeRequest.builder().oldHome(home.oldHome).newHome(home.newHome).allowH2(true)
                .reportDirectory(reports).build());
        assertEquals(0, again.step("migrate-resources").changeCount());
        assertEquals(0, entryLines(reports.resolve("files.txt")));
    }

    private static long entryLines(Path filesTxt) throws Exception {
        try (Stream<String> lines = Files.lines(filesTxt)) {
            return lines.filter(l -> !l.isBlank() && !l.startsWith("#")).count();
        }
    }
}
