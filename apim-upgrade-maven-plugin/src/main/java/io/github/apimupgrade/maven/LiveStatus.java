package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.report.Times;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One status line at the bottom of an interactive console, rewritten in place with {@code \r} every second while a
 * goal runs (issue 18): the step under way, how long it and the whole run have taken, and the last event. It is
 * cleared before each log line and drawn again after it, so the log itself stays as without it. Never in batch mode
 * ({@code -B}), without a console (CI, a pipe, a file), with {@code -X} (the debug log scrolls too fast to read it),
 * or on a dumb terminal: there the log's own lines, at least every 30 s during a server run, are the progress.
 */
final class LiveStatus implements AutoCloseable {
    private static final String PREFIX = "apim-upgrade";

    private final PrintStream out;
    private final Clock clock;
    private final int width;
    private final Instant runStart;
    private String step;
    private Instant stepStart;
    private String last = "starting";
    private int drawn;
    private ScheduledExecutorService ticker;

    LiveStatus(PrintStream out, Clock clock, int width) {
        this.out = out;
        this.clock = clock;
        this.width = Math.max(40, width);
        this.runStart = clock.instant();
    }

    /**
     * Whether to show the line: only on a console a person watches (the JVM has one: stdin and stdout are a
     * terminal), with Maven interactive (not {@code -B}), without {@code -X}, on a terminal that moves the cursor.
     */
    static boolean enabled(boolean console, boolean interactiveMode, boolean debug, String term) {
        return console && interactiveMode && !debug && !"dumb".equals(term);
    }

    /** The console's width: $COLUMNS when set, else 100. */
    static int width(String columns) {
        try {
            return columns == null ? 100 : Integer.parseInt(columns.trim());
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** Starts redrawing every second on a daemon thread. */
    LiveStatus start() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "apim-upgrade-status");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    /** Takes an event into the line (the step it belongs to, its message). */
    synchronized void event(UpgradeEvent e) {
        if (e.stepId() != null && !e.stepId().equals(step)) {
            step = e.stepId();
            stepStart = clock.instant();
        }
        if (e.message() != null && !e.message().isBlank() && e.level() != UpgradeEvent.Level.DETAIL) {
            last = e.message().strip();
        }
    }

    /** The line as it is drawn now: "apim-upgrade | migrate-apim 2 min 13 s | total 5 min 2 s | last event". */
    synchronized String line() {
        Instant now = clock.instant();
        StringBuilder sb = new StringBuilder(PREFIX).append(" | ");
        if (step != null) {
            sb.append(step).append(' ').append(Times.duration(Duration.between(stepStart, now))).append(" | ");
        }
        sb.append("total ").append(Times.duration(Duration.between(runStart, now))).append(" | ");
        String msg = last.replaceAll("\\s+", " ");
        sb.append(msg);
        int max = width - 1; // the last column would wrap on some terminals
        if (sb.length() > max) {
            sb.setLength(max - 1);
            sb.append('…');
        }
        return sb.toString();
    }

    /** Rewrites the line in place. */
    synchronized void redraw() {
        String l = line();
        out.print("\r" + l + (l.length() < drawn ? " ".repeat(drawn - l.length()) : ""));
        out.flush();
        drawn = l.length();
    }

    /** Blanks the line and returns the cursor to its start, before a log line is printed. */
    synchronized void clear() {
        if (drawn > 0) {
            out.print("\r" + " ".repeat(drawn) + "\r");
            out.flush();
            drawn = 0;
        }
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        clear();
    }
}
