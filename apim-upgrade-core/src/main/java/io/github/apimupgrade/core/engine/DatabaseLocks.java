package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.DatabaseLock;
import io.github.apimupgrade.core.event.EventSink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The session lock of every database the run touches, taken before the first step and held until the run ends
 * (see {@link DatabaseLock}: the database releases it when the process dies). If one cannot be taken, those
 * already taken are released and the LOCK_HELD failure is thrown.
 */
final class DatabaseLocks implements AutoCloseable {
    private final List<DatabaseLock> locks;
    private final EventSink events;

    private DatabaseLocks(List<DatabaseLock> locks, EventSink events) {
        this.locks = locks;
        this.events = events;
    }

    static DatabaseLocks acquire(Collection<Database> databases, EventSink events) {
        List<DatabaseLock> taken = new ArrayList<>();
        try {
            for (Database db : databases) {
                DatabaseLock lock = DatabaseLock.acquire(db, DatabaseLock.DEFAULT_NAME);
                taken.add(lock);
                events.detail(null, "Locked " + db.label() + (lock.isExclusive() ? "" : " (embedded H2: its file lock excludes other processes)"));
            }
            return new DatabaseLocks(taken, events);
        } catch (RuntimeException e) {
            new DatabaseLocks(taken, events).close();
            throw e;
        }
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
