package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Moves a directory aside as a timestamped backup (the guide: "take a backup and thereafter delete" the solr
 * directory): one rename, so nothing is half-deleted.
 */
public record MoveToBackupAction(Path directory, String display) implements PlannedAction {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Override
    public Kind kind() {
        return Kind.FILE_DELETE;
    }

    @Override
    public String summary() {
        return "move " + display + " aside to " + display + ".apim-upgrade-<time>.bak (backed up and removed)";
    }

    @Override
    public String details() {
        return "mv " + directory + " " + directory + ".apim-upgrade-<time>.bak";
    }

    /** The directory moves to a sibling: its parent must take the new name. */
    @Override
    public java.util.List<Path> writes() {
        return java.util.List.of(directory);
    }

    @Override
    public ActionResult apply(StepContext context) {
        if (!Files.exists(directory)) {
            return ActionResult.of(display + " is already gone");
        }
        Path target = directory.resolveSibling(directory.getFileName() + ".apim-upgrade-"
                + STAMP.format(context.clock().instant()) + ".bak");
        for (int i = 1; Files.exists(target); i++) {
            target = directory.resolveSibling(directory.getFileName() + ".apim-upgrade-"
                    + STAMP.format(context.clock().instant()) + ".bak." + i);
        }
        try {
            Files.move(directory, target);
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Could not move " + directory + " to " + target
                    + ": " + e.getMessage(), directory.toString(), "Stop any server using it and check permissions.", e);
        }
        return ActionResult.of("moved " + display + " to " + target.getFileName());
    }
}
