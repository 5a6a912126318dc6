package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.db.dialect.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@value #TABLE} in one database: one row per script run (step id, script, sha-256, started, finished, success,
 * rows, tool version, message). The row is written <em>before</em> the script runs, so a run killed in the middle
 * leaves a row with no outcome behind; {@link #recordEnd} completes it.
 */
public final class HistoryTable {

    public static final String TABLE = "APIM_UPGRADE_HISTORY";
    private static final int MESSAGE_MAX = 2000;
    private static final String COLUMNS =
            "ID, STEP_ID, SCRIPT, SHA256, STARTED, FINISHED, SUCCESS, ROWS_AFFECTED, TOOL_VERSION, MESSAGE";

    /**
     * One history row.
     *
     * @param success null while the script runs, or when the run died before it could record an outcome
     * @param rows    rows affected (null until finished)
     */
    public record Entry(long id, String stepId, String script, String sha256, Instant started, Instant finished,
                        Boolean success, Long rows, String toolVersion, String message) {

        public boolean succeeded() {
            return Boolean.TRUE.equals(success);
        }

        /** Started but never finished: the process died (or is still running elsewhere). */
        public boolean unfinished() {
            return success == null;
        }
    }

    /** SCRIPT of a step-level row: the step completed on this database (not a script). */
    public static final String STEP_COMPLETED = "(step completed)";
    /** SCRIPT of a step-level row: the step's migration run succeeded (written before the server is stopped). */
    public static final String RUN_SUCCEEDED = "(migration run succeeded)";
    private static final String NO_SCRIPT_SHA = "-";

    private final Database database;
    private final Clock clock;
    private final String toolVersion;

    public HistoryTable(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database);
        this.clock = Objects.requireNonNull(clock);
        String v = HistoryTable.class.getPackage().getImplementationVersion();
        this.toolVersion = v == null ? "dev" : v;
    }

    public Database database() {
        return database;
    }

    public boolean exists() {
        try (Connection c = database.connect()) {
            return exists(c, database.dialect());
        } catch (SQLException e) {
            throw failure("look for " + TABLE, e);
        }
    }

    /** Creates the table unless it exists (the dialect's DDL). */
    public void ensure() {
        Dialect d = database.dialect();
        try (Connection c = database.connect()) {
            if (!exists(c, d)) {
                try (Statement s = c.createStatement()) {
                    s.execute(d.historyTableDdl());
                } catch (SQLException e) {
                    if (!exists(c, d)) { // a concurrent creator is fine; anything else is not
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("create " + TABLE, e);
        }
    }

    /** Writes (and commits) a row without an outcome; returns its id. */
    public long recordStart(String stepId, String script, String sha256) {
        String sql = "INSERT INTO " + TABLE + " (STEP_ID, SCRIPT, SHA256, STARTED, TOOL_VERSION) VALUES (?, ?, ?, ?, ?)";
        try (Connection c = database.connect();
             PreparedStatement ps = database.dialect().id().equals("oracle")
                     ? c.prepareStatement(sql, new String[] {"ID"})
                     : c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, stepId);
            ps.setString(2, script);
            ps.setString(3, sha256);
            ps.setTimestamp(4, Timestamp.from(clock.instant()));
            ps.setString(5, toolVersion);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated ID returned for the new " + TABLE + " row");
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("record the start of " + script, e);
        }
    }

    /** Completes a row on its own connection (committed at once). */
    public void recordEnd(long id, boolean success, long rows, String message) {
        try (Connection c = database.connect()) {
            recordEnd(c, id, success, rows, message);
        } catch (SQLException e) {
            throw failure("record the end of run " + id, e);
        }
    }

    /**
     * Completes a row on the caller's connection, inside its transaction: on databases with transactional DDL the
     * script's changes and its success row then commit together (or not at all).
     */
    public void recordEnd(Connection c, long id, boolean success, long rows, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE
                + " SET FINISHED = ?, SUCCESS = ?, ROWS_AFFECTED = ?, MESSAGE = ? WHERE ID = ?")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setBoolean(2, success);
            ps.setLong(3, rows);
            if (message == null) {
                ps.setNull(4, Types.VARCHAR);
            } else {
                ps.setString(4, message.length() > MESSAGE_MAX ? message.substring(0, MESSAGE_MAX - 3) + "..." : message);
            }
            ps.setLong(5, id);
            if (ps.executeUpdate() != 1) {
                throw new SQLException(TABLE + " has no row with ID " + id);
            }
        }
    }

    /**
     * Writes a finished, successful step-level row ({@link #STEP_COMPLETED} or {@link #RUN_SUCCEEDED}), committed at
     * once, creating the table first when needed. {@code message} says who wrote it (run id, new home).
     */
    public void recordStep(String stepId, String kind, String message) {
        ensure();
        long id = recordStart(stepId, kind, NO_SCRIPT_SHA);
        recordEnd(id, true, 0, message);
    }

    /** The step-level rows of a step ({@link #STEP_COMPLETED}, {@link #RUN_SUCCEEDED}), oldest first. */
    public List<Entry> stepRows(String stepId) {
        return select(" WHERE STEP_ID = ? AND SCRIPT IN (?, ?)", List.of(stepId, STEP_COMPLETED, RUN_SUCCEEDED));
    }

    /** Every row, oldest first; empty when the table does not exist yet. */
    public List<Entry> rows() {
        return select("", List.of());
    }

    /** Rows of one step, oldest first. */
    public List<Entry> rows(String stepId) {
        return select(" WHERE STEP_ID = ?", List.of(stepId));
    }

    /** The latest successful run of this script for this step. */
    public Optional<Entry> lastSuccess(String stepId, String script) {
        List<Entry> rows = select(" WHERE STEP_ID = ? AND SCRIPT = ?", List.of(stepId, script));
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i).succeeded()) {
                return Optional.of(rows.get(i));
            }
        }
        return Optional.empty();
    }

    /** The latest run (any outcome) of this script for this step. */
    public Optional<Entry> last(String stepId, String script) {
        List<Entry> rows = select(" WHERE STEP_ID = ? AND SCRIPT = ?", List.of(stepId, script));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(rows.size() - 1));
    }

    /** Whether the step has a successful run of every one of these scripts. */
    public boolean succeeded(String stepId, List<String> scripts) {
        return scripts.stream().allMatch(s -> lastSuccess(stepId, s).isPresent());
    }

    private List<Entry> select(String where, List<String> params) {
        try (Connection c = database.connect()) {
            if (!exists(c, database.dialect())) {
                return List.of();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + where + " ORDER BY ID")) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setString(i + 1, params.get(i));
                }
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(entry(rs));
                    }
                }
                return out;
            }
        } catch (SQLException e) {
            throw failure("read " + TABLE, e);
        }
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        boolean ok = rs.getBoolean("SUCCESS");
        Boolean success = rs.wasNull() ? null : ok;
        long rows = rs.getLong("ROWS_AFFECTED");
        Long rowsOrNull = rs.wasNull() ? null : rows;
        return new Entry(rs.getLong("ID"), rs.getString("STEP_ID"), rs.getString("SCRIPT"), rs.getString("SHA256"),
                instant(rs.getTimestamp("STARTED")), instant(rs.getTimestamp("FINISHED")), success, rowsOrNull,
                rs.getString("TOOL_VERSION"), rs.getString("MESSAGE"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static boolean exists(Connection c, Dialect d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(d.tableExistsSql())) {
            ps.setString(1, TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private UpgradeException failure(String what, SQLException e) {
        return UpgradeException.environment(ErrorCode.DATASOURCE_UNREACHABLE,
                "Cannot " + what + " on " + database.label() + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + ")",
                database.datasource().origin(),
                "The upgrade user needs CREATE TABLE, INSERT and UPDATE on " + TABLE + " in this database.", e);
    }
}
