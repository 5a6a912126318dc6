package io.github.apimupgrade.core.steps;

/**
 * Stands in for a goal whose automation is not in this build: its plan is one manual action naming the seed
 * step, so nothing is skipped silently and the report says what the operator must do.
 */
public final class NotAutomatedStep implements Step {
    private final String id;
    private final String title;
    private final String seedStep;

    public NotAutomatedStep(String id, String title, String seedStep) {
        this.id = id;
        this.title = title;
        this.seedStep = seedStep;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public StepPlan plan(StepContext context) {
        return StepPlan.builder(id)
                .manual("Not automated by this version of apim-upgrade: carry out " + seedStep + " of the guide by hand",
                        context.path().guide(), null)
                .build();
    }
}
