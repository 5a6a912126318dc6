package io.github.apimupgrade.core.journal;

/** Where a step stands. RUNNING is written before a step starts, so a killed run leaves evidence. */
public enum StepState {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Marked done by the operator with the repair goal. */
    MARKED_DONE;

    public boolean isDone() {
        return this == SUCCEEDED || this == MARKED_DONE;
    }
}
