package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.report.RunReport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passes events on and remembers each step's last progress line: a step announces each action with its summary
 * before applying it ({@link io.github.apimupgrade.core.steps.Step#apply}), so when the step fails the report can
 * say which action was under way, which were done before it and which did not run.
 */
final class ProgressTracker implements EventSink {
    private final EventSink next;
    /** Per step, its latest progress lines: a server run adds its own between the action's and the failure. */
    private final Map<String, java.util.Deque<String>> last = new ConcurrentHashMap<>();
    private static final int KEPT = 256;

    ProgressTracker(EventSink next) {
        this.next = next;
    }

    @Override
    public void emit(UpgradeEvent e) {
        if (e.level() == UpgradeEvent.Level.PROGRESS && e.stepId() != null && e.message() != null) {
            java.util.Deque<String> lines = last.computeIfAbsent(e.stepId(), k -> new java.util.ArrayDeque<>());
            synchronized (lines) {
                lines.addLast(e.message());
                if (lines.size() > KEPT) {
                    lines.removeFirst();
                }
            }
        }
        next.emit(e);
    }

    @Override
    public boolean detailEnabled() {
        return next.detailEnabled();
    }

    /** The summary of the step's action that its latest announcing progress line named, or null when none did. */
    String actionUnderWay(String stepId, RunReport.StepEntry entry, Redactor redactor) {
        java.util.Deque<String> lines = last.get(stepId);
        if (lines == null) {
            return null;
        }
        List<String> newestFirst;
        synchronized (lines) {
            newestFirst = new java.util.ArrayList<>(lines);
        }
        java.util.Collections.reverse(newestFirst);
        // progress lines are redacted on their way here: compare with the redacted summaries
        for (String line : newestFirst) {
            for (RunReport.ActionLine a : entry.actions) {
                if (line.equals(redactor.redact(a.summary()))) {
                    return a.summary();
                }
            }
        }
        return null;
    }
}
