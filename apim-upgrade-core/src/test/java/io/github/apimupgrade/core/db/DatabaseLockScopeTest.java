package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lock is per database (schema), the identity sees through spellings and users, and kill -9 leaves no lock. */
class DatabaseLockScopeTest {

    @Test
    void mariadbTwoDatabasesOnOneServerLockIndependently() {
        twoDatabasesIndependent(TestDatabases::mariadb);
    }

    @Test
    void postgresTwoDatabasesOnOneServerLockIndependently() {
        twoDatabasesIndependent(TestDatabases::postgres);
    }

    private static void twoDatabasesIndependent(Supplier<TestDatabases.TestDb> server) {
        try (TestDatabases.TestDb a = server.get(); TestDatabases.TestDb b = server.get();
             Database am = DbFixtures.database(a); Database reg = DbFixtures.database(b);
             Database amAgain = DbFixtures.database(a)) {
            try (DatabaseLock onAm = DatabaseLock.acquire(am, DatabaseLock.DEFAULT_NAME);
                 DatabaseLock onReg = DatabaseLock.acquire(reg, DatabaseLock.DEFAULT_NAME)) {
                // both held at once: MySQL/MariaDB by the database in the name, PostgreSQL advisory locks by their
                // database (pg_locks.database), whatever the name
                assertTrue(onAm.isExclusive() && onReg.isExclusive());
                UpgradeException e = assertThrows(UpgradeException.class, () -> DatabaseLock.acquire(amAgain, DatabaseLock.DEFAULT_NAME));
                assertEquals(ErrorCode.LOCK_HELD, e.code(), "the same database still excludes a second run");
            }
        }
    }

    @Test
    void mariadbLockNameCarriesTheDatabase() {
        try (TestDatabases.TestDb a = TestDatabases.mariadb(); Database am = DbFixtures.database(a);
             DatabaseLock lock = DatabaseLock.acquire(am, DatabaseLock.DEFAULT_NAME)) {
            assertEquals("apim-upgrade:" + a.name(), lock.name());
        }
    }

    @Test
    void postgresIdentityIsTheSameThroughLocalhostAndAnotherUser() throws Exception {
        try (TestDatabases.TestDb a = TestDatabases.postgres(); TestDatabases.TestDb other = TestDatabases.postgres()) {
            String role = a.name() + "_u";
            try (Connection c = a.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + role + " LOGIN");
            }
            try (Database viaIp = DbFixtures.database(a);
                 Database viaName = db(a.url().replace("127.0.0.1", "localhost"), role);
                 Database elsewhere = DbFixtures.database(other)) {
                assertEquals(viaIp.identity(), viaName.identity());
                assertTrue(viaIp.identity().fromServer(), viaIp.identity().toString());
                assertNotEquals(viaIp.identity(), elsewhere.identity(), "another database on the same server");
                assertEquals(1, Databases.byIdentity(java.util.List.of(viaIp, viaName, elsewhere)).values().stream()
                        .filter(g -> g.size() == 2).count());
            } finally {
                try (Connection c = a.connect(); Statement s = c.createStatement()) {
                    s.execute("DROP ROLE IF EXISTS " + role);
                }
            }
        }
    }

    @Test
    void mariadbIdentityIsTheSameThroughLocalhostAnd127001() {
        try (TestDatabases.TestDb a = TestDatabases.mariadb();
             Database viaIp = DbFixtures.database(a);
             Database viaName = db(a.url().replace("127.0.0.1", "localhost"), a.user())) {
            assertEquals(viaIp.identity(), viaName.identity());
            assertTrue(viaIp.identity().server().startsWith("mariadb:"), viaIp.identity().toString());
        }
    }

    @Test
    void normalisedHostTreatsLoopbackSpellingsAsOneAndFillsDefaultPorts() {
        assertEquals(DatabaseIdentity.normalisedHost("jdbc:mysql://localhost/am_db"),
                DatabaseIdentity.normalisedHost("jdbc:mysql://127.0.0.1:3306/am_db?useSSL=false"));
        assertEquals("postgresql:loopback:5432", DatabaseIdentity.normalisedHost("jdbc:postgresql://[::1]/x"));
        assertEquals("sqlserver:loopback:1433", DatabaseIdentity.normalisedHost("jdbc:sqlserver://localhost;databaseName=am"));
        assertEquals("oracle:loopback:1521", DatabaseIdentity.normalisedHost("jdbc:oracle:thin:@localhost:1521/ORCLPDB1"));
        assertEquals("oracle:loopback:1522", DatabaseIdentity.normalisedHost(
                "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=127.0.0.1)(PORT=1522))(CONNECT_DATA=(SERVICE_NAME=am)))"));
        assertEquals("db2:loopback:50000", DatabaseIdentity.normalisedHost("jdbc:db2://localhost:50000/WSO2AM"));
    }

    @Test
    void postgresKillMinus9OfTheHolderLeavesNoLock() throws Exception {
        killedHolderLeavesNoLock(TestDatabases::postgres);
    }

    @Test
    void mariadbKillMinus9OfTheHolderLeavesNoLock() throws Exception {
        killedHolderLeavesNoLock(TestDatabases::mariadb);
    }

    private static void killedHolderLeavesNoLock(Supplier<TestDatabases.TestDb> server) throws Exception {
        try (TestDatabases.TestDb a = server.get(); Database db = DbFixtures.database(a)) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName(), a.url(), a.user(), a.password())
                    .redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = out.readLine()) != null && !line.startsWith("LOCKED ")) {
                    // the child's own output before it holds the lock
                }
                assertTrue(line != null, "the child took the lock");
                UpgradeException held = assertThrows(UpgradeException.class, () -> DatabaseLock.acquire(db, DatabaseLock.DEFAULT_NAME));
                assertEquals(ErrorCode.LOCK_HELD, held.code());
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no release
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                assertEquals(137, child.exitValue(), "killed by SIGKILL");
                // the server notices the closed socket at once; bounded, not timed
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                DatabaseLock lock = null;
                while (lock == null) {
                    try {
                        lock = DatabaseLock.acquire(db, DatabaseLock.DEFAULT_NAME);
                    } catch (UpgradeException e) {
                        if (System.nanoTime() > deadline) {
                            throw e;
                        }
                        Thread.sleep(100);
                    }
                }
                lock.close();
            } finally {
                child.destroyForcibly();
            }
        }
    }

    private static Database db(String url, String user) {
        return new Database(Set.of(DatasourceRole.SHARED_DB), DbFixtures.datasource("WSO2_SHARED_DB", url, user, ""), new Redactor());
    }
}
