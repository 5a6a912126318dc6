package io.github.apimupgrade.maven.goals;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.engine.UpgradeEngine;
import io.github.apimupgrade.maven.AbstractUpgradeMojo;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.Locale;

/**
 * Explicit decision on a failed step: {@code retry} runs it again now; {@code mark-done} records that the
 * operator completed it by hand, so migrate goes on with the next step.
 */
@Mojo(name = "repair", requiresProject = false, threadSafe = true)
public class RepairMojo extends AbstractUpgradeMojo {

    /** The step to repair (see the status goal). */
    @Parameter(property = "apim.upgrade.repair.step")
    private String step;

    /** retry or mark-done. */
    @Parameter(property = "apim.upgrade.repair.action", defaultValue = "retry")
    private String action;

    @Override
    protected void run(UpgradeEngine engine, UpgradeRequest request, String goal) {
        UpgradeEngine.RepairAction a = switch (action == null ? "" : action.toLowerCase(Locale.ROOT)) {
            case "retry" -> UpgradeEngine.RepairAction.RETRY;
            case "mark-done", "mark_done", "markdone" -> UpgradeEngine.RepairAction.MARK_DONE;
            default -> throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "Unknown repair action '" + action + "'.",
                    "apim.upgrade.repair.action", "Use retry or mark-done.");
        };
        engine.repair(request, step, a);
    }
}
