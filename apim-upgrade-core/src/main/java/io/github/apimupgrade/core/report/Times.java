package io.github.apimupgrade.core.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as the operator reads them: instants in the operator's time zone (the JVM default) with the offset shown,
 * durations as "2 min 13 s"; and the filename-safe UTC stamp of dated report files ("20261202T041500Z").
 * report.json keeps the raw instants (machines read it).
 */
public final class Times {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** "2026-12-02 05:15:00 +01:00" in the JVM's default time zone; "" for null. */
    public static String local(Instant at) {
        return local(at, ZoneId.systemDefault());
    }

    /** {@link #local(Instant)} in {@code zone}. */
    public static String local(Instant at, ZoneId zone) {
        return at == null ? "" : LOCAL.format(at.atZone(zone));
    }

    /** "20261202T041500Z": the UTC second of {@code at}, safe in a file name on every file system. */
    public static String stamp(Instant at) {
        return STAMP.format(at);
    }

    /** "850 ms", "4.2 s", "13 s", "2 min 13 s", "1 h 02 min"; "" for null. */
    public static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + String.format(Locale.ROOT, "%02d", s % 3600 / 60) + " min";
    }

    /** {@link #duration(Duration)} of a millisecond count; "" for null. */
    public static String duration(Long millis) {
        return millis == null ? "" : duration(Duration.ofMillis(millis));
    }

    /** The duration between two instants, or "" when either is missing. */
    public static String between(Instant from, Instant to) {
        return from == null || to == null ? "" : duration(Duration.between(from, to));
    }
}
