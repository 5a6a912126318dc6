package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.testsupport.CountingProxy;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first contact with a database is one login, however often the run asks, and its failure says what is wrong
 * (counted at a TCP proxy in front of the real server, not by the code under test).
 */
class FirstContactTest {
    private static final String PASSWORD = "Wr0ng-Secret-4711";

    @Test
    void postgresWrongPasswordIsOneAttemptAndSaysLoginRefused() throws Exception {
        wrongPassword(TestDatabases::postgres, "wso2_missing_user");
    }

    @Test
    void mariadbWrongPasswordIsOneAttemptAndSaysLoginRefused() throws Exception {
        wrongPassword(TestDatabases::mariadb, "wso2_missing_user");
    }

    private static void wrongPassword(Supplier<TestDatabases.TestDb> server, String user) throws Exception {
        try (TestDatabases.TestDb tdb = server.get()) {
            // the local test servers trust 127.0.0.1 for existing users (CI runs as postgres/root without a
            // password), so the refused login is a user that does not exist: the server answers it as it answers a
            // wrong password (SQLSTATE 28000 / 28P01, MySQL error 1045), which is what the classification reads
            String login = user;
            try (CountingProxy proxy = new CountingProxy("127.0.0.1", port(tdb.url()));
                 Database db = database(proxy.rewrite(tdb.url()), login, PASSWORD)) {
                long start = System.nanoTime();
                UpgradeException first = assertThrows(UpgradeException.class, db::dialect);
                assertThrows(UpgradeException.class, db::connect);
                assertThrows(UpgradeException.class, db::openSession);
                assertThrows(UpgradeException.class, db::identity);
                long millis = (System.nanoTime() - start) / 1_000_000;

                assertEquals(1, proxy.connections(), "one login attempt at the server, whatever the run asks");
                assertEquals(1, db.loginAttempts());
                assertTrue(millis < 5_000, "fails within 5 s, took " + millis + " ms");
                assertEquals(ErrorCode.CREDENTIALS, first.code(), first.getMessage());
                assertTrue(first.getMessage().contains("refused the login of user '" + login + "'"), first.getMessage());
                assertTrue(first.getMessage().contains("WSO2AM_DB (apim_db)"), first.getMessage());
                assertTrue(first.hint().contains("will not retry"), first.hint());
                assertFalse(first.getMessage().contains(PASSWORD) || first.hint().contains(PASSWORD));
            }
        }
    }

    /** After a good first contact the pool draws from the same factory: a login refused later is not retried. */
    @Test
    void mariadbPasswordChangedDuringTheRunIsNotRetriedByThePool() throws Exception {
        try (TestDatabases.TestDb tdb = TestDatabases.mariadb()) {
            String user = tdb.name() + "_u";
            try (Connection c = tdb.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'right-one'");
                s.execute("GRANT ALL ON " + tdb.name() + ".* TO '" + user + "'@'%'");
            }
            try (CountingProxy proxy = new CountingProxy("127.0.0.1", port(tdb.url()));
                 Database db = database(proxy.rewrite(tdb.url()), user, "right-one")) {
                db.dialect();
                try (Connection held = db.connect()) {
                    assertEquals(2, proxy.connections());
                    try (Connection c = tdb.connect(); Statement s = c.createStatement()) {
                        s.execute("ALTER USER '" + user + "'@'%' IDENTIFIED BY 'changed'");
                    }
                    UpgradeException e = assertThrows(UpgradeException.class, db::connect); // a new physical connection
                    assertEquals(ErrorCode.CREDENTIALS, e.code(), e.getMessage());
                    assertThrows(UpgradeException.class, db::connect);
                    assertThrows(UpgradeException.class, db::openSession);
                    assertEquals(3, proxy.connections(), "the refused login was tried once, never again");
                }
            } finally {
                try (Connection c = tdb.connect(); Statement s = c.createStatement()) {
                    s.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                }
            }
        }
    }

    @Test
    void unknownHostSaysSo() {
        try (Database db = database("jdbc:postgresql://no-such-host.invalid:5432/apim", "wso2", PASSWORD)) {
            UpgradeException e = assertThrows(UpgradeException.class, db::dialect);
            assertEquals(ErrorCode.DATASOURCE_UNREACHABLE, e.code());
            assertTrue(e.getMessage().contains("unknown host"), e.getMessage());
            assertTrue(e.getMessage().contains("WSO2AM_DB (apim_db)") && e.getMessage().contains("no-such-host.invalid"), e.getMessage());
            assertTrue(e.hint().contains("host name"), e.hint());
            assertEquals(1, db.loginAttempts());
        }
    }

    @Test
    void refusedPortSaysSoForEitherDriver() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free now, so nothing listens there
        }
        for (String url : new String[] {"jdbc:postgresql://127.0.0.1:" + port + "/apim", "jdbc:mariadb://127.0.0.1:" + port + "/apim"}) {
            try (Database db = database(url, "wso2", PASSWORD)) {
                UpgradeException e = assertThrows(UpgradeException.class, db::connect);
                assertEquals(ErrorCode.DATASOURCE_UNREACHABLE, e.code());
                assertTrue(e.getMessage().contains("connection refused"), url + ": " + e.getMessage());
                assertTrue(e.hint().contains("port"), e.hint());
            }
        }
    }

    @Test
    void postgresMissingDatabaseSaysSo() throws Exception {
        try (TestDatabases.TestDb tdb = TestDatabases.postgres();
             Database db = database(TestDatabasesUrls.withDatabase(tdb.url(), "apimup_no_such_db"), tdb.user(), tdb.password())) {
            UpgradeException e = assertThrows(UpgradeException.class, db::dialect);
            assertEquals(ErrorCode.DATASOURCE_UNREACHABLE, e.code());
            assertTrue(e.getMessage().contains("no such database"), e.getMessage());
        }
    }

    @Test
    void mariadbMissingDatabaseSaysSo() throws Exception {
        try (TestDatabases.TestDb tdb = TestDatabases.mariadb();
             Database db = database(TestDatabasesUrls.withDatabase(tdb.url(), "apimup_no_such_db"), tdb.user(), tdb.password())) {
            UpgradeException e = assertThrows(UpgradeException.class, db::dialect);
            assertTrue(e.getMessage().contains("no such database"), e.getMessage());
        }
    }

    @Test
    void everyConnectionCarriesTheRunsApplicationName() throws Exception {
        try (TestDatabases.TestDb tdb = TestDatabases.postgres();
             Database db = database(tdb.url(), tdb.user(), tdb.password())) {
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()")) {
                rs.next();
                assertEquals(db.runTag().applicationName(), rs.getString(1));
            }
        }
        try (TestDatabases.TestDb tdb = TestDatabases.mariadb();
             Database db = database(tdb.url(), tdb.user(), tdb.password())) {
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT INFO FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()")) {
                rs.next();
                assertTrue(rs.getString(1).startsWith(db.runTag().sqlComment()), rs.getString(1));
            }
            assertFalse(db.sessionIds().isEmpty(), "the session ids of the run's connections are recorded");
        }
    }

    static Database database(String url, String user, String password) {
        return new Database(Set.of(DatasourceRole.APIM_DB), new Datasource("WSO2AM_DB", "jdbc/WSO2AM_DB", url, user,
                Secret.of(password), null, null, null, Map.of(), "master-datasources.xml:31"), new Redactor());
    }

    static int port(String url) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("//[^/:]+:(\\d+)").matcher(url);
        return m.find() ? Integer.parseInt(m.group(1)) : 5432;
    }

    /** URL edits for the tests in this package. */
    static final class TestDatabasesUrls {
        static String withDatabase(String url, String name) {
            return url.replaceFirst("(//[^/]+/)[^?;]*", "$1" + name);
        }
    }
}
