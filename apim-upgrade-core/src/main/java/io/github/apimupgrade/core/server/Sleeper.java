package io.github.apimupgrade.core.server;

import java.time.Duration;

/** Waits between polls; injected so supervisor tests run on a fake clock without real waiting. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Real sleep, cut short by a cancel of the run (the caller checks it next). */
    static Sleeper system() {
        return d -> {
            long left = Math.max(1, d.toMillis());
            while (left > 0 && !Cancellation.jvm().cancelled()) {
                long slice = Math.min(left, 200);
                Thread.sleep(slice);
                left -= slice;
            }
        };
    }
}
