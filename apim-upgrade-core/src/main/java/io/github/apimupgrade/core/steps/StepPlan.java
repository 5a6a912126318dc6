package io.github.apimupgrade.core.steps;

import java.util.ArrayList;
import java.util.List;

/**
 * The immutable result of {@link Step#plan(StepContext)}: the same object feeds the dry run, the report and
 * the run.
 *
 * @param stepId        the step
 * @param actions       the changes, in order
 * @param manualActions what the operator must still do
 * @param notes         facts found while planning ("registry versioning is off: nothing to clean")
 * @param warnings      things that may go wrong
 */
public record StepPlan(String stepId, List<PlannedAction> actions, List<ManualAction> manualActions,
                       List<String> notes, List<String> warnings) {

    public StepPlan {
        actions = List.copyOf(actions);
        manualActions = List.copyOf(manualActions);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    /** Nothing to change (manual actions and notes may still be there). */
    public boolean isEmpty() {
        return actions.isEmpty();
    }

    public static Builder builder(String stepId) {
        return new Builder(stepId);
    }

    public static final class Builder {
        private final String stepId;
        private final List<PlannedAction> actions = new ArrayList<>();
        private final List<ManualAction> manual = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        private Builder(String stepId) {
            this.stepId = stepId;
        }

        public Builder action(PlannedAction a) { actions.add(a); return this; }
        public Builder actions(List<? extends PlannedAction> as) { actions.addAll(as); return this; }
        public Builder manual(String what, String where, String how) {
            manual.add(new ManualAction(stepId, what, where, how));
            return this;
        }
        public Builder manual(ManualAction m) { manual.add(m); return this; }
        public Builder note(String n) { notes.add(n); return this; }
        public Builder warning(String w) { warnings.add(w); return this; }

        public StepPlan build() {
            return new StepPlan(stepId, actions, manual, notes, warnings);
        }
    }
}
