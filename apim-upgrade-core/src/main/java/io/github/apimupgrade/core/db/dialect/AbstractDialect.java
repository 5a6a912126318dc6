package io.github.apimupgrade.core.db.dialect;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the seven dialects share: the splitter they delegate to and the table of existence-check SQL. */
abstract class AbstractDialect implements Dialect {
    private final SqlSplitter splitter;
    private final Map<ObjectKind, String> exists;

    AbstractDialect(SqlSplitter splitter, Map<ObjectKind, String> exists) {
        this.splitter = splitter;
        this.exists = new EnumMap<>(exists);
    }

    /** Whether this dialect is the database a JDBC connection reports (all three lower case, never null). */
    abstract boolean handles(String productName, String productVersion, String url);

    @Override
    public final List<SqlStatement> split(String script) {
        return splitter.split(script);
    }

    @Override
    public Optional<String> existsSql(ObjectKind kind) {
        return Optional.ofNullable(exists.get(kind));
    }

    @Override
    public String tableExistsSql() {
        return exists.get(ObjectKind.TABLE);
    }

    @Override
    public String toString() {
        return id();
    }

    /**
     * Existence checks over the standard INFORMATION_SCHEMA views (H2 2.x, MySQL/MariaDB, PostgreSQL, SQL Server)
     * for tables, columns and constraints; {@code schema} is the dialect's current-schema expression. Index,
     * sequence and trigger checks are vendor views and are added by each dialect.
     */
    static Map<ObjectKind, String> informationSchema(String schema, String listAggOpen, String listAggClose) {
        Map<ObjectKind, String> m = new EnumMap<>(ObjectKind.class);
        m.put(ObjectKind.TABLE, "SELECT 1 FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = " + schema
                + " AND UPPER(TABLE_NAME) = ?");
        m.put(ObjectKind.COLUMN, "SELECT 1 FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = " + schema
                + " AND UPPER(TABLE_NAME) = ? AND UPPER(COLUMN_NAME) = ?");
        m.put(ObjectKind.CONSTRAINT, "SELECT 1 FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = " + schema
                + " AND UPPER(TABLE_NAME) = ? AND UPPER(CONSTRAINT_NAME) = ?");
        m.put(ObjectKind.PRIMARY_KEY, "SELECT 1 FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = " + schema
                + " AND UPPER(TABLE_NAME) = ? AND CONSTRAINT_TYPE = 'PRIMARY KEY'");
        m.put(ObjectKind.PRIMARY_KEY_COLUMNS, keyColumns(schema, "PRIMARY KEY", listAggOpen, listAggClose));
        m.put(ObjectKind.UNIQUE_KEY, keyColumns(schema, "UNIQUE", listAggOpen, listAggClose));
        return m;
    }

    private static String keyColumns(String schema, String type, String aggOpen, String aggClose) {
        return "SELECT 1 FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS TC WHERE TC.TABLE_SCHEMA = " + schema
                + " AND UPPER(TC.TABLE_NAME) = ? AND TC.CONSTRAINT_TYPE = '" + type + "' AND (SELECT " + aggOpen
                + "UPPER(KCU.COLUMN_NAME)" + aggClose + " FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE KCU"
                + " WHERE KCU.CONSTRAINT_SCHEMA = TC.CONSTRAINT_SCHEMA AND KCU.CONSTRAINT_NAME = TC.CONSTRAINT_NAME"
                + " AND KCU.TABLE_NAME = TC.TABLE_NAME) = ?";
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
