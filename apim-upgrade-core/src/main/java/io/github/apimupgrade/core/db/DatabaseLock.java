package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.db.dialect.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * A session-scoped lock on one database, so two upgrade runs cannot change the same database at once. It is held
 * by a dedicated connection and lives exactly as long as that session: the server releases it when the connection
 * ends, also when the process is killed (no lock rows, nothing stale to clean up).
 * <ul>
 *   <li>PostgreSQL: {@code pg_try_advisory_lock(hashtext(name))};</li>
 *   <li>MySQL / MariaDB: {@code GET_LOCK(name, 0)};</li>
 *   <li>SQL Server: {@code sp_getapplock} with the session as owner;</li>
 *   <li>Oracle / DB2: an exclusive lock on the one-column table {@value #LOCK_TABLE} (created if missing) inside a
 *       transaction left open on the lock connection. Not APIM_UPGRADE_HISTORY itself: an exclusive lock there
 *       would block the history rows the run writes from its other connections;</li>
 *   <li>H2: nothing. An embedded H2 file database is opened by a single process (H2's own file lock refuses a
 *       second one), so there is no one to exclude.</li>
 * </ul>
 * When the lock is held elsewhere, {@link #acquire} fails with {@link ErrorCode#LOCK_HELD}, naming the database and,
 * where the database can tell, the session that holds it and since when.
 */
public final class DatabaseLock implements AutoCloseable {

    /** The lock name every apim-upgrade run uses for its databases. */
    public static final String DEFAULT_NAME = "apim-upgrade";
    /** Table locked on Oracle and DB2, which have no named session lock available to ordinary users. */
    public static final String LOCK_TABLE = "APIM_UPGRADE_LOCK";

    private final Database database;
    private final String name;
    private final Connection connection;
    private final Strategy strategy;
    private boolean released;

    private enum Strategy { NAMED, TABLE, NONE }

    private DatabaseLock(Database database, String name, Connection connection, Strategy strategy) {
        this.database = database;
        this.name = name;
        this.connection = connection;
        this.strategy = strategy;
    }

    /**
     * Takes the lock without waiting.
     *
     * @throws UpgradeException {@link ErrorCode#LOCK_HELD} when another session holds it; an environment error when
     *                          the lock SQL itself fails
     */
    public static DatabaseLock acquire(Database db, String lockName) {
        Dialect dialect = db.dialect();
        Strategy strategy = dialect.tryLockSql() != null ? Strategy.NAMED
                : isTableLocked(dialect) ? Strategy.TABLE : Strategy.NONE;
        if (strategy == Strategy.TABLE) {
            ensureLockTable(db);
        }
        Connection c = db.connect();
        try {
            // MySQL/MariaDB GET_LOCK names are server-wide: scope them by database, or two databases of one server
            // (WSO2AM_DB and WSO2REG_DB, typically) would lock each other out
            if (dialect.id().equals("mysql") || dialect.id().equals("mariadb")) {
                String scoped = lockName + ":" + c.getCatalog();
                lockName = scoped.length() > 64 ? scoped.substring(0, 64) : scoped; // GET_LOCK's limit
            }
            boolean taken = switch (strategy) {
                case NAMED -> tryNamed(c, dialect, lockName);
                case TABLE -> tryTable(c, dialect);
                case NONE -> true;
            };
            if (!taken) {
                String holder = describeHolder(c, dialect, lockName).map(h -> " It is held by " + h + ".").orElse("");
                throw held(db, lockName, holder, null);
            }
            return new DatabaseLock(db, lockName, c, strategy);
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

    public String name() {
        return name;
    }

    /** False for H2, where the database file itself is the lock (see the class comment). */
    public boolean isExclusive() {
        return strategy != Strategy.NONE;
    }

    /**
     * Releases the lock and its connection. Idempotent. If the release SQL fails, the connection is closed on the
     * server side anyway (which releases the lock) and the failure is thrown; callers closing this in a
     * try-with-resources while another exception is in flight get it as a suppressed exception, never in place of
     * the first one.
     */
    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
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
            // The session must not go back to the pool still holding the lock: end it for real.
            abortPhysical(connection);
        }
        closeQuietly(connection);
        if (failure != null) {
            throw UpgradeException.environment(ErrorCode.DATASOURCE_UNREACHABLE,
                    "Releasing the upgrade lock '" + name + "' on " + database.label() + " failed: "
                            + failure.getMessage() + "; the connection was closed, which releases it on the server.",
                    database.datasource().origin(), null, failure);
        }
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
                          AND l.resource_description LIKE '%' + ? + '%'""", lockName);
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

    private static UpgradeException held(Database db, String lockName, String holder, Throwable cause) {
        return UpgradeException.user(ErrorCode.LOCK_HELD,
                "Another apim-upgrade run holds the lock '" + lockName + "' on " + db.label() + "." + holder,
                db.datasource().origin(),
                "Wait for the other run to finish, or stop it. The lock belongs to that run's database session: "
                        + "the server releases it as soon as the session ends, so there is nothing to clean up.",
                cause);
    }

    private static void abortPhysical(Connection c) {
        try {
            Connection physical = c.isWrapperFor(Connection.class) ? c.unwrap(Connection.class) : c;
            physical.close();
        } catch (SQLException | RuntimeException ignored) {
            // best effort: the pool validates and evicts a dead connection before reuse
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to do with this connection
        }
    }
}
