package io.github.apimupgrade.core.server;

import java.time.Duration;

/** Waits between polls; injected so supervisor tests run on a fake clock without real waiting. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return d -> Thread.sleep(Math.max(1, d.toMillis()));
    }
}
