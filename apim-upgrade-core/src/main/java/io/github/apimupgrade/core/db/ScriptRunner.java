package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.db.dialect.Dialect;
import io.github.apimupgrade.core.db.dialect.SqlScripts;
import io.github.apimupgrade.core.db.dialect.SqlStatement;
import io.github.apimupgrade.core.db.dialect.ExistenceCheck;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one script for one step on one database, recording it in {@link HistoryTable}.
 * <ul>
 *   <li>A script already recorded as successful with the same sha-256 is skipped (and says so); one recorded with a
 *       different sha-256 is refused ({@link ErrorCode#SCRIPT_CHANGED}), unless the catalogue names that sha-256 as an
 *       earlier version the current one completes ({@link SqlScripts#isEarlierVersion}): then the current one runs.</li>
 *   <li>Where DDL is transactional (PostgreSQL, SQL Server, DB2) the whole script and its success row commit in one
 *       transaction: a failure or a crash leaves the database as it was.</li>
 *   <li>Elsewhere (MySQL, MariaDB, Oracle, H2) each statement commits on its own and DDL is guarded by the
 *       dialect's existence checks ({@link ExistenceCheck}), so a re-run after a crash completes the script instead
 *       of failing on "already exists". DML in the scripts is written to be repeatable.</li>
 * </ul>
 * Failures name the script, the statement number, its start line and text (secrets masked), the database and the
 * vendor message with its SQLState. Taking the {@link DatabaseLock} is the caller's job (once per run, not per script).
 */
public final class ScriptRunner {
    private static final int STATEMENT_TEXT_MAX = 1000;
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "apim-upgrade-sql-heartbeat");
        t.setDaemon(true);
        return t;
    });

    /**
     * What a run did.
     *
     * @param skipped    true when the script had already succeeded with the same sha-256 (nothing ran)
     * @param rows       rows affected, summed over the statements (for a skipped script: as recorded then)
     * @param statements statements in the script
     * @param guarded    statements skipped because their effect was already there (non-transactional databases)
     * @param statementRows rows affected by each statement, in order (empty when the script was skipped)
     */
    public record Result(String scriptId, boolean skipped, long rows, int statements, int guarded, Duration took,
                         List<Long> statementRows) {
        public Result {
            statementRows = List.copyOf(statementRows);
        }
    }

    private final Database database;
    private final HistoryTable history;
    private final EventSink events;
    private final Redactor redactor;
    private final Clock clock;

    public ScriptRunner(Database database, HistoryTable history, EventSink events, Redactor redactor, Clock clock) {
        this.database = Objects.requireNonNull(database);
        this.history = Objects.requireNonNull(history);
        this.events = Objects.requireNonNull(events);
        this.redactor = Objects.requireNonNull(redactor);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Runner on the history table of {@code database}. */
    public static ScriptRunner of(Database database, EventSink events, Redactor redactor, Clock clock) {
        return new ScriptRunner(database, new HistoryTable(database, clock), events, redactor, clock);
    }

    /**
     * The recorded success of this script for the step, if any. Read-only, so plans can call it.
     *
     * @throws UpgradeException {@link ErrorCode#SCRIPT_CHANGED} when it succeeded with a different sha-256
     */
    public Optional<HistoryTable.Entry> applied(String stepId, SqlScript script) {
        Optional<HistoryTable.Entry> done = history.lastSuccess(stepId, script.id());
        if (done.isPresent() && SqlScripts.isEarlierVersion(script.id(), done.get().sha256())) {
            return Optional.empty(); // the current version completes what the earlier one did: run it
        }
        if (done.isPresent() && !done.get().sha256().equals(script.sha256())) {
            HistoryTable.Entry e = done.get();
            throw UpgradeException.user(ErrorCode.SCRIPT_CHANGED,
                    "Script " + script.id() + " of step " + stepId + " already ran successfully on "
                            + database.label() + " (history row " + e.id() + ", " + e.started()
                            + ") with sha-256 " + e.sha256() + ", but the script is now " + script.sha256() + ".",
                    database.label() + " " + HistoryTable.TABLE + " ID " + e.id(),
                    "The plugin version changed the script after it was applied. Keep the plugin version that "
                            + "applied it, or, if the database is known to be in the new script's end state, mark "
                            + "the step done with the repair goal.");
        }
        return done;
    }

    public Result run(String stepId, SqlScript script) {
        Dialect dialect = database.dialect();
        history.ensure();
        Optional<HistoryTable.Entry> done = applied(stepId, script);
        if (done.isPresent()) {
            HistoryTable.Entry e = done.get();
            events.progress(stepId, script.id() + " already applied on " + database.label() + " (" + e.started()
                    + ", " + (e.rows() == null ? 0 : e.rows()) + " rows): skipped");
            return new Result(script.id(), true, e.rows() == null ? 0 : e.rows(), 0, 0, Duration.ZERO, List.of());
        }
        history.lastSuccess(stepId, script.id()).ifPresent(earlier -> events.progress(stepId, script.id()
                + " ran on " + database.label() + " in an earlier version (" + earlier.started() + ", sha-256 "
                + earlier.sha256() + "): running the current version, which completes it"));
        List<SqlStatement> statements = dialect.split(script.text());
        Instant start = clock.instant();
        long runId = history.recordStart(stepId, script.id(), script.sha256());
        events.progress(stepId, "running " + script.id() + " on " + database.label() + " (" + statements.size()
                + " statements" + (dialect.supportsDdlTransactions() ? ", one transaction" : ", each guarded") + ")");
        return dialect.supportsDdlTransactions()
                ? inTransaction(stepId, script, statements, runId, start)
                : guarded(stepId, script, statements, runId, start, dialect);
    }

    private Result inTransaction(String stepId, SqlScript script, List<SqlStatement> statements, long runId, Instant start) {
        long rows = 0;
        int index = 0;
        List<Long> perStatement = new ArrayList<>();
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            try {
                for (; index < statements.size(); index++) {
                    long n = execute(c, stepId, statements, index);
                    perStatement.add(n);
                    rows += n;
                }
                Duration took = Duration.between(start, clock.instant());
                history.recordEnd(c, runId, true, rows, statements.size() + " statements in " + took);
                c.commit();
                return new Result(script.id(), false, rows, statements.size(), 0, took, perStatement);
            } catch (SQLException e) {
                rollbackQuietly(c, e);
                throw failed(script, statements, index, runId, e, true);
            } catch (RuntimeException e) {
                rollbackQuietly(c, e);
                recordFailure(runId, e.getMessage(), e);
                throw e;
            }
        } catch (SQLException e) {
            throw failed(script, statements, index, runId, e, true);
        }
    }

    private Result guarded(String stepId, SqlScript script, List<SqlStatement> statements, long runId, Instant start,
                           Dialect dialect) {
        long rows = 0;
        int skipped = 0;
        int index = 0;
        List<Long> perStatement = new ArrayList<>();
        try (Connection c = database.connect()) {
            c.setAutoCommit(true);
            for (; index < statements.size(); index++) {
                SqlStatement s = statements.get(index);
                Optional<String> skip = ExistenceCheck.skipReason(c, dialect, s);
                if (skip.isPresent()) {
                    skipped++;
                    perStatement.add(0L);
                    events.detail(stepId, "statement " + (index + 1) + " (line " + s.line() + ") skipped: " + skip.get());
                    continue;
                }
                long n = execute(c, stepId, statements, index);
                perStatement.add(n);
                rows += n;
            }
            Duration took = Duration.between(start, clock.instant());
            history.recordEnd(runId, true, rows, statements.size() + " statements (" + skipped
                    + " already in place) in " + took);
            return new Result(script.id(), false, rows, statements.size(), skipped, took, perStatement);
        } catch (SQLException e) {
            throw failed(script, statements, index, runId, e, false);
        } catch (RuntimeException e) {
            recordFailure(runId, e.getMessage(), e);
            throw e;
        }
    }

    private long execute(Connection c, String stepId, List<SqlStatement> statements, int index) throws SQLException {
        SqlStatement s = statements.get(index);
        Instant t0 = clock.instant();
        long rows = 0;
        // a long statement (a big delete) still says it is alive every HEARTBEAT
        ScheduledFuture<?> heartbeat = HEARTBEATS.scheduleAtFixedRate(() -> events.progress(stepId,
                "still running statement " + (index + 1) + "/" + statements.size() + " (line " + s.line() + ") on "
                        + database.label() + ", " + Duration.between(t0, clock.instant()).toSeconds() + " s"),
                HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        try (Statement st = c.createStatement()) {
            boolean result = st.execute(database.dialect().executableText(c, s));
            // walk every result: SQL Server batches report several update counts
            while (true) {
                if (!result) {
                    long n = st.getLargeUpdateCount();
                    if (n == -1) {
                        break;
                    }
                    rows += Math.max(0, n);
                }
                result = st.getMoreResults();
            }
        } finally {
            heartbeat.cancel(false);
        }
        events.detail(stepId, "statement " + (index + 1) + "/" + statements.size() + " (line " + s.line() + "): "
                + rows + " rows in " + Duration.between(t0, clock.instant()).toMillis() + " ms");
        return rows;
    }

    private UpgradeException failed(SqlScript script, List<SqlStatement> statements, int index, long runId,
                                    SQLException e, boolean rolledBack) {
        String where;
        String text;
        if (index < statements.size()) {
            SqlStatement s = statements.get(index);
            where = "statement " + (index + 1) + " of " + statements.size() + " (line " + s.line() + ")";
            text = s.text().length() > STATEMENT_TEXT_MAX ? s.text().substring(0, STATEMENT_TEXT_MAX) + " ..." : s.text();
        } else {
            where = "the commit after the last statement";
            text = "COMMIT";
        }
        String vendor = e.getMessage() + " (SQLState " + e.getSQLState() + ", vendor code " + e.getErrorCode() + ")";
        String message = redactor.redact("Script " + script.id() + " failed at " + where + " on " + database.label()
                + ": " + vendor + System.lineSeparator() + "  statement: " + text);
        recordFailure(runId, redactor.redact(where + ": " + vendor), e);
        String hint = rolledBack
                ? "Nothing was changed: the script ran in one transaction, which was rolled back. Fix the cause and run the goal again."
                : (index == 0 ? "Nothing was changed." : "Statements 1-" + index + " were applied and stay applied (this database commits DDL at once).")
                        + " Fix the cause and run the goal again: statements already in effect are skipped.";
        return UpgradeException.environment(ErrorCode.SCRIPT_FAILED, message,
                script.id() + (index < statements.size() ? ":" + statements.get(index).line() : ""), hint, e);
    }

    private void recordFailure(long runId, String message, Exception primary) {
        try {
            history.recordEnd(runId, false, 0, message);
        } catch (RuntimeException e) {
            primary.addSuppressed(e); // the script's failure is the one to report
        }
    }

    private static void rollbackQuietly(Connection c, Exception primary) {
        try {
            c.rollback();
        } catch (SQLException e) {
            primary.addSuppressed(e);
        }
    }
}
