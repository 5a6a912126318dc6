package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.DbFixtures;
import io.github.apimupgrade.core.db.ScriptRunner;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** reg-index.sql on real databases: the latest REG_LOG row per path and tenant stays, deleted resources go. */
class RegIndexScriptTest {

    static void createRegLog(Database db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("CREATE TABLE REG_LOG (REG_LOG_ID INTEGER NOT NULL, REG_PATH VARCHAR(750), REG_USER_ID VARCHAR(31) NOT NULL, "
                    + "REG_LOGGED_TIME TIMESTAMP NOT NULL, REG_ACTION INTEGER NOT NULL, REG_ACTION_DATA VARCHAR(500), "
                    + "REG_TENANT_ID INTEGER DEFAULT 0 NOT NULL, PRIMARY KEY (REG_LOG_ID, REG_TENANT_ID))");
            String[] rows = {"1, '/a', 1, -1234", "2, '/a', 2, -1234", "3, '/b', 1, -1234", "4, '/b', 7, -1234", "5, '/a', 1, 1"};
            for (String r : rows) {
                String[] v = r.split(", ");
                s.execute("INSERT INTO REG_LOG (REG_LOG_ID, REG_PATH, REG_USER_ID, REG_LOGGED_TIME, REG_ACTION, REG_TENANT_ID) "
                        + "VALUES (" + v[0] + ", " + v[1] + ", 'admin', CURRENT_TIMESTAMP, " + v[2] + ", " + v[3] + ")");
            }
        }
    }

    static List<String> regLog(Database db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT REG_LOG_ID, REG_TENANT_ID FROM REG_LOG ORDER BY REG_LOG_ID")) {
            while (rs.next()) {
                out.add(rs.getInt(1) + "@" + rs.getInt(2));
            }
        }
        return out;
    }

    private static void trimsAndRepeats(Database db) throws Exception {
        createRegLog(db);
        ScriptRunner runner = ScriptRunner.of(db, EventSink.discard(), new Redactor(), Clock.systemUTC());
        ScriptRunner.Result first = runner.run("reindex", ReindexStep.regIndex(db));
        assertFalse(first.skipped());
        assertEquals(List.of("2@-1234", "5@1"), regLog(db));
        // this database only: other databases on a shared server may hold anything
        try (Connection c = db.connect(); ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", null)) {
            while (rs.next()) {
                assertFalse(rs.getString("TABLE_NAME").toUpperCase(java.util.Locale.ROOT).contains("KEEP"), "work table dropped");
            }
        }
        assertTrue(runner.run("reindex", ReindexStep.regIndex(db)).skipped(), "recorded in the history table");
    }

    @Test
    void h2() throws Exception {
        try (Database db = DbFixtures.h2(TestDatabases.h2Url())) {
            trimsAndRepeats(db);
        }
    }

    @Test
    void postgresql() throws Exception {
        try (TestDatabases.TestDb t = TestDatabases.postgres(); Database db = DbFixtures.database(t)) {
            trimsAndRepeats(db);
        }
    }

    @Test
    void mariadb() throws Exception {
        try (TestDatabases.TestDb t = TestDatabases.mariadb(); Database db = DbFixtures.database(t)) {
            trimsAndRepeats(db);
        }
    }
}
