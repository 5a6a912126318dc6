package io.github.apimupgrade.core.steps;

/**
 * Where a step records that its migration run succeeded, the moment the server's log proves it and before the
 * server is stopped: a run killed during the server's shutdown must not be repeated (WSO2's migrations are not
 * repeatable). The engine records it in the APIM_UPGRADE_HISTORY of every database the step changes.
 */
@FunctionalInterface
public interface RunHistory {
    /** Records nothing (step tests without an engine). */
    RunHistory NONE = (stepId, what) -> { };

    /** The migration run {@code what} of step {@code stepId} succeeded. Must not throw for a database problem. */
    void migrationRunSucceeded(String stepId, String what);
}
