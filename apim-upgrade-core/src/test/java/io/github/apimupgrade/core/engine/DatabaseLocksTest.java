package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.api.DatabaseSessionOptions;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.testsupport.CountingProxy;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The locks and session checks of a run on real servers with several databases on one server (the seeds' own
 * layout: am_db, reg_db, um_db on one MySQL), and clients around them.
 */
class DatabaseLocksTest {
    private static final DatabaseSessionOptions DEFAULTS = DatabaseSessionOptions.defaults();
    private static final String EARLIER_APP = "apim-upgrade/20260101T000000-abcd";

    private final List<UpgradeEvent> events = new CopyOnWriteArrayList<>();
    private final EventSink sink = events::add;

    @Test
    void mariadbThreeDatabasesOfOneRunOnOneServer() {
        threeDatabasesOnOneServer(TestDatabases::mariadb);
    }

    @Test
    void postgresThreeDatabasesOfOneRunOnOneServer() {
        threeDatabasesOnOneServer(TestDatabases::postgres);
    }

    /** One run locks am, reg and um; a second run on them is refused; an unrelated deployment on the server is not. */
    private void threeDatabasesOnOneServer(Supplier<TestDatabases.TestDb> server) {
        try (TestDatabases.TestDb am = server.get(); TestDatabases.TestDb reg = server.get(); TestDatabases.TestDb um = server.get();
             TestDatabases.TestDb unrelated = server.get();
             Databases run = databases(Map.of(DatasourceRole.APIM_DB, am.url(), DatasourceRole.SHARED_DB, reg.url(),
                     DatasourceRole.USER_DB, um.url()), am.user());
             Databases second = databases(Map.of(DatasourceRole.APIM_DB, am.url(), DatasourceRole.SHARED_DB, reg.url(),
                     DatasourceRole.USER_DB, um.url()), am.user());
             Databases other = databases(Map.of(DatasourceRole.APIM_DB, unrelated.url()), am.user())) {
            try (DatabaseLocks locks = DatabaseLocks.acquire(run.all(), sink, DEFAULTS)) {
                assertEquals(3, locks.locks().size());
                UpgradeException e = assertThrows(UpgradeException.class, () -> DatabaseLocks.acquire(second.all(), sink, DEFAULTS));
                assertEquals(ErrorCode.LOCK_HELD, e.code(), e.getMessage());
                try (DatabaseLocks unrelatedLocks = DatabaseLocks.acquire(other.all(), sink, DEFAULTS)) {
                    assertEquals(1, unrelatedLocks.locks().size());
                }
                locks.verifyHeld();
            }
            // released (and the first run's connections closed: an idle MariaDB connection of another process is
            // a client like any other): the second run gets them now
            run.close();
            DatabaseLocks.acquire(second.all(), sink, DEFAULTS).close();
        }
    }

    @Test
    void mariadbSameDatabaseAsLocalhostAnd127001IsLockedOnce() {
        sameDatabaseTwoSpellings(TestDatabases::mariadb);
    }

    @Test
    void postgresSameDatabaseAsLocalhostAnd127001IsLockedOnce() {
        sameDatabaseTwoSpellings(TestDatabases::postgres);
    }

    private void sameDatabaseTwoSpellings(Supplier<TestDatabases.TestDb> server) {
        try (TestDatabases.TestDb db = server.get();
             Databases run = databases(Map.of(DatasourceRole.APIM_DB, db.url(),
                     DatasourceRole.SHARED_DB, db.url().replace("127.0.0.1", "localhost")), db.user())) {
            assertEquals(2, run.all().size(), "two spellings: two configured databases");
            try (DatabaseLocks locks = DatabaseLocks.acquire(run.all(), sink, DEFAULTS)) {
                assertEquals(1, locks.locks().size());
                assertTrue(messages().contains("locked once"), messages());
            }
        }
    }

    @Test
    void postgresForeignClientRefusesTheRunUnlessAccepted() throws Exception {
        foreignClient(TestDatabases::postgres);
    }

    @Test
    void mariadbForeignClientRefusesTheRunUnlessAccepted() throws Exception {
        foreignClient(TestDatabases::mariadb);
    }

    /** A plain JDBC connection on the database, as a running WSO2 node's pool holds it. */
    private void foreignClient(Supplier<TestDatabases.TestDb> server) throws Exception {
        try (TestDatabases.TestDb db = server.get();
             Databases run = databases(Map.of(DatasourceRole.APIM_DB, db.url()), db.user());
             Connection wso2 = db.connect()) {
            UpgradeException e = assertThrows(UpgradeException.class, () -> DatabaseLocks.acquire(run.all(), sink, DEFAULTS));
            assertEquals(ErrorCode.CLIENTS_CONNECTED, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("1 other client session(s)") && e.getMessage().contains(db.user() + "@"), e.getMessage());
            assertTrue(e.hint().contains("apim.upgrade.allowConnectedClients=true"), e.hint());

            try (DatabaseLocks locks = DatabaseLocks.acquire(run.all(), sink,
                    new DatabaseSessionOptions(false, null, true))) {
                assertEquals(1, locks.locks().size());
                assertTrue(events.stream().anyMatch(ev -> ev.level() == UpgradeEvent.Level.WARN
                        && ev.message().contains("accepted by allowConnectedClients")), messages());
            }
        }
        // nobody else connected: no refusal, no warning
        events.clear();
        try (TestDatabases.TestDb db = server.get(); Databases run = databases(Map.of(DatasourceRole.APIM_DB, db.url()), db.user());
             DatabaseLocks locks = DatabaseLocks.acquire(run.all(), sink, DEFAULTS)) {
            assertTrue(events.stream().noneMatch(ev -> ev.level() == UpgradeEvent.Level.WARN), messages());
        }
    }

    @Test
    void postgresEarlierRunStillExecutingIsWaitedForThenCancelled() throws Exception {
        earlierRun(TestDatabases::postgres, "SELECT pg_sleep(%d)");
    }

    @Test
    void mariadbEarlierRunStillExecutingIsWaitedForThenCancelled() throws Exception {
        earlierRun(TestDatabases::mariadb, "/* " + EARLIER_APP + " */ SELECT SLEEP(%d)");
    }

    /**
     * The leftover of a killed run: a session named like an earlier run, its client gone (the proxy it went through
     * is closed, as a killed JVM's sockets are), its statement still executing on the server.
     */
    private void earlierRun(Supplier<TestDatabases.TestDb> server, String sleepSql) throws Exception {
        DatabaseLocks.pollInterval = Duration.ofMillis(200);
        try (TestDatabases.TestDb db = server.get();
             Databases run = databases(Map.of(DatasourceRole.APIM_DB, db.url()), db.user())) {
            // 1. it finishes by itself while the run waits
            killedRunStatement(db, sleepSql.formatted(3));
            try (DatabaseLocks locks = DatabaseLocks.acquire(run.all(), sink, DEFAULTS)) {
                assertEquals(0, leftovers(db), "the run went on only after the earlier run's statement ended");
                assertTrue(messages().contains("Waiting for 1 session(s) of an earlier apim-upgrade run"), messages());
            }

            // 2. a bounded wait ends in EARLIER_RUN_ACTIVE naming the session
            killedRunStatement(db, sleepSql.formatted(60));
            UpgradeException e = assertThrows(UpgradeException.class, () -> DatabaseLocks.acquire(run.all(), sink,
                    new DatabaseSessionOptions(false, Duration.ofSeconds(1), false)));
            assertEquals(ErrorCode.EARLIER_RUN_ACTIVE, e.code());
            assertTrue(e.getMessage().contains("1 session(s) of an earlier apim-upgrade run"), e.getMessage());
            assertTrue(e.hint().contains("cancelEarlierRuns=true"), e.hint());

            // 3. cancelEarlierRuns ends it
            try (DatabaseLocks locks = DatabaseLocks.acquire(run.all(), sink, new DatabaseSessionOptions(true, Duration.ofSeconds(20), false))) {
                assertTrue(messages().contains("(cancelEarlierRuns)"), messages());
                assertEquals(0, leftovers(db), "the earlier run's statement was ended");
            }
        } finally {
            DatabaseLocks.pollInterval = Duration.ofSeconds(1);
        }
    }

    /** Starts the statement through a proxy, waits until the server executes it, then cuts the client off. */
    private static void killedRunStatement(TestDatabases.TestDb db, String sql) throws Exception {
        CountingProxy proxy = new CountingProxy("127.0.0.1", port(db.url()));
        Properties p = new Properties();
        p.setProperty("user", db.user());
        p.setProperty("password", db.password());
        if (db.kind().equals("postgresql")) {
            p.setProperty("ApplicationName", EARLIER_APP);
        }
        Connection leftover = DriverManager.getConnection(proxy.rewrite(db.url()), p);
        CompletableFuture.runAsync(() -> exec(leftover, sql));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (leftovers(db) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the earlier run's statement never started");
            }
            Thread.sleep(50);
        }
        proxy.close(); // kill -9 of the earlier run: its sockets close, the server goes on with the statement
    }

    /** The earlier run's sessions the server is still executing. */
    private static int leftovers(TestDatabases.TestDb db) throws Exception {
        String sql = db.kind().equals("postgresql")
                ? "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + EARLIER_APP + "' AND state = 'active'"
                : "SELECT count(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE '/* " + EARLIER_APP + "%'";
        try (Connection c = DriverManager.getConnection(db.adminUrl(), db.user(), db.password()); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int port(String url) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("//[^/:]+:(\\d+)").matcher(url);
        return m.find() ? Integer.parseInt(m.group(1)) : 5432;
    }

    private static void exec(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            // the client was cut off: expected
        }
    }

    private String messages() {
        return String.join("\n", events.stream().map(UpgradeEvent::message).toList());
    }

    static Databases databases(Map<DatasourceRole, String> urls, String user) {
        Map<DatasourceRole, Datasource> byRole = new EnumMap<>(DatasourceRole.class);
        urls.forEach((role, url) -> byRole.put(role, new Datasource("WSO2_" + role.name(), "jdbc/" + role.name(), url, user,
                Secret.of(""), null, null, null, Map.of(), "test:" + role.name())));
        return new Databases(byRole, new Redactor());
    }
}
