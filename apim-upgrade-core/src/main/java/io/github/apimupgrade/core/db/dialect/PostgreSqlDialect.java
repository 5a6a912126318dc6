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
}
