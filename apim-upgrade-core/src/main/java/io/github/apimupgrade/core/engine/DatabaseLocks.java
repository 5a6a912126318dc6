package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.event.EventSink;

/**
 * One session lock per database for the duration of an applying run. Placeholder until the SQL engine's
 * DatabaseLock lands: the new home's file lock already serialises runs on one machine.
 */
final class DatabaseLocks implements AutoCloseable {
    private DatabaseLocks() {
    }

    static DatabaseLocks acquire(Databases databases, EventSink events) {
        return new DatabaseLocks();
    }

    @Override
    public void close() {
    }
}
