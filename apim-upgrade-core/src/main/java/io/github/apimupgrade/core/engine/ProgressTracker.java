package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.report.RunReport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passes events on and remembers each step's last progress line: a step announces each action with its summary
 * before applying it ({@link io.github.apimupgrade.core.steps.Step#apply}), so when the step fails the report can
 * say which action was under way, which were done before it and which did not run.
 */
final class ProgressTracker implements EventSink {
    private final EventSink next;
    private final Map<String, String> last = new ConcurrentHashMap<>();

    ProgressTracker(EventSink next) {
        this.next = next;
    }

    @Override
    public void emit(UpgradeEvent e) {
        if (e.level() == UpgradeEvent.Level.PROGRESS && e.stepId() != null && e.message() != null) {
            last.put(e.stepId(), e.message());
        }
        next.emit(e);
    }

    @Override
    public boolean detailEnabled() {
        return next.detailEnabled();
    }

    /** The summary of the step's action that its last progress line announced, or null when it announced none. */
    String actionUnderWay(String stepId, RunReport.StepEntry entry, Redactor redactor) {
        String line = last.get(stepId);
        if (line == null) {
            return null;
        }
        // progress lines are redacted on their way here: compare with the redacted summaries
        return entry.actions.stream().map(RunReport.ActionLine::summary).filter(sum -> line.equals(redactor.redact(sum)))
                .reduce((a, b) -> b).orElse(null);
    }
}
