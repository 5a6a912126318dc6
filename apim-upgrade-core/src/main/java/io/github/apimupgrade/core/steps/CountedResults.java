package io.github.apimupgrade.core.steps;

import io.github.apimupgrade.core.event.EventSink;

import java.util.ArrayList;
import java.util.List;

/**
 * Results of routine actions ({@link PlannedAction#countedUnder()}) folded into one result and one progress line
 * per directory while a step applies them in order: a copy of 34,000 files logs and reports one line per
 * directory, not one per file. Warnings of the folded results are kept.
 */
final class CountedResults {
    private final String stepId;
    private final EventSink events;
    private final StepOutcome.Builder outcome;
    private String directory;
    private int done;
    private int skipped;
    private long rows;
    private final List<String> warnings = new ArrayList<>();

    CountedResults(String stepId, EventSink events, StepOutcome.Builder outcome) {
        this.stepId = stepId;
        this.events = events;
        this.outcome = outcome;
    }

    void add(String dir, ActionResult result) {
        if (directory != null && !directory.equals(dir)) {
            flush();
        }
        directory = dir;
        if (result.summary().endsWith(": skipped")) {
            skipped++;
        } else {
            done++;
        }
        rows += result.rows();
        warnings.addAll(result.warnings());
    }

    /** Emits the line of the current directory, if any. */
    void flush() {
        if (directory == null) {
            return;
        }
        String line = String.format("copied %,d file(s) into %s", done, directory)
                + (skipped == 0 ? "" : String.format(" (%,d already identical: skipped)", skipped));
        events.progress(stepId, line);
        outcome.add(new ActionResult(line, rows, List.copyOf(warnings)));
        directory = null;
        done = 0;
        skipped = 0;
        rows = 0;
        warnings.clear();
    }
}
