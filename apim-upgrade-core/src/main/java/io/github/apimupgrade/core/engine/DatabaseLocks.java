package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.api.DatabaseSessionOptions;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.DatabaseIdentity;
import io.github.apimupgrade.core.db.DatabaseLock;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.db.DbSession;
import io.github.apimupgrade.core.db.SessionInspector;
import io.github.apimupgrade.core.event.EventSink;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The session locks of the databases a run changes, taken before the first step and held until the run ends (see
 * {@link DatabaseLock}: the database releases them when the process dies). Per database, in this order:
 * <ol>
 *   <li>the databases are grouped by what the servers report ({@link DatabaseIdentity}): one database configured
 *       twice (two roles, two users, {@code localhost} and {@code 127.0.0.1}) is locked once;</li>
 *   <li>the lock is taken without waiting (LOCK_HELD when another run holds it);</li>
 *   <li>sessions of an EARLIER apim-upgrade run still executing there (what a killed run leaves: the server goes on
 *       with its statement) are waited for, with progress, or ended with {@code cancelEarlierRuns}
 *       (EARLIER_RUN_ACTIVE when the wait runs out);</li>
 *   <li>other clients connected there (a WSO2 server, see {@link SessionInspector} for the rule) refuse the run
 *       (CLIENTS_CONNECTED) unless {@code allowConnectedClients} accepts them, with a warning listing them.</li>
 * </ol>
 * If any of it fails, the locks already taken are released. {@link #verifyHeld()} checks before each step that
 * every lock is still held by this run's session.
 */
final class DatabaseLocks implements AutoCloseable {
    /** How often the wait for an earlier run's sessions looks again (progress is reported every tenth time). */
    static Duration pollInterval = Duration.ofSeconds(1);

    private final List<DatabaseLock> locks;
    private final EventSink events;

    private DatabaseLocks(List<DatabaseLock> locks, EventSink events) {
        this.locks = locks;
        this.events = events;
    }

    /** Every database of the run, default session options. */
    static DatabaseLocks acquire(Databases databases, EventSink events) {
        return acquire(databases.all(), events, DatabaseSessionOptions.defaults());
    }

    /**
     * Locks the given databases (any subset of the run's: the databases the steps to run change) and checks their
     * sessions (see the class comment).
     */
    static DatabaseLocks acquire(Collection<Database> databases, EventSink events, DatabaseSessionOptions options) {
        return acquire(databases, events, options, null);
    }

    /** @param keepAlive null for the default keep-alive, zero to disable it (tests) */
    static DatabaseLocks acquire(Collection<Database> databases, EventSink events, DatabaseSessionOptions options,
                                 Duration keepAlive) {
        List<DatabaseLock> taken = new ArrayList<>();
        try {
            for (Map.Entry<DatabaseIdentity, List<Database>> group : Databases.byIdentity(databases).entrySet()) {
                List<Database> same = group.getValue();
                Database db = same.get(0);
                DatabaseLock lock = DatabaseLock.acquire(db, DatabaseLock.DEFAULT_NAME, keepAlive);
                taken.add(lock);
                String also = same.size() == 1 ? "" : " (also configured as " + same.subList(1, same.size()).stream()
                        .map(Database::label).collect(Collectors.joining(", ")) + ": the same " + group.getKey().describe()
                        + ", locked once)";
                events.detail(null, "Locked " + db.label() + (lock.isExclusive() ? " as '" + lock.name() + "'" + also
                        : " (embedded H2: its file lock excludes other processes)"));
                if (lock.isExclusive()) {
                    checkSessions(db, same, events, options);
                }
            }
            return new DatabaseLocks(taken, events);
        } catch (RuntimeException e) {
            new DatabaseLocks(taken, events).close();
            throw e;
        }
    }

    /** The locks held, one per database. */
    List<DatabaseLock> locks() {
        return List.copyOf(locks);
    }

    /**
     * Checks that this run still holds every lock; call it before each step that changes a database.
     *
     * @throws UpgradeException {@link ErrorCode#LOCK_LOST} naming the database whose lock is gone
     */
    void verifyHeld() {
        locks.forEach(DatabaseLock::verifyHeld);
    }

    private static void checkSessions(Database db, List<Database> same, EventSink events, DatabaseSessionOptions options) {
        try (Connection c = db.connect()) {
            SessionInspector.Report report = awaitEarlierRuns(c, db, same, events, options);
            if (!report.available()) {
                events.warn(null, "Could not list the other sessions on " + db.label() + " (" + report.unavailableReason()
                        + "): make sure every WSO2 server using it is stopped (the guides require it).");
                return;
            }
            if (!report.adminTools().isEmpty()) {
                events.detail(null, "Admin tools connected to " + db.label() + ": " + describe(report.adminTools()));
            }
            if (!report.others().isEmpty()) {
                String list = describe(report.others());
                if (!options.allowConnectedClients()) {
                    throw UpgradeException.user(ErrorCode.CLIENTS_CONNECTED, report.others().size() + " other client session(s) "
                                    + "are connected to " + db.label() + ", a WSO2 server still running perhaps: " + list
                                    + ". The upgrade changes this database and the guides require every old server stopped.",
                            db.datasource().origin(), "Stop the API Manager nodes (and other clients) using this database, "
                                    + "then run again; or set apim.upgrade.allowConnectedClients=true if you know these "
                                    + "sessions do not use the API Manager data.");
                }
                events.warn(null, "Connected to " + db.label() + " besides this run (accepted by allowConnectedClients): " + list);
            }
        } catch (SQLException e) {
            events.warn(null, "Could not check the other sessions on " + db.label() + ": " + e.getMessage());
        }
    }

    /** Waits for (or ends) the busy sessions of earlier apim-upgrade runs; returns the last session report. */
    private static SessionInspector.Report awaitEarlierRuns(Connection c, Database db, List<Database> same, EventSink events,
                                                            DatabaseSessionOptions options) throws SQLException {
        long deadline = System.nanoTime() + options.earlierRunWait().toNanos();
        int polls = 0;
        while (true) {
            SessionInspector.Report report = SessionInspector.inspect(c, db.dialect(), db.runTag(), same);
            List<DbSession> busy = report.busyEarlierRuns();
            if (busy.isEmpty()) {
                return report;
            }
            if (options.cancelEarlierRuns()) {
                for (DbSession s : busy) {
                    events.warn(null, "Ending the leftover " + s.describe() + " of the earlier apim-upgrade run "
                            + s.runId().orElse("?") + " on " + db.label() + " (cancelEarlierRuns).");
                    try {
                        SessionInspector.end(c, db.dialect(), s);
                    } catch (SQLException e) {
                        throw UpgradeException.user(ErrorCode.EARLIER_RUN_ACTIVE, "Cannot end the " + s.describe() + " of an "
                                        + "earlier apim-upgrade run on " + db.label() + ": " + e.getMessage(), db.datasource().origin(),
                                "End it as a database administrator, then run again.", e);
                    }
                }
            } else if (polls % 10 == 0) {
                events.lifecycle(null, "Waiting for " + busy.size() + " session(s) of an earlier apim-upgrade run still "
                        + "executing on " + db.label() + ": " + describe(busy)
                        + " (set apim.upgrade.cancelEarlierRuns=true to end them instead).");
            }
            if (System.nanoTime() > deadline) {
                throw UpgradeException.user(ErrorCode.EARLIER_RUN_ACTIVE, busy.size() + " session(s) of an earlier apim-upgrade "
                                + "run still execute on " + db.label() + " after waiting " + options.earlierRunWait().toSeconds()
                                + " s: " + describe(busy) + ".", db.datasource().origin(),
                        "That run was killed, but the database goes on with its statement. Wait for it to finish, end it "
                                + "(or run with apim.upgrade.cancelEarlierRuns=true, which ends those sessions and rolls "
                                + "back their work), then run again.");
            }
            polls++;
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw UpgradeException.user(ErrorCode.EARLIER_RUN_ACTIVE, "Interrupted while waiting for an earlier run's "
                        + "sessions on " + db.label() + ".", db.datasource().origin(), null, e);
            }
        }
    }

    private static String describe(List<DbSession> sessions) {
        return sessions.stream().map(DbSession::describe).collect(Collectors.joining("; "));
    }

    @Override
    public void close() {
        for (int i = locks.size() - 1; i >= 0; i--) {
            try {
                locks.get(i).close();
            } catch (RuntimeException e) {
                // the database drops the lock with the session anyway; never hide the run's own outcome
                events.warn(null, "Releasing the lock on " + locks.get(i).database().label() + " failed: " + e.getMessage());
            }
        }
    }
}
