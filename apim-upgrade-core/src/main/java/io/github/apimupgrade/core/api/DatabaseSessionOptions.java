package io.github.apimupgrade.core.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What a run does about other sessions on a database it is about to change (see DatabaseLocks).
 *
 * @param cancelEarlierRuns     end the sessions of an earlier apim-upgrade run that still execute on the database
 *                              (a killed run's statement) instead of waiting for them
 * @param earlierRunWait        how long to wait for them before failing with EARLIER_RUN_ACTIVE
 * @param allowConnectedClients go on while other clients (a WSO2 server, typically) are connected, with a warning
 *                              listing them, instead of refusing with CLIENTS_CONNECTED
 */
public record DatabaseSessionOptions(boolean cancelEarlierRuns, Duration earlierRunWait, boolean allowConnectedClients) {
    public static final Duration DEFAULT_EARLIER_RUN_WAIT = Duration.ofMinutes(10);

    public DatabaseSessionOptions {
        earlierRunWait = Objects.requireNonNullElse(earlierRunWait, DEFAULT_EARLIER_RUN_WAIT);
    }

    public static DatabaseSessionOptions defaults() {
        return new DatabaseSessionOptions(false, DEFAULT_EARLIER_RUN_WAIT, false);
    }
}
