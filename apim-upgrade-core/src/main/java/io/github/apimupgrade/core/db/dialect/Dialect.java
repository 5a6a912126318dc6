package io.github.apimupgrade.core.db.dialect;

import java.util.List;
import java.util.Optional;

/**
 * Everything that differs between the seven databases the upgrade supports: how scripts are split,
 * whether DDL is transactional, the lock, history and existence-check SQL. One implementation per database
 * ({@link H2Dialect}, {@link MySqlDialect}, {@link MariaDbDialect}, {@link PostgreSqlDialect}, {@link OracleDialect},
 * {@link SqlServerDialect}, {@link Db2Dialect}); each holds all SQL text for it.
 */
public interface Dialect {

    /** h2, mysql, mariadb, postgresql, oracle, mssql or db2: also the script file name in the catalog. */
    String id();

    /** False for MySQL, MariaDB, Oracle and H2 (their DDL commits implicitly): steps are guarded instead. */
    boolean supportsDdlTransactions();

    /** Splits a script into statements as the vendor's own client would, keeping start lines. */
    List<SqlStatement> split(String script);

    /** CREATE TABLE for APIM_UPGRADE_HISTORY in this dialect. */
    String historyTableDdl();

    /**
     * SQL that takes a session-scoped lock named by the single string parameter without waiting, returning one row
     * whose first column is 1 (or true) when the lock was taken; null when the dialect locks by other means
     * (see {@link #lockTableSql()}).
     */
    String tryLockSql();

    /** SQL that releases the lock taken by {@link #tryLockSql()}; one string parameter. */
    String unlockSql();

    /**
     * For dialects without a named session lock: statements, run in order with {@link java.sql.Statement#execute} on
     * the lock connection with auto-commit off, that take an exclusive lock held until that transaction ends (Oracle,
     * DB2: LOCK TABLE APIM_UPGRADE_LOCK without waiting; H2: an uncommitted sentinel row in APIM_UPGRADE_HISTORY).
     * Never commit it; rolling back or closing the connection releases it. Empty for dialects with a named lock.
     */
    default java.util.List<String> lockTableSql() {
        return java.util.List.of();
    }

    /** Query that returns one row if the table exists (one parameter: the table name, upper case). */
    String tableExistsSql();

    /**
     * Query that returns a row when an object of this kind exists in the current schema; its parameters are
     * {@link StatementTarget#parameters()} in order (names upper case, see {@link ObjectKind}). Empty when the
     * database has no such object kind (sequences on MySQL).
     */
    Optional<String> existsSql(ObjectKind kind);

    /** What a statement of this dialect creates, alters or drops, for existence guards; empty for DML and the rest. */
    default Optional<StatementTarget> target(SqlStatement statement) {
        return StatementTarget.parse(statement.text());
    }

    /**
     * The text to send for a statement: its own text, except for a statement form this database has no syntax for
     * and the dialect carries out another way (H2: {@code ALTER TABLE t DROP UNIQUE (cols)}, which H2 runs as
     * {@code DROP CONSTRAINT} with the key's generated name). Called right before the statement runs.
     */
    default String executableText(java.sql.Connection connection, SqlStatement statement) throws java.sql.SQLException {
        return statement.text();
    }

    // ---- Sessions, locks and identity (see DatabaseLock, DatabaseIdentity, SessionInspector) ----

    /**
     * The name of the upgrade lock of one database or schema, derived from the base name and the schema (or database)
     * the connection works in, so that two databases on one server lock independently. PostgreSQL advisory locks and
     * SQL Server application locks are already per database; MySQL/MariaDB GET_LOCK names are global to the server.
     */
    default String lockName(String base, String schema) {
        return schema == null || schema.isBlank() ? base : base + ":" + schema;
    }

    /** Query on the lock connection returning one row whose first column is 1/true while it holds the named lock. */
    default Optional<String> lockHeldSql() {
        return Optional.empty();
    }

    /**
     * For table-locked dialects (Oracle, DB2): the id of the transaction open on the lock connection. The lock lives as
     * long as that transaction; a different or missing id means the lock was lost.
     */
    default Optional<String> transactionIdSql() {
        return Optional.empty();
    }

    /** The cheapest statement the server answers: the lock connection's keep-alive. */
    default String keepAliveSql() {
        return "SELECT 1";
    }

    /** The session's own idle timeout in seconds (0 or null: none), to keep the lock session alive well within it. */
    default Optional<String> idleTimeoutSql() {
        return Optional.empty();
    }

    /** One row: the database (catalog) name and the schema unqualified names resolve in. */
    default Optional<String> identitySql() {
        return Optional.empty();
    }

    /** One row: what the server itself says it is (server uuid, system identifier, instance name); may need rights. */
    default Optional<String> serverIdSql() {
        return Optional.empty();
    }

    /** The server's id of the current session (backend pid, connection id, SPID, SID). */
    default Optional<String> sessionIdSql() {
        return Optional.empty();
    }

    /**
     * Queries (tried in order, the first that runs wins: later ones need fewer rights) listing the OTHER sessions on
     * the connection's database, columns: id, user, client address, program/application name, state, seconds in that
     * state, current statement text, and 1 when the session is executing or inside a transaction (else 0).
     */
    default List<String> sessionsSql() {
        return List.of();
    }

    /** The statement that ends another session (and rolls back its work); the id as the sessions query returned it. */
    default Optional<String> endSessionSql(String sessionId) {
        return Optional.empty();
    }

    /**
     * Connection properties that name the session (application name) for the driver of this dialect, so that other
     * sessions can tell an apim-upgrade run's connections apart.
     */
    default java.util.Map<String, String> applicationNameProperties(String applicationName) {
        return java.util.Map.of();
    }

    /**
     * Whether statements should carry the application name as a leading comment: the only place MySQL/MariaDB show
     * it to other sessions when performance_schema is off (PROCESSLIST.INFO).
     */
    default boolean tagsStatements() {
        return false;
    }
}
