package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.db.dialect.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A session-scoped lock on one database (schema), so two upgrade runs cannot change the same database at once. It is
 * held by a dedicated connection outside the pool and lives exactly as long as that session: the server releases it
 * when the connection ends, also when the process is killed (no lock rows, nothing stale to clean up).
 * <ul>
 *   <li>PostgreSQL: {@code pg_try_advisory_lock(hashtext(name))}, per database by nature;</li>
 *   <li>MySQL / MariaDB: {@code GET_LOCK(name, 0)}; GET_LOCK names are global to the server, so the name carries the
 *       database ({@code apim-upgrade:am_db}, at most 64 characters, see {@link Dialect#lockName});</li>
 *   <li>SQL Server: {@code sp_getapplock} with the session as owner, per database by nature;</li>
 *   <li>Oracle / DB2: an exclusive lock on the one-column table {@value #LOCK_TABLE} of the current schema (created if
 *       missing) inside a transaction left open on the lock connection: per schema. Not APIM_UPGRADE_HISTORY itself:
 *       an exclusive lock there would block the history rows the run writes from its other connections;</li>
 *   <li>H2: nothing. An embedded H2 file database is opened by a single process (H2's own file lock refuses a
 *       second one), so there is no one to exclude.</li>
 * </ul>
 * The lock name is the base name plus the schema (or database) the session works in, so two databases on one server
 * lock independently. When the lock is held elsewhere, {@link #acquire} fails with {@link ErrorCode#LOCK_HELD},
 * naming the database and, where the database can tell, the session that holds it and since when.
 * <p>
 * A lock session idle for the whole run is what servers and firewalls close first (MySQL wait_timeout, PostgreSQL
 * idle_session_timeout): a daemon thread runs the dialect's keep-alive on it, at a quarter of the session's own
 * idle timeout where the server tells it (at most every 30 s), and {@link #verifyHeld()} asks the server whether
 * this session still holds the lock.
 */
public final class DatabaseLock implements AutoCloseable {

    /** The base lock name every apim-upgrade run uses for its databases. */
    public static final String DEFAULT_NAME = "apim-upgrade";
    /** Table locked on Oracle and DB2, which have no named session lock available to ordinary users. */
    public static final String LOCK_TABLE = "APIM_UPGRADE_LOCK";
    /** Keep-alive interval when the server does not say how long it lets a session idle. */
    static final Duration MAX_KEEP_ALIVE = Duration.ofSeconds(30);

    private static final ScheduledExecutorService KEEP_ALIVE = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "apim-upgrade-lock-keepalive");
        t.setDaemon(true);
        return t;
    });

    private final Database database;
    private final String name;
    private final Connection connection;
    private final Strategy strategy;
    private final String transactionId;
    private ScheduledFuture<?> keepAlive;
    private volatile SQLException keepAliveFailure;
    private boolean released;

    private enum Strategy { NAMED, TABLE, NONE }

    private DatabaseLock(Database database, String name, Connection connection, Strategy strategy, String transactionId) {
        this.database = database;
        this.name = name;
        this.connection = connection;
        this.strategy = strategy;
        this.transactionId = transactionId;
    }

    /** Takes the lock without waiting and keeps its session alive. See {@link #acquire(Database, String, Duration)}. */
    public static DatabaseLock acquire(Database db, String baseName) {
        return acquire(db, baseName, null);
    }

    /**
     * Takes the lock without waiting.
     *
     * @param baseName  the base name; the lock's name adds the schema (see {@link Dialect#lockName})
     * @param keepAlive the keep-alive interval: null for the default (from the session's idle timeout), zero to
     *                  disable it (tests that show what the keep-alive prevents)
     * @throws UpgradeException {@link ErrorCode#LOCK_HELD} when another session holds it; an environment error when
     *                          the lock SQL itself fails
     */
    public static DatabaseLock acquire(Database db, String baseName, Duration keepAlive) {
        Dialect dialect = db.dialect();
        Strategy strategy = dialect.tryLockSql() != null ? Strategy.NAMED
                : isTableLocked(dialect) ? Strategy.TABLE : Strategy.NONE;
        DatabaseIdentity identity = db.identity();
        String lockName = dialect.lockName(baseName, identity.schema() != null ? identity.schema() : identity.database());
        if (strategy == Strategy.NONE) {
            return new DatabaseLock(db, lockName, null, strategy, null);
        }
        if (strategy == Strategy.TABLE) {
            ensureLockTable(db);
        }
        Connection c = db.openSession();
        try {
            boolean taken = switch (strategy) {
                case NAMED -> tryNamed(c, dialect, lockName);
                case TABLE -> tryTable(c, dialect);
                case NONE -> true;
            };
            if (!taken) {
                String holder = describeHolder(c, dialect, lockName).map(h -> " It is held by " + h + ".").orElse("");
                throw held(db, lockName, holder, null);
            }
            String tx = strategy == Strategy.TABLE ? dialect.transactionIdSql().map(sql -> queryQuietly(c, sql)).orElse(null) : null;
            DatabaseLock lock = new DatabaseLock(db, lockName, c, strategy, tx);
            Duration interval = keepAlive != null ? keepAlive : keepAliveInterval(c, dialect);
            if (!interval.isZero()) {
                long ms = interval.toMillis();
                lock.keepAlive = KEEP_ALIVE.scheduleWithFixedDelay(lock::ping, ms, ms, TimeUnit.MILLISECONDS);
            }
            return lock;
        } catch (SQLException e) {
            closeQuietly(c);
            if (strategy == Strategy.TABLE && isLockConflict(e)) {
                throw held(db, lockName, "", e);
            }
            throw UpgradeException.environment(ErrorCode.DATASOURCE_UNREACHABLE,
                    "Cannot take the upgrade lock '" + lockName + "' on " + db.label() + ": " + e.getMessage()
                            + " (SQLState " + e.getSQLState() + ")",
                    db.datasource().origin(),
                    "Check that the user may take locks on this database (PostgreSQL advisory locks, MySQL GET_LOCK, "
                            + "SQL Server sp_getapplock, Oracle/DB2 LOCK TABLE).", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    public Database database() {
        return database;
    }

    /** The lock's name on the server (base name and schema). */
    public String name() {
        return name;
    }

    /** False for H2, where the database file itself is the lock (see the class comment). */
    public boolean isExclusive() {
        return strategy != Strategy.NONE;
    }

    /** Whether the keep-alive runs on this lock's session. */
    public boolean keepsAlive() {
        return keepAlive != null;
    }

    /**
     * Asks the server whether this lock's session still holds the lock (PostgreSQL pg_locks for pg_backend_pid(),
     * MySQL IS_USED_LOCK = CONNECTION_ID(), SQL Server APPLOCK_MODE, Oracle/DB2 the transaction that took LOCK TABLE
     * is still the open one).
     *
     * @throws UpgradeException {@link ErrorCode#LOCK_LOST} when it does not, or the session is gone
     */
    public synchronized void verifyHeld() {
        if (strategy == Strategy.NONE) {
            return;
        }
        if (released) {
            throw lost("the lock was released", null);
        }
        try {
            boolean held = switch (strategy) {
                case NAMED -> {
                    Optional<String> sql = database.dialect().lockHeldSql();
                    if (sql.isEmpty()) {
                        yield connection.isValid(10);
                    }
                    try (PreparedStatement ps = connection.prepareStatement(sql.get())) {
                        ps.setString(1, name);
                        try (ResultSet rs = ps.executeQuery()) {
                            yield rs.next() && truthy(rs.getObject(1));
                        }
                    }
                }
                case TABLE -> {
                    Optional<String> sql = database.dialect().transactionIdSql();
                    if (sql.isEmpty() || transactionId == null) {
                        yield connection.isValid(10);
                    }
                    yield transactionId.equals(query(connection, sql.get()));
                }
                case NONE -> true;
            };
            if (!held) {
                throw lost("the server says this run's session no longer holds it", null);
            }
        } catch (SQLException e) {
            SQLException ka = keepAliveFailure;
            throw lost("its session is gone (" + e.getMessage() + ")" + (ka != null && ka != e
                    ? "; the keep-alive had failed before: " + ka.getMessage() : ""), e);
        }
    }

    /**
     * Releases the lock and its connection. Idempotent. If the release SQL fails, the connection is closed on the
     * server side anyway (which releases the lock) and the failure is thrown; callers closing this in a
     * try-with-resources while another exception is in flight get it as a suppressed exception, never in place of
     * the first one.
     */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        if (strategy == Strategy.NONE) {
            return;
        }
        SQLException failure = null;
        try {
            switch (strategy) {
                case NAMED -> {
                    try (PreparedStatement ps = connection.prepareStatement(database.dialect().unlockSql())) {
                        ps.setString(1, name);
                        ps.execute();
                    }
                }
                case TABLE -> connection.rollback();
                case NONE -> { }
            }
        } catch (SQLException e) {
            failure = e;
        }
        // a dedicated session: closing it ends the session, which releases the lock on the server in any case
        closeQuietly(connection);
        if (failure != null) {
            throw UpgradeException.environment(ErrorCode.DATASOURCE_UNREACHABLE,
                    "Releasing the upgrade lock '" + name + "' on " + database.label() + " failed: "
                            + failure.getMessage() + "; the connection was closed, which releases it on the server.",
                    database.datasource().origin(), null, failure);
        }
    }

    private synchronized void ping() {
        if (released) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.setQueryTimeout(10);
            s.execute(database.dialect().keepAliveSql());
        } catch (SQLException e) {
            keepAliveFailure = e; // verifyHeld reports it before the next step
        }
    }

    /** A quarter of the session's idle timeout (MySQL wait_timeout, PostgreSQL idle_session_timeout), 1 to 30 s. */
    static Duration keepAliveInterval(Connection c, Dialect d) {
        Optional<String> sql = d.idleTimeoutSql();
        if (sql.isPresent()) {
            String v = queryQuietly(c, sql.get());
            try {
                double seconds = v == null ? 0 : Double.parseDouble(v);
                if (seconds > 0) {
                    long ms = Math.max(1000, Math.min(MAX_KEEP_ALIVE.toMillis(), (long) (seconds * 1000 / 4)));
                    return Duration.ofMillis(ms);
                }
            } catch (NumberFormatException ignored) {
                // fall through to the default
            }
        }
        return MAX_KEEP_ALIVE;
    }

    private UpgradeException lost(String why, Throwable cause) {
        return UpgradeException.user(ErrorCode.LOCK_LOST, "The upgrade lock '" + name + "' on " + database.label()
                        + " is no longer held by this run: " + why + ". Another run may already be changing "
                        + database.datasource().name() + "; this run stops before it changes anything more.",
                database.datasource().origin(),
                "Check what ended the session (server idle timeouts such as MySQL wait_timeout or PostgreSQL "
                        + "idle_session_timeout, a firewall or proxy dropping idle connections, an administrator "
                        + "killing it), make sure no other apim-upgrade run is active, then run again: steps that are "
                        + "done are not repeated.", cause);
    }

    private static boolean truthy(Object v) {
        return v instanceof Boolean b ? b : v instanceof Number n ? n.intValue() == 1 : v != null && v.toString().equals("1");
    }

    private static boolean isTableLocked(Dialect d) {
        return d.id().equals("oracle") || d.id().equals("db2");
    }

    private static boolean tryNamed(Connection c, Dialect d, String lockName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(d.tryLockSql())) {
            ps.setString(1, lockName);
            boolean isResult = ps.execute();
            // SQL Server's batch returns update counts before its SELECT: walk to the first result set.
            while (true) {
                if (isResult) {
                    try (ResultSet rs = ps.getResultSet()) {
                        if (rs.next()) {
                            Object v = rs.getObject(1);
                            return v instanceof Boolean b ? b : v instanceof Number n && n.intValue() == 1;
                        }
                        return false;
                    }
                }
                if (ps.getUpdateCount() == -1) {
                    return false;
                }
                isResult = ps.getMoreResults();
            }
        }
    }

    private static boolean tryTable(Connection c, Dialect d) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String sql : d.lockTableSql()) {
                s.execute(sql);
            }
        }
        return true;
    }

    private static void ensureLockTable(Database db) {
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement(db.dialect().tableExistsSql())) {
            ps.setString(1, LOCK_TABLE);
            boolean exists;
            try (ResultSet rs = ps.executeQuery()) {
                exists = rs.next();
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE " + LOCK_TABLE + " (ID INTEGER)");
                } catch (SQLException e) {
                    // a concurrent run may have created it a moment ago; the LOCK TABLE below decides
                }
            }
        } catch (SQLException e) {
            throw UpgradeException.environment(ErrorCode.DATASOURCE_UNREACHABLE,
                    "Cannot create the lock table " + LOCK_TABLE + " on " + db.label() + ": " + e.getMessage(),
                    db.datasource().origin(), "The upgrade user needs CREATE TABLE on its schema.", e);
        }
    }

    /** ORA-00054 (resource busy, NOWAIT) and DB2's SQLSTATE 40001 / 57033 (deadlock or timeout). */
    private static boolean isLockConflict(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return e.getErrorCode() == 54 || state.equals("40001") || state.equals("57033");
    }

    /** Who holds the lock, where the database can tell; empty when it cannot (or we may not look). */
    private static Optional<String> describeHolder(Connection c, Dialect d, String lockName) {
        try {
            return switch (d.id()) {
                case "postgresql" -> query(c, """
                        SELECT 'backend ' || a.pid || ' (user ' || coalesce(a.usename, '?')
                               || coalesce(' from ' || host(a.client_addr), '')
                               || coalesce(', application ''' || nullif(a.application_name, '') || '''', '')
                               || ', session started ' || to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS TZ') || ')'
                        FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                          AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtext(?)::bigint""", lockName);
                case "mysql", "mariadb" -> query(c, """
                        SELECT CONCAT('connection ', p.ID, ' (', p.USER, '@', p.HOST,
                                      ', in its current state for ', p.TIME, ' s)')
                        FROM information_schema.PROCESSLIST p WHERE p.ID = IS_USED_LOCK(?)""", lockName);
                case "mssql" -> query(c, """
                        SELECT 'session ' + CAST(s.session_id AS VARCHAR(10)) + ' (' + s.login_name + ' on '
                               + s.host_name + ', logged in ' + CONVERT(VARCHAR(19), s.login_time, 120) + ')'
                        FROM sys.dm_tran_locks l JOIN sys.dm_exec_sessions s ON s.session_id = l.request_session_id
                        WHERE l.resource_type = 'APPLICATION' AND l.request_status = 'GRANT'
                          AND l.resource_database_id = DB_ID()
                          AND CHARINDEX('[' + ? + ']', l.resource_description) > 0""", lockName);
                default -> Optional.empty();
            };
        } catch (SQLException e) {
            return Optional.empty(); // no privilege to look: the message says the lock is held, without who
        }
    }

    private static Optional<String> query(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String queryQuietly(Connection c, String sql) {
        try {
            return query(c, sql);
        } catch (SQLException e) {
            return null;
        }
    }

    private static UpgradeException held(Database db, String lockName, String holder, Throwable cause) {
        return UpgradeException.user(ErrorCode.LOCK_HELD,
                "Another apim-upgrade run holds the lock '" + lockName + "' on " + db.label() + "." + holder,
                db.datasource().origin(),
                "Wait for the other run to finish, or stop it. The lock belongs to that run's database session: "
                        + "the server releases it as soon as the session ends, so there is nothing to clean up.",
                cause);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to do with this connection
        }
    }
}
