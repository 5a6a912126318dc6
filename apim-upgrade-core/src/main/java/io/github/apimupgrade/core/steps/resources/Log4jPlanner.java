package io.github.apimupgrade.core.steps.resources;

import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.steps.resources.log4j.Log4jConverter;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Seed step 2.4: the old log4j.properties is not copied (it "will no longer work"); its custom appenders and
 * loggers are carried into the new log4j2.properties as a {@link WriteFileAction}.
 */
final class Log4jPlanner {
    private final StepContext context;
    private final StepPlan.Builder plan;

    Log4jPlanner(StepContext context, StepPlan.Builder plan) {
        this.context = context;
        this.plan = plan;
    }

    void plan() {
        Path oldFile = context.oldHome().conf().resolve("log4j.properties");
        Optional<String> oldText = context.workspace().read(oldFile);
        if (oldText.isEmpty()) {
            plan.note("No " + context.oldHome().display(oldFile) + " in the old home (Log4j 2 era): logging configuration left as is");
            return;
        }
        Path newFile = context.newHome().conf().resolve("log4j2.properties");
        Optional<String> newText = context.workspace().read(newFile);
        if (newText.isEmpty()) {
            plan.warning("The new home has no " + context.newHome().display(newFile) + ": custom loggers not carried over");
            plan.manual("Carry the custom loggers and appenders of log4j.properties over to log4j2.properties by hand",
                    context.newHome().display(newFile), "see the WSO2 'Upgrading to Log4j2' guide");
            return;
        }
        Log4jConverter.Result r = Log4jConverter.convert(oldText.get(), newText.get());
        r.changes().forEach(c -> plan.note("log4j2.properties: " + c));
        r.notes().forEach(plan::note);
        r.warnings().forEach(w -> plan.warning("log4j: " + w));
        r.manual().forEach(m -> plan.manual(m.what(), context.newHome().display(newFile), m.how()));
        if (r.changed() && !r.text().equals(newText.get())) {
            plan.action(WriteFileAction.of(newFile, context.newHome().display(newFile), newText.get(), r.text(),
                    context.redactor()::redact));
        }
    }
}
