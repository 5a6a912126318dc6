package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.event.UpgradeEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 18: the one-line live status: when it is shown, what it says, how it is drawn (no timing). */
class LiveStatusTest {

    /** A clock the test moves. */
    private static final class Manual extends Clock {
        Instant now = Instant.parse("2026-12-02T04:15:00Z");

        @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void onlyOnAnInteractiveConsoleNeverInBatchMode() {
        assertTrue(LiveStatus.enabled(true, true, false, "xterm-256color"));
        assertFalse(LiveStatus.enabled(true, false, false, "xterm"), "-B");
        assertFalse(LiveStatus.enabled(false, true, false, "xterm"), "no console: CI, a pipe, a file");
        assertFalse(LiveStatus.enabled(true, true, true, "xterm"), "-X");
        assertFalse(LiveStatus.enabled(true, true, false, "dumb"), "a dumb terminal cannot go back to the line's start");
        assertTrue(LiveStatus.enabled(true, true, false, null), "TERM unset (Windows consoles)");
        assertEquals(100, LiveStatus.width(null));
        assertEquals(132, LiveStatus.width("132"));
        assertEquals(100, LiveStatus.width("wide"));
    }

    @Test
    void theLineSaysTheStepItsTimeTheRunsTimeAndTheLastEvent() {
        Manual clock = new Manual();
        LiveStatus live = new LiveStatus(new PrintStream(new ByteArrayOutputStream()), clock, 120);
        clock.now = clock.now.plusSeconds(65);
        live.event(UpgradeEvent.of(UpgradeEvent.Level.LIFECYCLE, "migrate-apim", "== migrate-apim: Step 4 - migrate the API Manager components"));
        clock.now = clock.now.plus(Duration.ofSeconds(133));
        live.event(UpgradeEvent.of(UpgradeEvent.Level.PROGRESS, "migrate-apim",
                "API-M migration 2.6.0 -> 4.1.0: running for 2m 13s (timeout 2h 0m), last: Migrating API artifacts of tenant 3"));
        live.event(UpgradeEvent.of(UpgradeEvent.Level.DETAIL, "migrate-apim", "a server log line that only -X shows"));
        String line = live.line();
        assertTrue(line.startsWith("apim-upgrade | migrate-apim 2 min 13 s | total 3 min 18 s | API-M migration 2.6.0 -> 4.1.0: "
                + "running for 2m 13s"), line);
        assertTrue(line.endsWith("…"), "cut to the width: " + line);
        assertFalse(line.contains("-X shows"), "details are not shown");
        assertEquals(119, live.line().length(), "one column short of the width: the last one wraps on some terminals");
    }

    @Test
    void drawnInPlaceAndClearedBeforeALogLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Manual clock = new Manual();
        LiveStatus live = new LiveStatus(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock, 80);
        live.event(UpgradeEvent.of(UpgradeEvent.Level.PROGRESS, "reindex", "re-index start: running for 40s"));
        live.redraw();
        live.event(UpgradeEvent.of(UpgradeEvent.Level.PROGRESS, "reindex", "ok"));
        live.redraw();
        live.clear();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("\n"), "never a new line: the status is rewritten in place");
        String first = "apim-upgrade | reindex 0 ms | total 0 ms | re-index start: running for 40s";
        String second = "apim-upgrade | reindex 0 ms | total 0 ms | ok";
        assertEquals("\r" + first + "\r" + second + " ".repeat(first.length() - second.length())
                + "\r" + " ".repeat(second.length()) + "\r", out, "a shorter line blanks the rest of the longer one");
    }
}
