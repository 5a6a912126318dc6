package io.github.apimupgrade.core.db.dialect;

import java.util.Map;

/**
 * H2 2.x (the embedded quickstart and the tests). DDL commits implicitly, so scripts are guarded. H2 has no named
 * session lock: see {@link #lockTableSql()}.
 */
public class H2Dialect extends AbstractDialect {

    static final class Splitter extends SqlSplitter {
        @Override
        protected int quotedEnd(String s, int i) {
            int d = dollarQuoteEnd(s, i); // CREATE ALIAS ... AS $$ ... $$
            return d > i ? d : super.quotedEnd(s, i);
        }
    }

    public H2Dialect() {
        super(new Splitter(), existsChecks());
    }

    private static Map<ObjectKind, String> existsChecks() {
        Map<ObjectKind, String> m = informationSchema("CURRENT_SCHEMA", "LISTAGG(", ", ',') WITHIN GROUP (ORDER BY KCU.ORDINAL_POSITION)");
        m.put(ObjectKind.INDEX_IN_SCHEMA, "SELECT 1 FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_SCHEMA = CURRENT_SCHEMA AND UPPER(INDEX_NAME) = ?");
        m.put(ObjectKind.INDEX, "SELECT 1 FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_SCHEMA = CURRENT_SCHEMA"
                + " AND UPPER(TABLE_NAME) = ? AND UPPER(INDEX_NAME) = ?");
        m.put(ObjectKind.SEQUENCE, "SELECT 1 FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = CURRENT_SCHEMA"
                + " AND UPPER(SEQUENCE_NAME) = ?");
        m.put(ObjectKind.TRIGGER, "SELECT 1 FROM INFORMATION_SCHEMA.TRIGGERS WHERE TRIGGER_SCHEMA = CURRENT_SCHEMA"
                + " AND UPPER(TRIGGER_NAME) = ?");
        return m;
    }

    @Override
    boolean handles(String productName, String productVersion, String url) {
        return productName.contains("h2");
    }

    @Override public String id() { return "h2"; }
    @Override public boolean supportsDdlTransactions() { return false; }

    @Override
    public String historyTableDdl() {
        return "CREATE TABLE APIM_UPGRADE_HISTORY (ID BIGINT AUTO_INCREMENT PRIMARY KEY, STEP_ID VARCHAR(100) NOT NULL,"
                + " SCRIPT VARCHAR(255) NOT NULL, SHA256 VARCHAR(64) NOT NULL, STARTED TIMESTAMP NOT NULL,"
                + " FINISHED TIMESTAMP, SUCCESS BOOLEAN, ROWS_AFFECTED BIGINT, TOOL_VERSION VARCHAR(40),"
                + " MESSAGE VARCHAR(2000))";
    }

    /**
     * H2 has no {@code ALTER TABLE t DROP UNIQUE (cols)} (Oracle's form, which the scripts use for a unique key
     * declared without a name): it runs as {@code DROP CONSTRAINT} with the name H2 generated for the key whose
     * columns are exactly these, in order. Left as written (and failing) when no such key exists: the runner's
     * existence guard skips the statement first.
     */
    @Override
    public String executableText(java.sql.Connection connection, SqlStatement statement) throws java.sql.SQLException {
        java.util.Optional<StatementTarget> t = target(statement);
        if (t.isEmpty() || t.get().operation() != StatementTarget.Operation.DROP || t.get().kind() != ObjectKind.UNIQUE_KEY) {
            return statement.text();
        }
        String sql = "SELECT TC.CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS TC"
                + " WHERE TC.TABLE_SCHEMA = CURRENT_SCHEMA AND UPPER(TC.TABLE_NAME) = ? AND TC.CONSTRAINT_TYPE = 'UNIQUE'"
                + " AND (SELECT LISTAGG(UPPER(KCU.COLUMN_NAME), ',') WITHIN GROUP (ORDER BY KCU.ORDINAL_POSITION)"
                + " FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE KCU WHERE KCU.CONSTRAINT_SCHEMA = TC.CONSTRAINT_SCHEMA"
                + " AND KCU.CONSTRAINT_NAME = TC.CONSTRAINT_NAME AND KCU.TABLE_NAME = TC.TABLE_NAME) = ?";
        try (java.sql.PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, t.get().table());
            ps.setString(2, String.join(",", t.get().columns()));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return "ALTER TABLE " + t.get().table() + " DROP CONSTRAINT \"" + rs.getString(1).replace("\"", "\"\"") + "\"";
                }
            }
        }
        return statement.text();
    }

    @Override public String tryLockSql() { return null; }
    @Override public String unlockSql() { return null; }

    /**
     * H2 has neither GET_LOCK nor LOCK TABLE, and SELECT ... FOR UPDATE locks only rows that exist (on an empty
     * history table it locks nothing). So the lock is an uncommitted sentinel row with the fixed key 0: a second
     * session inserting it waits for the holder's transaction and fails with "Timeout trying to lock table" (error
     * 50200); other sessions never see the row; rollback or a closed connection releases it. Never commit the lock
     * connection.
     */
    @Override
    public java.util.List<String> lockTableSql() {
        return java.util.List.of("INSERT INTO APIM_UPGRADE_HISTORY (ID, STEP_ID, SCRIPT, SHA256, STARTED)"
                + " VALUES (0, 'apim-upgrade-lock', '-', '-', CURRENT_TIMESTAMP)");
    }
}
