package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.db.dialect.Dialect;
import io.github.apimupgrade.core.db.dialect.SqlStatement;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Existence checks through JDBC metadata for the DDL shapes the upgrade scripts use: CREATE TABLE, CREATE [UNIQUE]
 * INDEX, DROP INDEX, ALTER TABLE ... ADD [COLUMN]. Anything else (DML included) runs; DML in the scripts is written
 * to be repeatable on its own.
 */
public final class MetadataStatementGuard implements StatementGuard {

    private static final String ID = "[\"`\\[]?([A-Za-z0-9_$#]+)[\"`\\]]?";
    private static final String QID = "(?:" + ID + "\\.)?" + ID;
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?is)^\\s*CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + QID + ".*");
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "(?is)^\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + QID
                    + "(?:\\s+USING\\s+\\w+)?\\s+ON\\s+" + QID + ".*");
    private static final Pattern DROP_INDEX = Pattern.compile(
            "(?is)^\\s*DROP\\s+INDEX\\s+(?:IF\\s+EXISTS\\s+)?" + QID + "(?:\\s+ON\\s+" + QID + ")?\\s*$");
    private static final Pattern ADD_COLUMN = Pattern.compile(
            "(?is)^\\s*ALTER\\s+TABLE\\s+" + QID + "\\s+ADD\\s+(?:COLUMN\\s+)?(?!CONSTRAINT\\b|PRIMARY\\b|UNIQUE\\b|FOREIGN\\b|INDEX\\b|KEY\\b)" + ID + "\\s.*");

    @Override
    public Optional<String> alreadyApplied(Connection c, Dialect d, SqlStatement s) throws SQLException {
        String sql = s.text();
        Matcher m;
        if ((m = CREATE_TABLE.matcher(sql)).matches()) {
            String table = m.group(2);
            return tableExists(c, table) ? Optional.of("table " + table + " already exists") : Optional.empty();
        }
        if ((m = CREATE_INDEX.matcher(sql)).matches()) {
            String index = m.group(2);
            String table = m.group(4);
            return indexExists(c, d, index, table) ? Optional.of("index " + index + " already exists") : Optional.empty();
        }
        if ((m = DROP_INDEX.matcher(sql)).matches()) {
            String index = m.group(2);
            String table = m.group(4);
            return indexExists(c, d, index, table) ? Optional.empty() : Optional.of("index " + index + " is already gone");
        }
        if ((m = ADD_COLUMN.matcher(sql)).matches()) {
            String table = m.group(2);
            String column = m.group(3);
            return columnExists(c, table, column)
                    ? Optional.of("column " + table + "." + column + " already exists") : Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String name : variants(table)) {
            try (ResultSet rs = md.getTables(c.getCatalog(), schema(c), name, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean columnExists(Connection c, String table, String column) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String t : variants(table)) {
            try (ResultSet rs = md.getColumns(c.getCatalog(), schema(c), t, null)) {
                while (rs.next()) {
                    if (rs.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean indexExists(Connection c, Dialect d, String index, String table) throws SQLException {
        if (table == null) {
            // DROP INDEX without ON: the index name is unique in the schema on these databases.
            String sql = switch (d.id()) {
                case "oracle" -> "SELECT 1 FROM USER_INDEXES WHERE INDEX_NAME = ?";
                case "db2" -> "SELECT 1 FROM SYSCAT.INDEXES WHERE INDSCHEMA = CURRENT SCHEMA AND INDNAME = ?";
                case "postgresql" -> "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND UPPER(indexname) = ?";
                default -> "SELECT 1 FROM INFORMATION_SCHEMA.INDEXES WHERE UPPER(INDEX_NAME) = ?";
            };
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, index.toUpperCase(Locale.ROOT));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        }
        DatabaseMetaData md = c.getMetaData();
        for (String t : variants(table)) {
            try (ResultSet rs = md.getIndexInfo(c.getCatalog(), schema(c), t, false, true)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    if (name != null && name.equalsIgnoreCase(index)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String schema(Connection c) {
        try {
            return c.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    /** Metadata lookups are case-sensitive; unquoted names are stored upper case (most) or lower case (PostgreSQL). */
    private static String[] variants(String name) {
        return new String[] {name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT), name};
    }
}
