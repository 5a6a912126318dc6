package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.files.SafeFiles;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Copies files (atomically, a differing target kept as a backup): the tenant loader into dropins, tenants'
 * secondary user stores after the API-M migration.
 *
 * @param copies source -> target
 */
public record CopyFilesAction(Map<Path, Path> copies, String what) implements PlannedAction {

    public CopyFilesAction {
        copies = new LinkedHashMap<>(copies);
    }

    @Override
    public Kind kind() {
        return Kind.FILE_COPY;
    }

    @Override
    public String summary() {
        return "copy " + what + " (" + copies.size() + " file" + (copies.size() == 1 ? "" : "s") + ")";
    }

    @Override
    public String details() {
        return copies.entrySet().stream().map(e -> "copy " + e.getKey() + " -> " + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    @Override
    public ActionResult apply(StepContext context) {
        copies.forEach((from, to) -> SafeFiles.copyWithBackup(from, to, context.clock()));
        return ActionResult.of("copied " + what + " (" + copies.size() + ")");
    }
}
