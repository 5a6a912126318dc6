package io.github.apimupgrade.core.db.dialect;

import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lock SQL of the dialects that run here really excludes a second session, and is released. */
class DialectLockSqlTest {

    @Test
    void h2_sentinel_row_lock_excludes_a_second_session_until_the_holder_rolls_back() throws Exception {
        String url = TestDatabases.h2Url();
        Dialect d = Dialects.H2;
        try (Connection setup = DriverManager.getConnection(url, "sa", "");
             Connection holder = DriverManager.getConnection(url, "sa", "");
             Connection other = DriverManager.getConnection(url, "sa", "")) {
            exec(setup, d.historyTableDdl());
            holder.setAutoCommit(false);
            other.setAutoCommit(false);
            exec(other, "SET LOCK_TIMEOUT 100");
            for (String sql : d.lockTableSql()) exec(holder, sql);

            SQLException held = assertThrows(SQLException.class, () -> { for (String sql : d.lockTableSql()) exec(other, sql); });
            assertEquals(50200, held.getErrorCode(), held.getMessage());
            other.rollback();
            assertEquals("0", one(setup, "SELECT COUNT(*) FROM APIM_UPGRADE_HISTORY"), "the sentinel is never visible");

            holder.rollback();
            for (String sql : d.lockTableSql()) exec(other, sql);
            other.rollback();
        }
    }

    @Test
    void postgresql_advisory_lock_is_per_session() throws Exception {
        namedLock(TestDatabases::postgres, Dialects.POSTGRESQL);
    }

    @Test
    void mariadb_get_lock_is_per_session() throws Exception {
        namedLock(TestDatabases::mariadb, Dialects.MARIADB);
    }

    private static void namedLock(Supplier<TestDatabases.TestDb> server, Dialect d) throws Exception {
        try (TestDatabases.TestDb db = server.get();
             Connection holder = db.connect();
             Connection other = db.connect()) {
            assertTrue(tryLock(holder, d, "apim-upgrade:am_db"));
            assertFalse(tryLock(other, d, "apim-upgrade:am_db"));
            assertTrue(tryLock(other, d, "apim-upgrade:other"));
            try (PreparedStatement ps = holder.prepareStatement(d.unlockSql())) {
                ps.setString(1, "apim-upgrade:am_db");
                ps.execute();
            }
            assertTrue(tryLock(other, d, "apim-upgrade:am_db"));
            other.close(); // a session that ends releases its locks (the process died)
            // the server ends a closed session's backend asynchronously: give it a bounded moment
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            boolean taken = tryLock(holder, d, "apim-upgrade:am_db");
            while (!taken && System.nanoTime() < deadline) {
                Thread.sleep(100);
                taken = tryLock(holder, d, "apim-upgrade:am_db");
            }
            assertTrue(taken, "the lock of a closed session is released");
        }
    }

    private static boolean tryLock(Connection c, Dialect d, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(d.tryLockSql())) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getBoolean(1);
            }
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
