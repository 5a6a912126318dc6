package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.api.DatabaseSessionOptions;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: a lock session idle for the whole run is closed by the server's idle timeout, and a second run is let
 * in. With a short timeout for the test's own sessions (never a server-global setting): with the keep-alive the lock
 * survives 20 s idle; without it (the test hook) verifyHeld stops the run with LOCK_LOST.
 */
class LockKeepAliveTest {
    private static final DatabaseSessionOptions DEFAULTS = DatabaseSessionOptions.defaults();

    @Test
    void mariadbLockSurvivesWaitTimeoutOnlyWithKeepAlive() throws Exception {
        try (TestDatabases.TestDb kept = TestDatabases.mariadb(); TestDatabases.TestDb dropped = TestDatabases.mariadb()) {
            // wait_timeout=8 for this test's sessions only (the driver sets it per session)
            idleFor20s(kept.url() + "?sessionVariables=wait_timeout=8", dropped.url() + "?sessionVariables=wait_timeout=8",
                    kept.user());
        }
    }

    @Test
    void postgresLockSurvivesIdleSessionTimeoutOnlyWithKeepAlive() throws Exception {
        try (TestDatabases.TestDb kept = TestDatabases.postgres(); TestDatabases.TestDb dropped = TestDatabases.postgres()) {
            String role = kept.name() + "_idle";
            try (Connection c = kept.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + role + " LOGIN");
                s.execute("ALTER ROLE " + role + " SET idle_session_timeout = '8s'"); // this role's sessions only
            }
            try {
                idleFor20s(kept.url(), dropped.url(), role);
            } finally {
                try (Connection c = kept.connect(); Statement s = c.createStatement()) {
                    s.execute("DROP ROLE IF EXISTS " + role);
                }
            }
        }
    }

    private static void idleFor20s(String keptUrl, String droppedUrl, String user) throws Exception {
        try (Databases kept = DatabaseLocksTest.databases(Map.of(DatasourceRole.APIM_DB, keptUrl), user);
             Databases dropped = DatabaseLocksTest.databases(Map.of(DatasourceRole.SHARED_DB, droppedUrl), user);
             DatabaseLocks withKeepAlive = DatabaseLocks.acquire(kept.all(), EventSink.discard(), DEFAULTS);
             DatabaseLocks without = DatabaseLocks.acquire(dropped.all(), EventSink.discard(), DEFAULTS, Duration.ZERO)) {
            assertTrue(withKeepAlive.locks().get(0).keepsAlive());
            Thread.sleep(20_000); // the run's steps work elsewhere; the lock sessions idle
            withKeepAlive.verifyHeld();
            UpgradeException e = assertThrows(UpgradeException.class, without::verifyHeld);
            assertEquals(ErrorCode.LOCK_LOST, e.code());
            assertEquals(UpgradeException.Kind.USER, e.kind());
            assertTrue(e.getMessage().contains("WSO2_SHARED_DB (shared_db)") && e.getMessage().contains("no longer held"), e.getMessage());
        }
    }
}
