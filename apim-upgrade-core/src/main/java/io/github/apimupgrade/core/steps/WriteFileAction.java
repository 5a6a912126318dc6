package io.github.apimupgrade.core.steps;

import io.github.apimupgrade.core.files.SafeFiles;
import io.github.apimupgrade.core.files.UnifiedDiff;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes a text file (atomically, with a backup of the previous version). The plan shows the unified diff.
 *
 * @param file        the file
 * @param displayPath the path shown to humans (relative to its home)
 * @param before      current content ("" when the file is new)
 * @param after       content to write
 * @param redactedDiff the diff as shown (secrets masked by the planner)
 */
public record WriteFileAction(Path file, String displayPath, String before, String after, String redactedDiff)
        implements PlannedAction {

    /** Builds the action, computing the diff; {@code redactor} masks secrets in the displayed diff. */
    public static WriteFileAction of(Path file, String displayPath, String before, String after,
                                     java.util.function.UnaryOperator<String> redactor) {
        return new WriteFileAction(file, displayPath, before, after,
                redactor.apply(UnifiedDiff.of(displayPath, before, after)));
    }

    @Override
    public Kind kind() {
        return Kind.FILE_WRITE;
    }

    @Override
    public String summary() {
        return (before.isEmpty() ? "create " : "update ") + displayPath + " (" + UnifiedDiff.stat(before, after) + " lines)";
    }

    @Override
    public String details() {
        return redactedDiff;
    }

    @Override
    public ActionResult apply(StepContext context) {
        Path backup = SafeFiles.writeWithBackup(file, after, context.clock());
        String msg = "wrote " + displayPath + (backup == null ? "" : " (previous version kept as " + backup.getFileName() + ")");
        return new ActionResult(msg, 0, List.of());
    }

    /** Never the contents: they may hold passwords (a record would print every component). */
    @Override
    public String toString() {
        return "WriteFileAction[" + summary() + "]";
    }

    @Override
    public java.util.List<Path> writes() {
        return java.util.List.of(file);
    }

    @Override
    public void simulate(Workspace workspace) {
        workspace.overlay(file, after);
    }
}
