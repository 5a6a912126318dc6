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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;

/**
 * One of the user's databases. Several roles may share one database (the registry and the user store,
 * typically); they then share one {@code Database}.
 * <p>
 * The first contact is ONE driver call ({@link ConnectionFactory}): its failure is classified (unknown host, refused
 * port, login refused, no such database) and remembered, so that the run never tries that database again. After
 * it succeeded, a small HikariCP pool serves {@link #connect()}, drawing its connections from the same factory
 * (which never repeats a refused login). {@link #openSession()} gives a dedicated connection outside the pool (the
 * lock's).
 */
public final class Database implements AutoCloseable {
    private final Set<DatasourceRole> roles;
    private final Datasource datasource;
    private final Redactor redactor;
    private final RunTag tag;
    private final ConnectionFactory factory;
    private HikariDataSource pool;
    private Dialect dialect;
    private DatabaseIdentity identity;
    private UpgradeException contactFailure;

    public Database(Set<DatasourceRole> roles, Datasource datasource, Redactor redactor) {
        this(roles, datasource, redactor, RunTag.create());
    }

    public Database(Set<DatasourceRole> roles, Datasource datasource, Redactor redactor, RunTag tag) {
        this.roles = Set.copyOf(roles);
        this.datasource = datasource;
        this.redactor = redactor;
        this.tag = tag;
        redactor.register(datasource.password().reveal());
        this.factory = new ConnectionFactory(datasource, jdbcUrl(datasource.url()), tag);
    }

    public Set<DatasourceRole> roles() {
        return roles;
    }

    public Datasource datasource() {
        return datasource;
    }

    /** The application name this run's connections carry. */
    public RunTag runTag() {
        return tag;
    }

    /** "WSO2AM_DB (apim_db)": how messages name this database. */
    public String label() {
        return datasource.name() + " (" + String.join(", ", roles.stream().map(DatasourceRole::tomlName).sorted().toList()) + ")";
    }

    /** A pooled connection (close it to give it back). */
    public synchronized Connection connect() {
        contact();
        SQLException refused = factory.refusedLogin();
        if (refused != null) { // the password changed during the run: fail now, not after the pool's timeout
            throw ConnectFailure.LOGIN_REFUSED.toException(label(), datasource, redactor, refused);
        }
        try {
            return pool().getConnection();
        } catch (SQLException e) {
            throw ConnectFailure.of(e).toException(label(), datasource, redactor, e);
        }
    }

    /** A dedicated physical connection outside the pool, closed by the caller: one attempt, no retry. */
    public synchronized Connection openSession() {
        contact();
        try {
            return factory.getConnection();
        } catch (SQLException e) {
            throw ConnectFailure.of(e).toException(label(), datasource, redactor, e);
        }
    }

    public synchronized Dialect dialect() {
        contact();
        return dialect;
    }

    /** Which database the server says this is (see {@link DatabaseIdentity}); connects on first use. */
    public synchronized DatabaseIdentity identity() {
        contact();
        return identity;
    }

    /** Server ids of the sessions this run opened on this database. */
    public Set<String> sessionIds() {
        return factory.sessionIds();
    }

    /** How many times this database was asked for a login (for tests: the first contact is one attempt). */
    int loginAttempts() {
        return factory.attempts();
    }

    /**
     * The first contact: one connection, which reads the dialect and the identity, then closes. A failure is kept:
     * every later call fails the same way without another attempt.
     */
    private void contact() {
        if (contactFailure != null) {
            throw contactFailure;
        }
        if (dialect != null) {
            return;
        }
        try (Connection c = factory.getConnection()) {
            Dialect d;
            try {
                d = Dialects.detect(c.getMetaData());
            } catch (IllegalArgumentException e) {
                throw UpgradeException.user(ErrorCode.DATASOURCE_UNREACHABLE, label() + " is a database apim-upgrade does not support: "
                        + e.getMessage(), datasource.origin(), "Point the datasource at the API Manager's database.", e);
            }
            identity = readIdentity(c, d);
            dialect = d;
        } catch (SQLException e) {
            contactFailure = ConnectFailure.of(e).toException(label(), datasource, redactor, e);
            throw contactFailure;
        } catch (UpgradeException e) {
            contactFailure = e;
            throw e;
        }
    }

    private DatabaseIdentity readIdentity(Connection c, Dialect d) {
        String database = null;
        String schema = null;
        Optional<String> names = d.identitySql();
        if (names.isPresent()) {
            String[] row = row(c, names.get(), 2);
            if (row != null) {
                database = row[0];
                schema = row[1];
            }
        }
        if (database == null) {
            database = redactor.redact(datasource.url()); // H2: the URL is the database
        }
        String[] server = d.serverIdSql().map(sql -> row(c, sql, 1)).orElse(null);
        if (server != null && server[0] != null && !server[0].isBlank()) {
            return new DatabaseIdentity(server[0], database, schema, true);
        }
        return new DatabaseIdentity(redactor.redact(DatabaseIdentity.normalisedHost(datasource.url())), database, schema, false);
    }

    /** The first row of a query, or null when the query fails (rights, version): callers fall back. */
    private static String[] row(Connection c, String sql, int columns) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                return null;
            }
            String[] out = new String[columns];
            for (int i = 0; i < columns; i++) {
                out[i] = rs.getString(i + 1);
            }
            return out;
        } catch (SQLException e) {
            return null;
        } finally {
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            } catch (SQLException ignored) {
                // the connection is closed right after
            }
        }
    }

    private HikariDataSource pool() {
        if (pool == null) {
            HikariConfig cfg = new HikariConfig();
            cfg.setPoolName("apim-upgrade-" + datasource.name());
            cfg.setDataSource(factory);
            cfg.setMaximumPoolSize(4);
            cfg.setMinimumIdle(0);
            // the first contact has proven the login; the pool starts empty and never blocks its construction
            cfg.setInitializationFailTimeout(-1);
            cfg.setConnectionTimeout(15_000);
            cfg.setAutoCommit(true);
            try {
                pool = new HikariDataSource(cfg);
            } catch (RuntimeException e) {
                throw ConnectFailure.of(e).toException(label(), datasource, redactor, e);
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

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
