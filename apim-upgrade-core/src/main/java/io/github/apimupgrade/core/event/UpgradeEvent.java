package io.github.apimupgrade.core.event;

import java.time.Instant;

/**
 * Something the engine tells the user. The Maven side maps {@link Level#LIFECYCLE} and {@link Level#PROGRESS}
 * to info, {@link Level#DETAIL} to debug. Messages are redacted before they are emitted.
 *
 * @param stepId the step this belongs to, or null for engine-level events
 */
public record UpgradeEvent(Level level, String stepId, String message, Instant at) {

    public enum Level { LIFECYCLE, PROGRESS, DETAIL, WARN, ERROR }

    public static UpgradeEvent of(Level level, String stepId, String message) {
        return new UpgradeEvent(level, stepId, message, Instant.now());
    }
}
