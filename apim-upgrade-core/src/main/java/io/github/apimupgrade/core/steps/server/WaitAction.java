package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;

import java.time.Duration;

/** A pause between two nodes' re-index starts: "keep a delay between nodes ... as the database can experience a large load". */
public record WaitAction(Duration delay, String why) implements PlannedAction {

    @Override
    public Kind kind() {
        return Kind.CHECK;
    }

    @Override
    public String summary() {
        return "wait " + delay + " (" + why + ")";
    }

    @Override
    public String details() {
        return "";
    }

    @Override
    public ActionResult apply(StepContext context) {
        try {
            io.github.apimupgrade.core.server.Sleeper.system().sleep(delay); // a cancel cuts it short
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UpgradeException.environment(ErrorCode.SERVER_FAILED, "Interrupted while waiting between nodes.",
                    null, "Run the goal again.", e);
        }
        io.github.apimupgrade.core.server.Cancellation.jvm().check("while waiting " + delay + " (" + why + ")");
        return ActionResult.of("waited " + delay);
    }
}
