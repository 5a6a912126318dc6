package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.db.dialect.Dialect;
import io.github.apimupgrade.core.db.dialect.Dialects;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Opens the physical connections of one {@link Database}: one driver call per connection, never a retry. HikariCP
 * gets its connections here too (as its DataSource), so that:
 * <ul>
 *   <li>a failed login is never repeated: after one, every further request fails at once without contacting the
 *       server (a pool retrying a wrong password for its whole connection timeout locks accounts: Oracle's default
 *       profile locks one after 10 failed logins);</li>
 *   <li>every connection carries the run's application name ({@link RunTag}) and, on MySQL/MariaDB, its statements
 *       a leading comment with it;</li>
 *   <li>the server's id of each session is recorded, so that the session list can tell this run's sessions apart.</li>
 * </ul>
 */
final class ConnectionFactory implements DataSource {
    /** Seconds the first contact waits for a TCP connection and for the login. */
    static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final Datasource datasource;
    private final String url;
    private final RunTag tag;
    private final Optional<Dialect> urlDialect;
    private final Set<String> sessionIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile SQLException loginRefused;
    private volatile Driver driver;

    ConnectionFactory(Datasource datasource, String url, RunTag tag) {
        this.datasource = datasource;
        this.url = url;
        this.tag = tag;
        this.urlDialect = Dialects.fromUrl(url);
    }

    /** Connection attempts made so far (each one a login at the server). */
    int attempts() {
        return attempts.get();
    }

    /** The refused login, once there was one: no connection is attempted after it. */
    SQLException refusedLogin() {
        return loginRefused;
    }

    /** Server ids of the sessions this factory opened (pids, connection ids, SPIDs...). */
    Set<String> sessionIds() {
        return Set.copyOf(sessionIds);
    }

    /**
     * One attempt. Throws the driver's SQLException; after an authentication failure every later call throws it again
     * without contacting the server.
     */
    @Override
    public Connection getConnection() throws SQLException {
        SQLException refused = loginRefused;
        if (refused != null) {
            throw new SQLException("Not trying again after the login was refused: " + refused.getMessage(),
                    refused.getSQLState(), refused.getErrorCode(), refused);
        }
        Driver d = driver();
        Properties props = properties();
        attempts.incrementAndGet();
        Connection c;
        try {
            c = d.connect(url, props);
        } catch (SQLException e) {
            if (ConnectFailure.isAuthentication(e)) {
                loginRefused = e;
            }
            throw e;
        }
        if (c == null) {
            throw new SQLException("No suitable driver for " + DriverHints.artifactFor(url) + " URL", "08001");
        }
        recordSessionId(c);
        return urlDialect.filter(Dialect::tagsStatements).isPresent() ? tagged(c, tag.sqlComment()) : c;
    }

    private Properties properties() {
        Properties p = new Properties();
        // defaults first: what the URL itself says wins in every driver that reads both
        urlDialect.ifPresent(dialect -> {
            switch (dialect.id()) {
                case "postgresql" -> {
                    p.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
                    p.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
                }
                case "mysql", "mariadb" -> p.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS * 1000));
                case "mssql", "db2" -> p.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
                case "oracle" -> p.setProperty("oracle.net.CONNECT_TIMEOUT", String.valueOf(CONNECT_TIMEOUT_SECONDS * 1000));
                default -> { }
            }
            p.putAll(dialect.applicationNameProperties(tag.applicationName()));
        });
        if (datasource.username() != null) {
            p.setProperty("user", datasource.username());
        }
        String pw = datasource.password().reveal();
        if (pw != null) {
            p.setProperty("password", pw);
        }
        return p;
    }

    private void recordSessionId(Connection c) {
        Optional<String> sql = urlDialect.flatMap(Dialect::sessionIdSql);
        if (sql.isEmpty()) {
            return;
        }
        boolean auto = true;
        try {
            auto = c.getAutoCommit();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.get())) {
                if (rs.next()) {
                    sessionIds.add(String.valueOf(rs.getString(1)).strip());
                }
            }
        } catch (SQLException e) {
            // not every user may ask (or the URL's dialect is not the server's): this session then counts by its name
        } finally {
            try {
                if (!auto) {
                    c.rollback();
                }
            } catch (SQLException ignored) {
                // the pool resets the connection anyway
            }
        }
    }

    private Driver driver() throws SQLException {
        Driver d = driver;
        if (d != null) {
            return d;
        }
        d = named(datasource.driverClassName());
        if (d == null) {
            // DriverManager sees drivers of the class path; in a Maven plugin they sit in the plugin's class loader
            for (Enumeration<Driver> e = DriverManager.getDrivers(); e.hasMoreElements() && d == null; ) {
                Driver candidate = e.nextElement();
                d = accepts(candidate) ? candidate : null;
            }
        }
        if (d == null) {
            for (Driver candidate : ServiceLoader.load(Driver.class, ConnectionFactory.class.getClassLoader())) {
                if (accepts(candidate)) {
                    d = candidate;
                    break;
                }
            }
        }
        if (d == null) {
            throw new SQLException("No suitable driver", "08001");
        }
        driver = d;
        return d;
    }

    /**
     * The class named in the old XML when it loads and accepts the URL; otherwise null, and the JDBC 4 driver that
     * accepts the URL is used: an old or mistyped class name (com.mysql.jdbc.Driver with Connector/J 8, say) must
     * not stop the upgrade.
     */
    private Driver named(String className) {
        if (className == null || className.isBlank()) {
            return null;
        }
        try {
            Object o = Class.forName(className, true, ConnectionFactory.class.getClassLoader()).getDeclaredConstructor().newInstance();
            return o instanceof Driver d && accepts(d) ? d : null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private boolean accepts(Driver d) {
        try {
            return d.acceptsURL(url);
        } catch (SQLException e) {
            return false;
        }
    }

    /** A connection whose statements start with the run's comment (MySQL/MariaDB show it in PROCESSLIST.INFO). */
    static Connection tagged(Connection c, String comment) {
        return (Connection) Proxy.newProxyInstance(ConnectionFactory.class.getClassLoader(), new Class<?>[]{Connection.class},
                new Tagger(c, comment));
    }

    private record Tagger(Object target, String comment) implements InvocationHandler {
        private static final Set<String> SQL_FIRST = Set.of("prepareStatement", "prepareCall", "execute", "executeQuery",
                "executeUpdate", "executeLargeUpdate", "addBatch");

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            if (args != null && args.length > 0 && args[0] instanceof String sql && SQL_FIRST.contains(m.getName())) {
                args = args.clone();
                args[0] = comment + sql;
            }
            if (m.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> k && k.isInstance(proxy)) {
                return proxy;
            }
            if (m.getName().equals("isWrapperFor") && args != null && args[0] instanceof Class<?> k && k.isInstance(proxy)) {
                return true;
            }
            Object result;
            try {
                result = m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof Statement s && m.getName().equals("createStatement")) {
                return Proxy.newProxyInstance(ConnectionFactory.class.getClassLoader(), new Class<?>[]{Statement.class},
                        new Tagger(s, comment));
            }
            return result;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the credentials are the datasource's");
    }

    @Override public PrintWriter getLogWriter() { return null; }
    @Override public void setLogWriter(PrintWriter out) { }
    @Override public void setLoginTimeout(int seconds) { }
    @Override public int getLoginTimeout() { return CONNECT_TIMEOUT_SECONDS; }
    @Override public Logger getParentLogger() { return Logger.getLogger("io.github.apimupgrade"); }
    @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
    @Override public boolean isWrapperFor(Class<?> iface) { return false; }

    /** Driver properties this factory sets, for tests. */
    Map<Object, Object> propertiesWithoutPassword() {
        Properties p = properties();
        p.remove("password");
        return Map.copyOf(p);
    }
}
