package io.github.apimupgrade.core.steps;

import java.util.ArrayList;
import java.util.List;

/** What an applied step did: one result per action, rows changed, warnings raised while applying. */
public record StepOutcome(List<ActionResult> results) {

    public StepOutcome {
        results = List.copyOf(results);
    }

    public long rows() {
        return results.stream().mapToLong(ActionResult::rows).sum();
    }

    public List<String> warnings() {
        return results.stream().flatMap(r -> r.warnings().stream()).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<ActionResult> results = new ArrayList<>();

        public Builder add(ActionResult r) {
            results.add(r);
            return this;
        }

        public StepOutcome build() {
            return new StepOutcome(results);
        }
    }
}
