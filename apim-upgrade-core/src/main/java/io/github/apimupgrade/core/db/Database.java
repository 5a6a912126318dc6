package io.github.apimupgrade.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.dialect.Dialect;
import io.github.apimupgrade.core.db.dialect.Dialects;
import io.github.apimupgrade.core.event.Redactor;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * One of the user's databases, opened lazily through a small HikariCP pool. Several roles may share one
 * database (the registry and the user store, typically); they then share one {@code Database}.
 */
public final class Database implements AutoCloseable {
    private final Set<DatasourceRole> roles;
    private final Datasource datasource;
    private final Redactor redactor;
    private HikariDataSource pool;
    private Dialect dialect;

    public Database(Set<DatasourceRole> roles, Datasource datasource, Redactor redactor) {
        this.roles = Set.copyOf(roles);
        this.datasource = datasource;
        this.redactor = redactor;
        redactor.register(datasource.password().reveal());
    }

    public Set<DatasourceRole> roles() {
        return roles;
    }

    public Datasource datasource() {
        return datasource;
    }

    /** "WSO2AM_DB (apim_db)": how messages name this database. */
    public String label() {
        return datasource.name() + " (" + String.join(", ", roles.stream().map(DatasourceRole::tomlName).sorted().toList()) + ")";
    }

    public synchronized Connection connect() {
        try {
            return pool().getConnection();
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    public synchronized Dialect dialect() {
        if (dialect == null) {
            try (Connection c = connect()) {
                dialect = Dialects.detect(c.getMetaData());
            } catch (SQLException e) {
                throw unreachable(e);
            }
        }
        return dialect;
    }

    private HikariDataSource pool() {
        if (pool == null) {
            HikariConfig cfg = new HikariConfig();
            cfg.setPoolName("apim-upgrade-" + datasource.name());
            cfg.setJdbcUrl(jdbcUrl(datasource.url()));
            cfg.setUsername(datasource.username());
            cfg.setPassword(datasource.password().reveal());
            if (driverAccepts(datasource.driverClassName(), datasource.url())) {
                cfg.setDriverClassName(datasource.driverClassName());
            }
            // otherwise DriverManager picks the JDBC 4 driver that accepts the URL: an old or mistyped class name
            // in the old XML (com.mysql.jdbc.Driver with Connector/J 8, say) must not stop the upgrade
            cfg.setMaximumPoolSize(4);
            cfg.setMinimumIdle(0);
            cfg.setInitializationFailTimeout(-1);
            cfg.setConnectionTimeout(15_000);
            cfg.setAutoCommit(true);
            try {
                pool = new HikariDataSource(cfg);
            } catch (RuntimeException e) {
                throw unreachable(e);
            }
        }
        return pool;
    }

    /**
     * The URL to connect with. An embedded H2 file URL gets IFEXISTS=TRUE: H2 would otherwise create an empty
     * database at a mistyped path, and the upgrade would run against nothing.
     */
    static String jdbcUrl(String url) {
        if (url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:")
                && !url.toUpperCase(java.util.Locale.ROOT).contains("IFEXISTS=")) {
            return url + ";IFEXISTS=TRUE";
        }
        return url;
    }

    private static boolean driverAccepts(String className, String url) {
        if (className == null || className.isBlank() || url == null) {
            return false;
        }
        try {
            Object driver = Class.forName(className, true, Database.class.getClassLoader()).getDeclaredConstructor().newInstance();
            return driver instanceof java.sql.Driver d && d.acceptsURL(url);
        } catch (ReflectiveOperationException | SQLException | LinkageError e) {
            return false;
        }
    }

    private UpgradeException unreachable(Exception e) {
        String msg = redactor.redact(String.valueOf(rootMessage(e)));
        boolean noDriver = msg.contains("No suitable driver") || msg.contains("Failed to get driver instance")
                || msg.contains("ClassNotFoundException");
        if (noDriver) {
            return UpgradeException.user(ErrorCode.DRIVER_MISSING,
                    "No JDBC driver for " + label() + " (" + redactor.redact(datasource.url()) + ").",
                    datasource.origin(),
                    "Add the driver as a dependency of apim-upgrade-maven-plugin in your POM, e.g. "
                            + DriverHints.artifactFor(datasource.url()) + ".", e);
        }
        return UpgradeException.user(ErrorCode.DATASOURCE_UNREACHABLE,
                "Cannot connect to " + label() + " at " + redactor.redact(datasource.url()) + ": " + msg,
                datasource.origin(),
                "Check the URL, user and password (apim.upgrade datasource overrides, settings.xml server or environment) and that the database is up.",
                e);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c == t ? t.getMessage() : t.getMessage() + " (" + c.getMessage() + ")";
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
