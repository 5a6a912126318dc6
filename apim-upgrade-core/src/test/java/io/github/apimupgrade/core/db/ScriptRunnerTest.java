package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptRunnerTest {
    private static final String GOOD = """
            -- a comment
            CREATE TABLE T1 (A INT, B VARCHAR(20));
            CREATE INDEX T1_IND_A ON T1 (A);
            INSERT INTO T1 (A, B) VALUES (1, 'x');
            INSERT INTO T1 (A, B) VALUES (2, 'y');
            UPDATE T1 SET B = 'z';
            """;
    /** Fails at statement 4 (line 5): no table T2. The password literal must be masked in the message. */
    private static final String BAD = """
            -- a comment
            CREATE TABLE T1 (A INT, B VARCHAR(20));
            CREATE INDEX T1_IND_A ON T1 (A);
            INSERT INTO T1 (A, B) VALUES (1, 'x');
            INSERT INTO T2 (A, B) VALUES (2, 'S3cretPw!');
            UPDATE T1 SET B = 'z';
            """;

    private final List<UpgradeEvent> events = new CopyOnWriteArrayList<>();
    private final EventSink sink = events::add;

    @Test
    void postgresRollsBackTheWholeScriptOnFailureThenRunsOnceAndSkips() throws Exception {
        try (TestDatabases.TestDb tdb = TestDatabases.postgres(); Database db = DbFixtures.database(tdb)) {
            ScriptRunner runner = runner(db);
            UpgradeException e = assertThrows(UpgradeException.class, () -> runner.run("step-a", SqlScript.of("x/postgresql.sql", "postgresql", BAD)));
            assertFailureMessage(e, "postgresql");
            assertTrue(e.hint().contains("rolled back"), e.hint());
            try (Connection c = tdb.connect()) {
                assertFalse(tableExists(c, "t1"), "statement 1 must have been rolled back");
            }
            assertRunsThenSkipsThenRefusesChange(db, runner, "x/postgresql.sql", "postgresql");
        }
    }

    @Test
    void mariadbKeepsCommittedStatementsAndTheRerunSkipsThem() throws Exception {
        try (TestDatabases.TestDb tdb = TestDatabases.mariadb(); Database db = DbFixtures.database(tdb)) {
            guardedRerun(db, "mariadb");
        }
    }

    @Test
    void h2KeepsCommittedStatementsAndTheRerunSkipsThem() throws Exception {
        try (Database db = DbFixtures.h2(TestDatabases.h2Url())) {
            guardedRerun(db, "h2");
        }
    }

    private void guardedRerun(Database db, String dialect) throws Exception {
        ScriptRunner runner = runner(db);
        String id = "x/" + dialect + ".sql";
        UpgradeException e = assertThrows(UpgradeException.class, () -> runner.run("step-a", SqlScript.of(id, dialect, BAD)));
        assertFailureMessage(e, dialect);
        assertTrue(e.hint().contains("Statements 1-3 were applied"), e.hint());
        try (Connection c = db.connect()) {
            assertTrue(tableExists(c, "T1"), "non-transactional: statement 1 stays applied");
        }
        // the fixed script: CREATE TABLE and CREATE INDEX are already there and are skipped; the insert of row 1
        // ran before the crash, so it runs twice (DML in real scripts is written to be repeatable)
        ScriptRunner.Result r = runner.run("step-a", SqlScript.of(id, dialect, GOOD));
        assertEquals(2, r.guarded());
        assertEquals(5, r.statements());
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM T1 WHERE B = 'z'")) {
            rs.next();
            assertEquals(3, rs.getInt(1));
        }
        assertTrue(events.stream().anyMatch(ev -> ev.message().contains("skipped: create table T1: already done")), events::toString);
        assertTrue(events.stream().anyMatch(ev -> ev.message().contains("skipped: create index T1_IND_A on T1: already done")), events::toString);
        HistoryTable h = new HistoryTable(db, Clock.systemUTC());
        List<HistoryTable.Entry> rows = h.rows("step-a");
        assertEquals(2, rows.size());
        assertEquals(Boolean.FALSE, rows.get(0).success());
        assertTrue(rows.get(0).message().startsWith("statement 4 of 5 (line 5)"), rows.get(0).message());
        assertFalse(rows.get(0).message().contains("S3cretPw!"));
        assertTrue(rows.get(1).succeeded());
        assertEquals(5L, rows.get(1).rows()); // 1 + 1 inserted, 3 updated
    }

    private void assertRunsThenSkipsThenRefusesChange(Database db, ScriptRunner runner, String id, String dialect) {
        ScriptRunner.Result r = runner.run("step-a", SqlScript.of(id, dialect, GOOD));
        assertFalse(r.skipped());
        assertEquals(4, r.rows()); // 2 inserted + 2 updated
        ScriptRunner.Result again = runner.run("step-a", SqlScript.of(id, dialect, GOOD));
        assertTrue(again.skipped());
        assertTrue(events.stream().anyMatch(ev -> ev.message().contains(id + " already applied on WSO2_SHARED_DB (shared_db)")));
        UpgradeException changed = assertThrows(UpgradeException.class,
                () -> runner.run("step-a", SqlScript.of(id, dialect, GOOD + "\nUPDATE T1 SET B = 'w';\n")));
        assertEquals(ErrorCode.SCRIPT_CHANGED, changed.code());
        assertEquals(UpgradeException.Kind.USER, changed.kind());
        List<HistoryTable.Entry> rows = new HistoryTable(db, Clock.systemUTC()).rows("step-a");
        assertEquals(2, rows.size(), "a skipped or refused script writes no history row");
    }

    private static void assertFailureMessage(UpgradeException e, String dialect) {
        assertEquals(ErrorCode.SCRIPT_FAILED, e.code());
        String m = e.getMessage();
        assertTrue(m.contains("Script x/" + dialect + ".sql failed at statement 4 of 5 (line 5) on WSO2_SHARED_DB (shared_db)"), m);
        assertTrue(m.contains("SQLState 42"), m); // undefined table: 42P01 / 42S02 / 42S04
        assertTrue(m.contains("INSERT INTO T2 (A, B) VALUES (2, '****')"), m);
        assertFalse(m.contains("S3cretPw!"), m);
        assertEquals("x/" + dialect + ".sql:5", e.location());
    }

    private ScriptRunner runner(Database db) {
        Redactor redactor = new Redactor();
        redactor.register("S3cretPw!");
        return ScriptRunner.of(db, sink, redactor, Clock.systemUTC());
    }

    private static boolean tableExists(Connection c, String name) throws Exception {
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, name, null)) {
            return rs.next();
        }
    }
}
