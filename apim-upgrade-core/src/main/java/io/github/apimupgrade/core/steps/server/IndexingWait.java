package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.server.AfterStart;
import io.github.apimupgrade.core.server.CarbonServer;
import io.github.apimupgrade.core.server.Sleeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Waits until the registry indexer has finished: the Solr index it writes under {@code <node>/solr} (removed before
 * the start, so everything in it is this run's) exists and has not changed for {@code quiet} (several indexer
 * cycles of [indexing] frequency). The indexer's first run starts about 35 s after "WSO2 Carbon started"
 * (registry.xml's startingDelayInSeconds), so an index that was never written is not finished. Bounded by
 * {@code timeout}; a progress line per interval. The tenant loader in dropins has loaded every tenant's registry at
 * the start, so tenants are indexed in the same runs.
 */
final class IndexingWait implements AfterStart {
    static final Duration POLL = Duration.ofMillis(500);

    private final Path solr;
    private final Duration quiet;
    private final Duration timeout;
    private final Duration progressInterval;
    private final EventSink events;
    private final String stepId;
    private final Clock clock;
    private final Sleeper sleeper;

    IndexingWait(Path solr, Duration quiet, Duration timeout, Duration progressInterval, EventSink events, String stepId,
                 Clock clock, Sleeper sleeper) {
        this.solr = solr;
        this.quiet = quiet;
        this.timeout = timeout;
        this.progressInterval = progressInterval;
        this.events = events;
        this.stepId = stepId;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** What the index looks like now: file count, bytes, last write. */
    record Snapshot(long files, long bytes, Instant lastWrite) {
    }

    @Override
    public String await(BooleanSupplier alive) throws InterruptedException {
        Instant start = clock.instant();
        Instant nextProgress = start.plus(progressInterval);
        Snapshot last = snapshot();
        Instant lastChange = last.files() == 0 ? null : start;
        while (true) {
            Instant now = clock.instant();
            Snapshot s = snapshot();
            if (!s.equals(last)) {
                last = s;
                lastChange = now;
            }
            if (lastChange != null && s.files() > 0 && Duration.between(lastChange, now).compareTo(quiet) >= 0) {
                events.progress(stepId, "Re-indexing finished: " + describe(s) + ", unchanged for " + CarbonServer.human(quiet));
                return null;
            }
            if (!alive.getAsBoolean()) {
                return "the server exited while re-indexing (" + describe(s) + ")";
            }
            if (Duration.between(start, now).compareTo(timeout) >= 0) {
                return "re-indexing did not finish within " + CarbonServer.human(timeout) + " (" + describe(s) + ")";
            }
            if (!now.isBefore(nextProgress)) {
                events.progress(stepId, "Re-indexing for " + CarbonServer.human(Duration.between(start, now)) + ": "
                        + describe(s) + (lastChange == null ? ", not written yet" : ", last change "
                        + CarbonServer.human(Duration.between(lastChange, now)) + " ago"));
                nextProgress = now.plus(progressInterval);
            }
            sleeper.sleep(POLL);
        }
    }

    private static String describe(Snapshot s) {
        return "the Solr index has " + s.files() + " file(s), " + (s.bytes() / 1024) + " KB";
    }

    Snapshot snapshot() {
        if (!Files.isDirectory(solr)) {
            return new Snapshot(0, 0, Instant.EPOCH);
        }
        long[] n = {0, 0};
        Instant[] latest = {Instant.EPOCH};
        try (Stream<Path> s = Files.walk(solr)) {
            s.forEach(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        n[0]++;
                        n[1] += a.size();
                        Instant m = a.lastModifiedTime().toInstant();
                        if (m.isAfter(latest[0])) {
                            latest[0] = m;
                        }
                    }
                } catch (IOException e) {
                    // a segment merged away while walking: the next snapshot sees the new state
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return new Snapshot(-1, -1, Instant.now()); // changing under the walk: counts as a change
        }
        return new Snapshot(n[0], n[1], latest[0]);
    }
}
