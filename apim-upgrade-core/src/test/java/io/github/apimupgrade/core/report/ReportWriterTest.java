package io.github.apimupgrade.core.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 18: dated reports that later runs never overwrite, the latest as report.html/json, a copy under the home. */
class ReportWriterTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(ReportFixtures.START, ZoneOffset.UTC);

    @Test
    void everyRunKeepsItsDatedFilesAndTheLatestIsReportHtml() throws Exception {
        Path reports = dir.resolve("apim-upgrade");
        RunReport first = ReportFixtures.longRun();
        ReportWriter.write(first, reports, List.of(), clock, s -> s);
        RunReport second = ReportFixtures.failure(); // the same goal in the same second
        ReportWriter.Written w = ReportWriter.write(second, reports, List.of(), clock, s -> s);
        RunReport status = ReportFixtures.longRun();
        status.goal = "status";
        ReportWriter.write(status, reports, List.of(), clock, s -> s);

        assertEquals("report-migrate-20261202T041500Z", first.reportFile);
        assertEquals("report-migrate-20261202T041500Z-2", second.reportFile);
        assertEquals(reports.resolve("report-migrate-20261202T041500Z-2.html"), w.datedHtml());
        assertTrue(Files.readString(reports.resolve("report-migrate-20261202T041500Z.json")).contains("\"outcome\" : \"SUCCEEDED\""));
        assertTrue(Files.readString(reports.resolve("report-migrate-20261202T041500Z-2.json")).contains("\"outcome\" : \"FAILED\""));
        assertTrue(Files.readString(reports.resolve("report.json")).contains("\"goal\" : \"status\""));
        assertEquals(Files.readString(reports.resolve("report-status-20261202T041500Z.html")), Files.readString(reports.resolve("report.html")));
        // the routine copies of the first run are listed in its own dated list, which its report links to
        assertTrue(Files.readString(reports.resolve("report-migrate-20261202T041500Z.html")).contains("href=\"report-migrate-20261202T041500Z-files.txt\""));
        assertTrue(Files.isRegularFile(reports.resolve("report-migrate-20261202T041500Z-files.txt")));
        try (var s = Files.list(reports)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
    }

    @Test
    void anApplyingRunKeepsACopyUnderTheNewHomeAndStatusListsBoth() throws Exception {
        Path reports = dir.resolve("target/apim-upgrade");
        Path home = dir.resolve("home/.apim-upgrade/reports");
        RunReport plan = ReportFixtures.longRun();
        plan.goal = "plan";
        plan.outcome = RunReport.Outcome.PLANNED;
        ReportWriter.write(plan, reports, List.of(), clock, s -> s);
        RunReport migrate = ReportFixtures.longRun();
        migrate.started = ReportFixtures.START.plusSeconds(60);
        ReportWriter.Written w = ReportWriter.write(migrate, reports, List.of(home), clock, s -> s);
        assertEquals(List.of(home.resolve("report-migrate-20261202T041600Z.html")), w.homeCopies());
        assertTrue(Files.isRegularFile(home.resolve("report-migrate-20261202T041600Z.json")));
        assertFalse(Files.exists(home.resolve("report-plan-20261202T041500Z.json")));

        List<RunReport.HistoryLine> history = ReportHistory.list(List.of(reports, home));
        assertEquals(List.of("report-migrate-20261202T041600Z", "report-plan-20261202T041500Z"),
                history.stream().map(RunReport.HistoryLine::file).toList());
        assertEquals(2, history.get(0).where().size());
        assertEquals(Instant.parse("2026-12-02T05:02:13Z"), history.get(0).finished());
        // after mvn clean, the home's copy is the history
        List<RunReport.HistoryLine> afterClean = ReportHistory.list(List.of(dir.resolve("target/gone"), home));
        assertEquals(1, afterClean.size());
        assertEquals("SUCCEEDED", afterClean.get(0).outcome());
    }

    @Test
    void timesInTheOperatorsZoneAndDurationsAsPeopleSayThem() {
        Instant at = Instant.parse("2026-12-02T04:15:00Z");
        assertEquals("2026-12-02 05:15:00 +01:00", Times.local(at, ZoneId.of("Europe/Amsterdam")));
        assertEquals("2026-12-01 23:15:00 -05:00", Times.local(at, ZoneId.of("America/New_York")));
        assertEquals("20261202T041500Z", Times.stamp(at));
        assertEquals("850 ms", Times.duration(Duration.ofMillis(850)));
        assertEquals("4.2 s", Times.duration(Duration.ofMillis(4240)));
        assertEquals("13 s", Times.duration(Duration.ofSeconds(13)));
        assertEquals("2 min 13 s", Times.duration(Duration.ofSeconds(133)));
        assertEquals("1 h 02 min", Times.duration(Duration.ofMinutes(62)));
        TimeZone was = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            assertTrue(Times.local(at).endsWith("+05:30"), Times.local(at));
        } finally {
            TimeZone.setDefault(was);
        }
    }
}
