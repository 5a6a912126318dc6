package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryTableTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @Test
    void h2() throws Exception {
        try (Database db = DbFixtures.h2(TestDatabases.h2Url())) {
            exercise(db);
        }
    }

    @Test
    void postgres() throws Exception {
        try (TestDatabases.TestDb tdb = TestDatabases.postgres(); Database db = DbFixtures.database(tdb)) {
            exercise(db);
        }
    }

    @Test
    void mariadb() throws Exception {
        try (TestDatabases.TestDb tdb = TestDatabases.mariadb(); Database db = DbFixtures.database(tdb)) {
            exercise(db);
        }
    }

    private static void exercise(Database db) {
        HistoryTable h = new HistoryTable(db, CLOCK);
        assertFalse(h.exists());
        assertEquals(List.of(), h.rows());
        h.ensure();
        h.ensure(); // second time: no error
        assertTrue(h.exists());

        long crashed = h.recordStart("migrate-registry-versioning", "registry-versioning-cleanup/x.sql", "aa");
        long ok = h.recordStart("migrate-registry-versioning", "registry-versioning-cleanup/x.sql", "bb");
        h.recordEnd(ok, true, 42, "done");
        long failed = h.recordStart("other-step", "s.sql", "cc");
        h.recordEnd(failed, false, 0, "x".repeat(5000));

        List<HistoryTable.Entry> rows = h.rows();
        assertEquals(3, rows.size());
        HistoryTable.Entry first = rows.get(0);
        assertEquals(crashed, first.id());
        assertTrue(first.unfinished());
        assertNull(first.finished());
        assertNull(first.rows());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), first.started());

        HistoryTable.Entry success = h.lastSuccess("migrate-registry-versioning", "registry-versioning-cleanup/x.sql").orElseThrow();
        assertEquals(ok, success.id());
        assertEquals("bb", success.sha256());
        assertEquals(42L, success.rows());
        assertEquals("done", success.message());
        assertEquals("dev", success.toolVersion());
        assertTrue(h.lastSuccess("other-step", "s.sql").isEmpty());
        HistoryTable.Entry last = h.last("other-step", "s.sql").orElseThrow();
        assertEquals(Boolean.FALSE, last.success());
        assertEquals(2000, last.message().length());
        assertEquals(2, h.rows("migrate-registry-versioning").size());
    }
}
