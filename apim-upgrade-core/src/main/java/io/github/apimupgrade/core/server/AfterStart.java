package io.github.apimupgrade.core.server;

/**
 * Work a supervised run waits for after "WSO2 Carbon started", while the server keeps running (the registry's
 * re-indexing runs in the background after the start); the server is stopped when it returns.
 */
@FunctionalInterface
public interface AfterStart {
    /**
     * @param alive whether the server process still runs
     * @return null when done, else why not (the run then fails with that reason)
     */
    String await(java.util.function.BooleanSupplier alive) throws InterruptedException;
}
