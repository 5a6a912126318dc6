package io.github.apimupgrade.core.journal;

/** Where a step stands. RUNNING is written before a step starts, so a killed run leaves evidence. */
public enum StepState {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Marked done by the operator with the repair goal. */
    MARKED_DONE,
    /**
     * Not part of this node's upgrade (re-indexing on a gateway node, issue 17): shown in the report and status, never
     * written to a journal; counts as done for the steps after it.
     */
    NOT_ON_NODE;

    public boolean isDone() {
        return this == SUCCEEDED || this == MARKED_DONE || this == NOT_ON_NODE;
    }
}
