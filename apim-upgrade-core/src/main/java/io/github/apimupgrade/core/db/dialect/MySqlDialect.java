package io.github.apimupgrade.core.db.dialect;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL 5.7/8.x. DDL commits implicitly, so scripts are guarded. The splitter follows the mysql client:
 * {@code DELIMITER} lines, {@code #} and {@code -- } comments, backquoted identifiers, backslash escapes in strings,
 * and {@code /*! ... *}{@code /} executable comments kept as statement text.
 */
public class MySqlDialect extends AbstractDialect {

    static class Splitter extends SqlSplitter {
        private static final Pattern DELIMITER = Pattern.compile("^\\s*DELIMITER\\s+(\\S+)\\s*$", Pattern.CASE_INSENSITIVE);

        @Override
        protected LineCommand lineCommand(String line, State st) {
            Matcher m = DELIMITER.matcher(line);
            return m.matches() ? LineCommand.setDelimiter(m.group(1)) : null;
        }

        @Override
        protected boolean isLineCommentStart(String s, int i) {
            if (s.charAt(i) == '#') {
                return true;
            }
            // MySQL needs a blank after "--" ("--1" is minus minus one)
            return s.startsWith("--", i) && (i + 2 >= s.length() || Character.isWhitespace(s.charAt(i + 2)));
        }

        @Override
        protected boolean isExecutableComment(String s, int i) {
            return s.startsWith("/*!", i);
        }

        @Override
        protected int quotedEnd(String s, int i) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                return backslashQuoteEnd(s, i, c);
            }
            if (c == '`') {
                return doubledQuoteEnd(s, i, '`');
            }
            return -1;
        }
    }

    public MySqlDialect() {
        super(new Splitter(), existsChecks());
    }

    private static Map<ObjectKind, String> existsChecks() {
        Map<ObjectKind, String> m = informationSchema("DATABASE()", "GROUP_CONCAT(", " ORDER BY KCU.ORDINAL_POSITION SEPARATOR ',')");
        m.put(ObjectKind.INDEX_IN_SCHEMA, "SELECT 1 FROM INFORMATION_SCHEMA.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND UPPER(INDEX_NAME) = ? LIMIT 1");
        m.put(ObjectKind.INDEX, "SELECT 1 FROM INFORMATION_SCHEMA.STATISTICS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND UPPER(TABLE_NAME) = ? AND UPPER(INDEX_NAME) = ? LIMIT 1");
        m.put(ObjectKind.TRIGGER, "SELECT 1 FROM INFORMATION_SCHEMA.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"
                + " AND UPPER(TRIGGER_NAME) = ?");
        return m;
    }

    @Override
    boolean handles(String productName, String productVersion, String url) {
        return productName.contains("mysql") && !productVersion.contains("mariadb");
    }

    @Override public String id() { return "mysql"; }
    @Override public boolean supportsDdlTransactions() { return false; }

    /** DATETIME(3), not TIMESTAMP: with explicit_defaults_for_timestamp off, a TIMESTAMP NOT NULL column silently gets ON UPDATE CURRENT_TIMESTAMP. */
    @Override
    public String historyTableDdl() {
        return "CREATE TABLE APIM_UPGRADE_HISTORY (ID BIGINT AUTO_INCREMENT PRIMARY KEY, STEP_ID VARCHAR(100) NOT NULL,"
                + " SCRIPT VARCHAR(255) NOT NULL, SHA256 VARCHAR(64) NOT NULL, STARTED DATETIME(3) NOT NULL,"
                + " FINISHED DATETIME(3) NULL, SUCCESS BOOLEAN, ROWS_AFFECTED BIGINT, TOOL_VERSION VARCHAR(40),"
                + " MESSAGE VARCHAR(2000)) ENGINE=InnoDB";
    }

    /** GET_LOCK is held by the session and released when it ends (process death included). */
    @Override public String tryLockSql() { return "SELECT GET_LOCK(?, 0)"; }
    @Override public String unlockSql() { return "SELECT RELEASE_LOCK(?)"; }

    // ---- sessions and lock state ----

    /** GET_LOCK's limit on a lock name (MySQL 5.7+, MariaDB 10.x). */
    static final int MAX_LOCK_NAME = 64;

    /**
     * GET_LOCK names are global to the server, so the database is part of the name ("apim-upgrade:am_db"). A name
     * longer than GET_LOCK's 64 characters keeps its start and ends with a hash of the whole database name.
     */
    @Override
    public String lockName(String base, String schema) {
        String name = schema == null || schema.isBlank() ? base : base + ":" + schema;
        if (name.length() <= MAX_LOCK_NAME) {
            return name;
        }
        String hash = Integer.toHexString(schema.hashCode() & 0x7fffffff);
        return name.substring(0, MAX_LOCK_NAME - hash.length() - 1) + "#" + hash;
    }

    @Override
    public java.util.Optional<String> lockHeldSql() {
        return java.util.Optional.of("SELECT IS_USED_LOCK(?) = CONNECTION_ID()");
    }

    @Override
    public java.util.Optional<String> idleTimeoutSql() {
        return java.util.Optional.of("SELECT @@SESSION.wait_timeout");
    }

    /** A MySQL/MariaDB "database" is a schema: both columns are DATABASE(). */
    @Override
    public java.util.Optional<String> identitySql() {
        return java.util.Optional.of("SELECT DATABASE(), DATABASE()");
    }

    @Override
    public java.util.Optional<String> serverIdSql() {
        return java.util.Optional.of("SELECT CONCAT('mysql:', @@server_uuid)");
    }

    @Override
    public java.util.Optional<String> sessionIdSql() {
        return java.util.Optional.of("SELECT CONNECTION_ID()");
    }

    /**
     * The process list of this database, without the server's own threads. The program name comes from
     * performance_schema's connection attributes where that is on and readable (MySQL's default); the second query
     * needs only the process list (a user without PROCESS sees only its own user's sessions).
     */
    @Override
    public java.util.List<String> sessionsSql() {
        String cols = "CAST(p.ID AS CHAR), p.USER, p.HOST, %s, p.COMMAND, p.TIME, p.INFO,"
                + " CASE WHEN p.COMMAND <> 'Sleep' THEN 1 ELSE 0 END";
        String where = " WHERE p.DB = DATABASE() AND p.ID <> CONNECTION_ID()"
                + " AND p.COMMAND NOT IN ('Daemon', 'Binlog Dump', 'Binlog Dump GTID')"
                + " AND p.USER NOT IN ('system user', 'event_scheduler') ORDER BY p.ID";
        return java.util.List.of(
                "SELECT " + cols.formatted("a.ATTR_VALUE") + " FROM information_schema.PROCESSLIST p"
                        + " LEFT JOIN performance_schema.session_connect_attrs a ON a.PROCESSLIST_ID = p.ID"
                        + " AND a.ATTR_NAME = 'program_name'" + where,
                "SELECT " + cols.formatted("NULL") + " FROM information_schema.PROCESSLIST p" + where);
    }

    /** KILL CONNECTION ends the session; InnoDB rolls back its transaction. */
    @Override
    public java.util.Optional<String> endSessionSql(String sessionId) {
        return java.util.Optional.of("KILL CONNECTION " + Long.parseLong(sessionId));
    }

    /** program_name in the connection attributes (MySQL Connector/J and MariaDB Connector/J accept the same form). */
    @Override
    public java.util.Map<String, String> applicationNameProperties(String applicationName) {
        return java.util.Map.of("connectionAttributes", "program_name:" + applicationName);
    }

    @Override
    public boolean tagsStatements() {
        return true;
    }
}
