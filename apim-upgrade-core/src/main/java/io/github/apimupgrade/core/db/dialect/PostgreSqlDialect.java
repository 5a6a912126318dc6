package io.github.apimupgrade.core.db.dialect;

import java.util.Map;

/**
 * PostgreSQL. DDL is transactional: a script runs in one transaction. The splitter follows psql: dollar-quoted
 * bodies ({@code $$ ... $$}, {@code $tag$ ... $tag$}), {@code E'...'} strings with backslash escapes, nested block
 * comments.
 */
public class PostgreSqlDialect extends AbstractDialect {

    static final class Splitter extends SqlSplitter {
        @Override
        protected int quotedEnd(String s, int i) {
            char c = s.charAt(i);
            if ((c == 'E' || c == 'e') && i + 1 < s.length() && s.charAt(i + 1) == '\''
                    && (i == 0 || !isWordPart(s.charAt(i - 1)))) {
                return backslashQuoteEnd(s, i + 1, '\'');
            }
            int d = dollarQuoteEnd(s, i);
            return d > i ? d : super.quotedEnd(s, i);
        }

        @Override
        protected boolean nestedBlockComments() {
            return true;
        }
    }

    public PostgreSqlDialect() {
        super(new Splitter(), existsChecks());
    }

    private static Map<ObjectKind, String> existsChecks() {
        Map<ObjectKind, String> m = informationSchema("current_schema()", "STRING_AGG(", ", ',' ORDER BY KCU.ORDINAL_POSITION)");
        m.put(ObjectKind.INDEX_IN_SCHEMA, "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND UPPER(indexname) = ?");
        m.put(ObjectKind.INDEX, "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema()"
                + " AND UPPER(tablename) = ? AND UPPER(indexname) = ?");
        m.put(ObjectKind.SEQUENCE, "SELECT 1 FROM information_schema.sequences WHERE sequence_schema = current_schema()"
                + " AND UPPER(sequence_name) = ?");
        m.put(ObjectKind.TRIGGER, "SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
                + " AND NOT t.tgisinternal AND UPPER(t.tgname) = ?");
        return m;
    }

    @Override
    boolean handles(String productName, String productVersion, String url) {
        return productName.contains("postgres");
    }

    @Override public String id() { return "postgresql"; }
    @Override public boolean supportsDdlTransactions() { return true; }

    @Override
    public String historyTableDdl() {
        return "CREATE TABLE APIM_UPGRADE_HISTORY (ID BIGSERIAL PRIMARY KEY, STEP_ID VARCHAR(100) NOT NULL,"
                + " SCRIPT VARCHAR(255) NOT NULL, SHA256 VARCHAR(64) NOT NULL, STARTED TIMESTAMP NOT NULL,"
                + " FINISHED TIMESTAMP, SUCCESS BOOLEAN, ROWS_AFFECTED BIGINT, TOOL_VERSION VARCHAR(40),"
                + " MESSAGE VARCHAR(2000))";
    }

    /** Session-level advisory lock: released by pg_advisory_unlock or when the session ends. */
    @Override public String tryLockSql() { return "SELECT pg_try_advisory_lock(hashtext(?))"; }
    @Override public String unlockSql() { return "SELECT pg_advisory_unlock(hashtext(?))"; }

    // ---- sessions and lock state ----

    /** The advisory lock of this run's lock connection, per database (pg_locks.database) and key. */
    @Override
    public java.util.Optional<String> lockHeldSql() {
        return java.util.Optional.of("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND pid = pg_backend_pid() AND objsubid = 1"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND ((classid::bigint << 32) | objid::bigint) = hashtext(?)::bigint");
    }

    /** idle_session_timeout (PostgreSQL 14+; NULL before: the missing_ok form). */
    @Override
    public java.util.Optional<String> idleTimeoutSql() {
        return java.util.Optional.of("SELECT EXTRACT(EPOCH FROM CAST(current_setting('idle_session_timeout', true) AS interval))");
    }

    @Override
    public java.util.Optional<String> identitySql() {
        return java.util.Optional.of("SELECT current_database(), current_schema()");
    }

    /** The cluster's system identifier (pg_controldata): the same for every role and every spelling of the host. */
    @Override
    public java.util.Optional<String> serverIdSql() {
        return java.util.Optional.of("SELECT 'postgresql:' || system_identifier FROM pg_control_system()");
    }

    @Override
    public java.util.Optional<String> sessionIdSql() {
        return java.util.Optional.of("SELECT pg_backend_pid()");
    }

    /** Client backends on this database; without pg_read_all_stats, another user's address, state and query are NULL. */
    @Override
    public java.util.List<String> sessionsSql() {
        return java.util.List.of("SELECT CAST(pid AS text), usename, host(client_addr), application_name, state,"
                + " CAST(EXTRACT(EPOCH FROM (now() - coalesce(state_change, backend_start))) AS bigint), query,"
                + " CASE WHEN state IS NULL OR state <> 'idle' THEN 1 ELSE 0 END"
                + " FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'"
                + " AND pid <> pg_backend_pid() ORDER BY backend_start");
    }

    /** pg_terminate_backend: ends the session and rolls back its transaction (pg_cancel_backend only stops a query). */
    @Override
    public java.util.Optional<String> endSessionSql(String sessionId) {
        return java.util.Optional.of("SELECT pg_terminate_backend(" + Integer.parseInt(sessionId) + ")");
    }

    @Override
    public java.util.Map<String, String> applicationNameProperties(String applicationName) {
        return java.util.Map.of("ApplicationName", applicationName);
    }
}
