package io.github.apimupgrade.core.testsupport;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.MariaDBContainer;
import org.testcontainers.containers.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Real databases for tests. Each call creates a fresh, uniquely named database and drops it on close.
 * <ul>
 *   <li>{@code APIM_UPGRADE_TEST_PG_URL} / {@code APIM_UPGRADE_TEST_MARIADB_URL} (set by .ci/run): an admin JDBC URL of a
 *       running server (users from {@code APIM_UPGRADE_TEST_PG_USER}/{@code _PASSWORD}, default postgres/empty and root/empty);</li>
 *   <li>otherwise Testcontainers, when a Docker engine is available;</li>
 *   <li>otherwise the test is skipped (assumption), never failed.</li>
 * </ul>
 */
public final class TestDatabases {
    private static JdbcDatabaseContainer<?> pgContainer;
    private static JdbcDatabaseContainer<?> mariaContainer;

    private TestDatabases() {
    }

    /** A fresh database on a live server. */
    public record TestDb(String kind, String url, String user, String password, String adminUrl, String name)
            implements AutoCloseable {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public void close() {
            try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
                if (kind.equals("postgresql")) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } else {
                    s.execute("DROP DATABASE IF EXISTS " + name);
                }
            } catch (SQLException e) {
                // a leftover test database is harmless; do not hide the test's own result
            }
        }
    }

    public static TestDb postgres() {
        String url = System.getenv("APIM_UPGRADE_TEST_PG_URL");
        String user = envOr("APIM_UPGRADE_TEST_PG_USER", "postgres");
        String password = envOr("APIM_UPGRADE_TEST_PG_PASSWORD", "");
        if (url == null || url.isBlank()) {
            JdbcDatabaseContainer<?> c = container("postgresql");
            url = c.getJdbcUrl();
            user = c.getUsername();
            password = c.getPassword();
        }
        String name = uniqueName();
        exec(url, user, password, "CREATE DATABASE " + name);
        return new TestDb("postgresql", replaceDatabase(url, name), user, password, url, name);
    }

    public static TestDb mariadb() {
        String url = System.getenv("APIM_UPGRADE_TEST_MARIADB_URL");
        String user = envOr("APIM_UPGRADE_TEST_MARIADB_USER", "root");
        String password = envOr("APIM_UPGRADE_TEST_MARIADB_PASSWORD", "");
        if (url == null || url.isBlank()) {
            JdbcDatabaseContainer<?> c = container("mariadb");
            url = c.getJdbcUrl();
            user = "root";
            password = c.getPassword();
        }
        String name = uniqueName();
        exec(url, user, password, "CREATE DATABASE " + name);
        return new TestDb("mariadb", replaceDatabase(url, name), user, password, url, name);
    }

    /** A fresh in-memory H2 2.x database (always available). */
    public static String h2Url() {
        return "jdbc:h2:mem:" + uniqueName() + ";DB_CLOSE_DELAY=-1";
    }

    private static synchronized JdbcDatabaseContainer<?> container(String kind) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            docker = false;
        }
        Assumptions.assumeTrue(docker, "no " + kind + " server: set APIM_UPGRADE_TEST_"
                + (kind.equals("postgresql") ? "PG" : "MARIADB") + "_URL or run where Docker is available");
        if (kind.equals("postgresql")) {
            if (pgContainer == null) {
                pgContainer = new PostgreSQLContainer<>("postgres:15");
                pgContainer.start();
            }
            return pgContainer;
        }
        if (mariaContainer == null) {
            mariaContainer = new MariaDBContainer<>("mariadb:10.11");
            mariaContainer.start();
        }
        return mariaContainer;
    }

    private static void exec(String url, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            Assumptions.abort("database server at " + url + " not usable: " + e.getMessage());
        }
    }

    /** Swaps the database name in a jdbc:postgresql://h:p/db?x or jdbc:mariadb://h:p/db?x URL. */
    static String replaceDatabase(String url, String name) {
        int hostStart = url.indexOf("//") + 2;
        int slash = url.indexOf('/', hostStart);
        int q = url.indexOf('?', hostStart);
        String tail = q >= 0 ? url.substring(q) : "";
        String head = slash >= 0 ? url.substring(0, slash) : (q >= 0 ? url.substring(0, q) : url);
        return head + "/" + name + tail;
    }

    private static String uniqueName() {
        return "apimup_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    private static String envOr(String k, String d) {
        String v = System.getenv(k);
        return v == null ? d : v;
    }
}
