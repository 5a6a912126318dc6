package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseLockTest {

    @Test
    void postgresSecondRunIsRefusedNamingTheHolderAndTheLockIsFreeAfterClose() throws Exception {
        try (TestDatabases.TestDb tdb = TestDatabases.postgres(); Database db = DbFixtures.database(tdb)) {
            assertHeldThenReleased(db);
        }
    }

    @Test
    void mariadbSecondRunIsRefusedNamingTheHolderAndTheLockIsFreeAfterClose() throws Exception {
        try (TestDatabases.TestDb tdb = TestDatabases.mariadb(); Database db = DbFixtures.database(tdb)) {
            assertHeldThenReleased(db);
        }
    }

    @Test
    void postgresLockDiesWithTheSession() throws Exception {
        try (TestDatabases.TestDb tdb = TestDatabases.postgres(); Database db = DbFixtures.database(tdb)) {
            // Another process's session takes the lock, then is killed: the server frees the lock with it.
            try (Connection other = tdb.connect()) {
                try (PreparedStatement ps = other.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
                    ps.setString(1, DatabaseLock.DEFAULT_NAME + ":public"); // the name carries the schema
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next() && rs.getBoolean(1));
                    }
                }
                UpgradeException e = assertThrows(UpgradeException.class, () -> DatabaseLock.acquire(db, DatabaseLock.DEFAULT_NAME));
                assertEquals(ErrorCode.LOCK_HELD, e.code());
                int pid;
                try (Statement s = other.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    pid = rs.getInt(1);
                }
                assertTrue(e.getMessage().contains("backend " + pid), e.getMessage());
                try (Connection killer = tdb.connect(); Statement s = killer.createStatement()) {
                    s.execute("SELECT pg_terminate_backend(" + pid + ")");
                }
                Thread.sleep(200); // termination is asynchronous
            }
            try (DatabaseLock lock = DatabaseLock.acquire(db, DatabaseLock.DEFAULT_NAME)) {
                assertTrue(lock.isExclusive());
            }
        }
    }

    @Test
    void h2LockIsNotExclusiveAndSaysSo() throws Exception {
        try (Database db = DbFixtures.h2(TestDatabases.h2Url())) {
            try (DatabaseLock a = DatabaseLock.acquire(db, "x"); DatabaseLock b = DatabaseLock.acquire(db, "x")) {
                assertFalse(a.isExclusive());
                assertFalse(b.isExclusive());
            }
        }
    }

    private static void assertHeldThenReleased(Database db) {
        DatabaseLock first = DatabaseLock.acquire(db, DatabaseLock.DEFAULT_NAME);
        try {
            UpgradeException e = assertThrows(UpgradeException.class, () -> DatabaseLock.acquire(db, DatabaseLock.DEFAULT_NAME));
            assertEquals(ErrorCode.LOCK_HELD, e.code());
            assertEquals(UpgradeException.Kind.USER, e.kind());
            assertTrue(e.getMessage().contains("WSO2_SHARED_DB (shared_db)"), e.getMessage());
            assertTrue(e.getMessage().contains("It is held by "), e.getMessage());
            // a different lock name is independent
            DatabaseLock.acquire(db, "another-lock").close();
        } finally {
            first.close();
        }
        first.close(); // idempotent
        DatabaseLock.acquire(db, DatabaseLock.DEFAULT_NAME).close();
    }
}
