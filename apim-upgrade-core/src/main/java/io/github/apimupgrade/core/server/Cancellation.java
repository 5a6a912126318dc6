package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cancel of the run: SIGTERM (a CI cancel), SIGINT (Ctrl-C) or any other JVM shutdown. Once set, no step,
 * action or server start begins ({@link #check(String)} before each), a running server is stopped with its
 * whole process tree by its supervisor, and the step in progress is journalled as failed with
 * "cancelled by SIGTERM during ...". Issue 13: before this the engine went on during the JVM's shutdown and ran
 * later steps, and the server it started last outlived Maven.
 * <p>
 * One per JVM ({@link #jvm()}): a JVM shutdown is process-wide. A run {@link #enter(Duration) enters} it; the JVM
 * shutdown hook then sets the cancel and waits, bounded, until the run has stopped its server and written its
 * journal and report, before the JVM halts (the JVM halts as soon as every hook has returned). The signal's
 * name comes from handlers chained in front of the JVM's own (which still start the shutdown); where those cannot
 * be installed the hook alone says "the JVM is shutting down". In the server package because the supervisor,
 * the steps and the engine all check it.
 */
public final class Cancellation {
    private static final Cancellation JVM = new Cancellation();
    /** How long the hook waits beyond the run's own stop budget (journal, report, console). */
    private static final Duration MARGIN = Duration.ofSeconds(15);

    private final AtomicBoolean installed = new AtomicBoolean();
    private volatile String reason;
    private volatile String signal;
    private volatile Run current;

    Cancellation() {
    }

    /** The JVM's cancellation, set by its shutdown. */
    public static Cancellation jvm() {
        return JVM;
    }

    /** True once the run is cancelled: start nothing new. */
    public boolean cancelled() {
        return reason != null;
    }

    /** "SIGTERM", "SIGINT (Ctrl-C)", "the JVM shutting down"; null while not cancelled. */
    public String reason() {
        return reason;
    }

    /** Cancels (first reason wins). Also for tests and embedders that stop a run without a signal. */
    public void cancel(String why) {
        synchronized (this) {
            if (reason == null) {
                reason = why;
            }
        }
    }

    /** Throws the cancel when set; call before each step, action and server start. {@code before}: "before write x". */
    public void check(String before) {
        if (cancelled()) {
            throw exception(before);
        }
    }

    /** The failure that ends a cancelled run: "Cancelled by SIGTERM during the identity migration; ...". */
    public UpgradeException exception(String where) {
        return UpgradeException.environment(ErrorCode.CANCELLED, "Cancelled by " + reason + " " + where
                        + "; nothing after it was started.", null,
                "Run the goal again to resume: the journal records every step that finished.", null);
    }

    /**
     * Marks a run in progress on this thread until closed: a JVM shutdown meanwhile cancels it and waits up to
     * {@code stopBudget} + a margin for it to end. Installs the hook (once per JVM).
     */
    public Run enter(Duration stopBudget) {
        install();
        Run run = new Run(stopBudget.plus(MARGIN));
        current = run;
        return run;
    }

    /** A run in progress; {@link #close()} when it has ended (journal and report written). */
    public final class Run implements AutoCloseable {
        private final Duration wait;
        private final CountDownLatch done = new CountDownLatch(1);

        private Run(Duration wait) {
            this.wait = wait;
        }

        @Override
        public void close() {
            done.countDown();
            if (current == this) {
                current = null;
            }
        }
    }

    private void install() {
        if (!installed.compareAndSet(false, true)) {
            return;
        }
        SignalNames.install(this::noteSignal);
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(this::onShutdown, "apim-upgrade-cancel"));
        } catch (IllegalStateException e) {
            cancel("the JVM shutting down"); // already shutting down: nothing may start
        }
    }

    private void noteSignal(String name) {
        signal = name;
    }

    private void onShutdown() {
        String s = signal;
        cancel(s != null ? s : "the JVM shutting down (SIGTERM, SIGINT or System.exit)");
        Run run = current;
        if (run == null) {
            return;
        }
        try {
            if (!run.done.await(run.wait.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("[apim-upgrade] the cancelled run did not end within " + run.wait.toSeconds()
                        + " s; the JVM exits now (the journal shows the step that was running)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
