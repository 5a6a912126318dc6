package io.github.apimupgrade.core.journal;

import java.time.Instant;

/**
 * The journal's entry for one step.
 *
 * @param stepId   the step (goal) id
 * @param state    its state
 * @param started  when the last attempt started (null if never)
 * @param finished when it ended (null while running or never run)
 * @param attempts how many times it was started
 * @param message  failure message (redacted) or a short result
 * @param rows     database rows changed
 * @param outOfOrder true when the last attempt ran before earlier steps were done, on purpose
 *                 ({@code apim.upgrade.outOfOrder}); null otherwise (not written to the file)
 */
public record StepRecord(String stepId, StepState state, Instant started, Instant finished, int attempts,
                         String message, long rows, Boolean outOfOrder) {

    public StepRecord(String stepId, StepState state, Instant started, Instant finished, int attempts, String message,
                      long rows) {
        this(stepId, state, started, finished, attempts, message, rows, null);
    }

    public static StepRecord pending(String stepId) {
        return new StepRecord(stepId, StepState.PENDING, null, null, 0, null, 0);
    }

    public boolean ranOutOfOrder() {
        return Boolean.TRUE.equals(outOfOrder);
    }
}
