package io.github.apimupgrade.core.steps.backup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The plugin's own dump, for a PostgreSQL or MySQL/MariaDB database whose vendor tool is not on the PATH: every
 * table of the schema with its columns, primary key, indexes, foreign keys and rows, as gzip'd JSON lines, read
 * in one repeatable-read transaction. {@link #restore} loads it into an empty schema of the same kind of
 * database. Not kept: views, triggers, procedures, grants (WSO2's schemas have none that matter to API-M; a
 * vendor dump keeps them, which is why the vendor tool is preferred).
 *
 * <pre>
 * {"format":"apim-upgrade-jdbc-export/1","product":"PostgreSQL"}
 * {"table":"am_api","columns":[...],"primaryKey":[...],"indexes":[...],"foreignKeys":[...]}
 * {"row":[1,"admin","PizzaShackAPI",...]}          binary values base64, timestamps as JDBC escape text
 * {"end":"am_api","rows":3}
 * </pre>
 */
final class JdbcExport {
    static final String FORMAT = "apim-upgrade-jdbc-export/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SIZED = Set.of("varchar", "char", "bpchar", "character varying", "character",
            "nvarchar", "nchar", "varbinary", "binary", "bit", "varchar2");
    private static final Set<String> PRECISION = Set.of("decimal", "numeric");

    private JdbcExport() {
    }

    /** Writes the export; returns the rows written per table. */
    static Map<String, Long> write(Connection c, Path file) throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        Map<String, Long> counts = new TreeMap<>();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
             JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("product", c.getMetaData().getDatabaseProductName());
            g.writeEndObject();
            String q = c.getMetaData().getIdentifierQuoteString().strip();
            for (String table : Tables.list(c)) {
                ObjectNode header = header(c, table);
                JSON.writeTree(g, header);
                ArrayNode cols = (ArrayNode) header.get("columns");
                long rows = 0;
                try (Statement s = c.createStatement()) {
                    s.setFetchSize(500);
                    try (ResultSet rs = s.executeQuery("SELECT * FROM " + q + table + q)) {
                        while (rs.next()) {
                            g.writeStartObject();
                            g.writeArrayFieldStart("row");
                            for (int i = 1; i <= cols.size(); i++) {
                                writeValue(g, rs, i, cols.get(i - 1).get("type").asInt());
                            }
                            g.writeEndArray();
                            g.writeEndObject();
                            rows++;
                        }
                    }
                }
                g.writeStartObject();
                g.writeStringField("end", table);
                g.writeNumberField("rows", rows);
                g.writeEndObject();
                counts.put(Tables.key(table), rows);
            }
        } finally {
            c.rollback();
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(autoCommit);
        }
        return counts;
    }

    private static ObjectNode header(Connection c, String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String catalog = c.getCatalog();
        String schema = Tables.schemaOf(c);
        ObjectNode h = JSON.createObjectNode();
        h.put("table", table);
        ArrayNode cols = h.putArray("columns");
        try (ResultSet rs = md.getColumns(catalog, schema, table, "%")) {
            while (rs.next()) {
                ObjectNode col = cols.addObject();
                col.put("name", rs.getString("COLUMN_NAME"));
                col.put("type", rs.getInt("DATA_TYPE"));
                col.put("typeName", rs.getString("TYPE_NAME"));
                col.put("size", rs.getInt("COLUMN_SIZE"));
                col.put("scale", rs.getInt("DECIMAL_DIGITS"));
                col.put("nullable", rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls);
                col.put("autoIncrement", "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT")));
                String def = rs.getString("COLUMN_DEF");
                if (def != null && !def.toLowerCase(Locale.ROOT).startsWith("nextval(")) {
                    col.put("default", def);
                }
            }
        }
        Map<Integer, String> pk = new TreeMap<>();
        String pkName = null;
        try (ResultSet rs = md.getPrimaryKeys(catalog, schema, table)) {
            while (rs.next()) {
                pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                pkName = rs.getString("PK_NAME");
            }
        }
        ArrayNode pkArr = h.putArray("primaryKey");
        pk.values().forEach(pkArr::add);
        Map<String, ObjectNode> indexes = new LinkedHashMap<>();
        try (ResultSet rs = md.getIndexInfo(catalog, schema, table, false, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (name == null || column == null || rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic
                        || name.equals(pkName) || name.equalsIgnoreCase("PRIMARY")) {
                    continue;
                }
                ObjectNode ix = indexes.computeIfAbsent(name, n -> {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("name", n);
                    o.putArray("columns");
                    return o;
                });
                ix.put("unique", !rs.getBoolean("NON_UNIQUE"));
                ((ArrayNode) ix.get("columns")).add(column);
            }
        }
        ArrayNode ixArr = h.putArray("indexes");
        indexes.values().forEach(ixArr::add);
        Map<String, ObjectNode> fks = new LinkedHashMap<>();
        try (ResultSet rs = md.getImportedKeys(catalog, schema, table)) {
            while (rs.next()) {
                String name = rs.getString("FK_NAME");
                String key = name != null ? name : rs.getString("PKTABLE_NAME");
                ObjectNode fk = fks.computeIfAbsent(key, n -> {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("name", n);
                    o.putArray("columns");
                    o.putArray("refColumns");
                    return o;
                });
                fk.put("refTable", rs.getString("PKTABLE_NAME"));
                fk.put("onDeleteCascade", rs.getShort("DELETE_RULE") == DatabaseMetaData.importedKeyCascade);
                ((ArrayNode) fk.get("columns")).add(rs.getString("FKCOLUMN_NAME"));
                ((ArrayNode) fk.get("refColumns")).add(rs.getString("PKCOLUMN_NAME"));
            }
        }
        ArrayNode fkArr = h.putArray("foreignKeys");
        fks.values().forEach(fkArr::add);
        return h;
    }

    private static void writeValue(JsonGenerator g, ResultSet rs, int i, int type) throws SQLException, IOException {
        switch (type) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] b = rs.getBytes(i);
                if (b == null) g.writeNull(); else g.writeString(Base64.getEncoder().encodeToString(b));
            }
            case Types.BIT, Types.BOOLEAN -> {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) g.writeNull(); else g.writeBoolean(v);
            }
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                long v = rs.getLong(i);
                if (rs.wasNull()) g.writeNull(); else g.writeNumber(v);
            }
            case Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                BigDecimal v = rs.getBigDecimal(i);
                if (v == null) g.writeNull(); else g.writeString(v.toPlainString());
            }
            case Types.TIMESTAMP -> {
                java.sql.Timestamp v = rs.getTimestamp(i);
                if (v == null) g.writeNull(); else g.writeString(v.toString());
            }
            case Types.DATE -> {
                java.sql.Date v = rs.getDate(i);
                if (v == null) g.writeNull(); else g.writeString(v.toString());
            }
            case Types.TIME -> {
                java.sql.Time v = rs.getTime(i);
                if (v == null) g.writeNull(); else g.writeString(v.toString());
            }
            default -> {
                String v = rs.getString(i);
                if (v == null) g.writeNull(); else g.writeString(v);
            }
        }
    }

    /** Rows per table as the file records them, counted by reading every row line back. */
    static Map<String, Long> readCounts(Path file) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
             MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(in)) {
            String table = null;
            long rows = 0;
            boolean first = true;
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (first) {
                    if (!FORMAT.equals(n.path("format").asText())) {
                        throw new IOException(file + " is not an " + FORMAT + " file");
                    }
                    first = false;
                } else if (n.has("table")) {
                    table = n.get("table").asText();
                    rows = 0;
                } else if (n.has("row")) {
                    rows++;
                } else if (n.has("end")) {
                    if (n.get("rows").asLong() != rows) {
                        throw new IOException(file + ": table " + table + " declares " + n.get("rows").asLong()
                                + " rows but holds " + rows);
                    }
                    counts.put(Tables.key(table), rows);
                    table = null;
                }
            }
            if (table != null) {
                throw new IOException(file + " ends inside table " + table + " (truncated)");
            }
        }
        return counts;
    }

    /** Loads the export into the (emptied) schema of {@code c}; returns rows loaded per table. */
    static Map<String, Long> restore(Connection c, Path file) throws SQLException, IOException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        boolean mysql = product.contains("mysql") || product.contains("mariadb");
        boolean pg = product.contains("postgres");
        String q = mysql ? "`" : "\"";
        Map<String, Long> counts = new TreeMap<>();
        List<JsonNode> headers = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement ddl = c.createStatement();
             InputStream in = new GZIPInputStream(Files.newInputStream(file));
             MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(in)) {
            if (mysql) {
                ddl.execute("SET FOREIGN_KEY_CHECKS = 0");
            }
            it.next(); // format line, checked by readCounts before any restore
            PreparedStatement insert = null;
            JsonNode header = null;
            long rows = 0;
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n.has("table")) {
                    header = n;
                    headers.add(n);
                    ddl.execute(createTable(n, q, mysql, pg));
                    insert = c.prepareStatement(insertSql(n, q));
                    rows = 0;
                } else if (n.has("row")) {
                    JsonNode cols = header.get("columns");
                    for (int i = 0; i < cols.size(); i++) {
                        bind(insert, i + 1, cols.get(i).get("type").asInt(), n.get("row").get(i));
                    }
                    insert.addBatch();
                    if (++rows % 500 == 0) {
                        insert.executeBatch();
                    }
                } else if (n.has("end")) {
                    insert.executeBatch();
                    insert.close();
                    counts.put(Tables.key(header.get("table").asText()), rows);
                    if (pg) {
                        resetSerials(ddl, header, q);
                    }
                }
            }
            for (JsonNode h : headers) {
                for (JsonNode ix : h.get("indexes")) {
                    ddl.execute("CREATE " + (ix.get("unique").asBoolean() ? "UNIQUE " : "") + "INDEX " + q + ix.get("name").asText() + q
                            + " ON " + q + h.get("table").asText() + q + " (" + columns(ix.get("columns"), q) + ")");
                }
            }
            for (JsonNode h : headers) {
                for (JsonNode fk : h.get("foreignKeys")) {
                    ddl.execute("ALTER TABLE " + q + h.get("table").asText() + q + " ADD CONSTRAINT " + q + fk.get("name").asText() + q
                            + " FOREIGN KEY (" + columns(fk.get("columns"), q) + ") REFERENCES " + q + fk.get("refTable").asText() + q
                            + " (" + columns(fk.get("refColumns"), q) + ")" + (fk.get("onDeleteCascade").asBoolean() ? " ON DELETE CASCADE" : ""));
                }
            }
            if (mysql) {
                ddl.execute("SET FOREIGN_KEY_CHECKS = 1");
            }
            c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return counts;
    }

    static String createTable(JsonNode h, String q, boolean mysql, boolean pg) {
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(q).append(h.get("table").asText()).append(q).append(" (");
        JsonNode cols = h.get("columns");
        for (int i = 0; i < cols.size(); i++) {
            JsonNode col = cols.get(i);
            if (i > 0) sb.append(", ");
            sb.append(q).append(col.get("name").asText()).append(q).append(' ').append(typeSpec(col, mysql, pg));
            if (!col.get("nullable").asBoolean()) sb.append(" NOT NULL");
            if (col.has("default") && !(pg && col.get("autoIncrement").asBoolean())) {
                sb.append(" DEFAULT ").append(col.get("default").asText());
            }
            if (mysql && col.get("autoIncrement").asBoolean()) sb.append(" AUTO_INCREMENT");
        }
        if (!h.get("primaryKey").isEmpty()) {
            sb.append(", PRIMARY KEY (").append(columns(h.get("primaryKey"), q)).append(')');
        }
        return sb.append(')').toString();
    }

    static String typeSpec(JsonNode col, boolean mysql, boolean pg) {
        String name = col.get("typeName").asText();
        String lower = name.toLowerCase(Locale.ROOT);
        int size = col.get("size").asInt();
        if (pg && col.get("autoIncrement").asBoolean()) {
            return lower.contains("8") || lower.startsWith("big") ? "bigserial" : "serial";
        }
        if (pg && lower.equals("bpchar")) {
            name = "char";
            lower = "char";
        }
        String base = lower.replace(" unsigned", "");
        if (SIZED.contains(base) && size > 0 && size < 100_000) {
            return insertSize(name, "(" + size + ")");
        }
        if (PRECISION.contains(base) && size > 0 && size < 1000) {
            return insertSize(name, "(" + size + "," + col.get("scale").asInt() + ")");
        }
        return name;
    }

    /** "INT UNSIGNED" + "(10)" -> "INT(10) UNSIGNED". */
    private static String insertSize(String typeName, String size) {
        int space = typeName.toLowerCase(Locale.ROOT).indexOf(" unsigned");
        return space < 0 ? typeName + size : typeName.substring(0, space) + size + typeName.substring(space);
    }

    private static String insertSql(JsonNode h, String q) {
        JsonNode cols = h.get("columns");
        List<String> names = new ArrayList<>();
        cols.forEach(c -> names.add(q + c.get("name").asText() + q));
        return "INSERT INTO " + q + h.get("table").asText() + q + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")";
    }

    private static void bind(PreparedStatement ps, int i, int type, JsonNode v) throws SQLException {
        if (v == null || v.isNull()) {
            ps.setNull(i, type);
            return;
        }
        switch (type) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> ps.setBytes(i, Base64.getDecoder().decode(v.asText()));
            case Types.BIT, Types.BOOLEAN -> ps.setBoolean(i, v.asBoolean());
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> ps.setLong(i, v.asLong());
            case Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT, Types.DOUBLE -> ps.setBigDecimal(i, new BigDecimal(v.asText()));
            case Types.TIMESTAMP -> ps.setTimestamp(i, java.sql.Timestamp.valueOf(v.asText()));
            case Types.DATE -> ps.setDate(i, java.sql.Date.valueOf(v.asText()));
            case Types.TIME -> ps.setTime(i, java.sql.Time.valueOf(v.asText()));
            default -> ps.setObject(i, v.asText(), type);
        }
    }

    private static void resetSerials(Statement s, JsonNode h, String q) throws SQLException {
        String table = h.get("table").asText();
        for (JsonNode col : h.get("columns")) {
            if (col.get("autoIncrement").asBoolean()) {
                String c = col.get("name").asText();
                s.execute("SELECT setval(pg_get_serial_sequence('" + q + table + q + "', '" + c + "'), COALESCE(MAX(" + q + c + q
                        + "), 0) + 1, false) FROM " + q + table + q);
            }
        }
    }

    private static String columns(JsonNode arr, String q) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(q + n.asText() + q));
        return String.join(", ", out);
    }
}
