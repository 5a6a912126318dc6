package io.github.apimupgrade.core.event;

/** Where the engine's events go (the Maven log, a test's list, ...). Implementations must be thread-safe. */
@FunctionalInterface
public interface EventSink {

    void emit(UpgradeEvent event);

    /**
     * Whether {@link #detail} events are shown at all: a supervised server writes megabytes of log per second, and
     * each detail line costs a redaction; callers skip them when nobody looks.
     */
    default boolean detailEnabled() {
        return true;
    }

    default void lifecycle(String stepId, String message) {
        emit(UpgradeEvent.of(UpgradeEvent.Level.LIFECYCLE, stepId, message));
    }

    default void progress(String stepId, String message) {
        emit(UpgradeEvent.of(UpgradeEvent.Level.PROGRESS, stepId, message));
    }

    default void detail(String stepId, String message) {
        emit(UpgradeEvent.of(UpgradeEvent.Level.DETAIL, stepId, message));
    }

    default void warn(String stepId, String message) {
        emit(UpgradeEvent.of(UpgradeEvent.Level.WARN, stepId, message));
    }

    default void error(String stepId, String message) {
        emit(UpgradeEvent.of(UpgradeEvent.Level.ERROR, stepId, message));
    }

    /** Drops everything; for tests that do not look at events. */
    static EventSink discard() {
        return e -> { };
    }
}
