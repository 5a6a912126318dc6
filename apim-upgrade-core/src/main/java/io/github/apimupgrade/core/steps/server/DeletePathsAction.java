package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Removes migration leftovers (client jars in dropins, the migration-resources directory, the tenant loader).
 * A cleanup action also runs when an earlier action of its step failed: a client jar left in dropins would run
 * again at every start.
 *
 * @param paths   files or directories (directories are removed recursively); absent ones are skipped
 * @param why     why they go, for the plan
 * @param cleanup run even after a failure of the step
 */
public record DeletePathsAction(List<Path> paths, Path home, String why, boolean cleanup) implements PlannedAction {

    public DeletePathsAction {
        paths = List.copyOf(paths);
    }

    @Override
    public Kind kind() {
        return Kind.FILE_DELETE;
    }

    @Override
    public String summary() {
        return "remove " + paths.stream().map(this::display).collect(Collectors.joining(", ")) + " (" + why + ")";
    }

    @Override
    public String details() {
        return paths.stream().map(p -> "rm -r " + display(p)).collect(Collectors.joining("\n"))
                + (cleanup ? "\n(also when the step fails)" : "");
    }

    @Override
    public List<Path> writes() {
        return paths;
    }

    @Override
    public ActionResult apply(StepContext context) {
        int removed = 0;
        for (Path p : paths) {
            if (Files.exists(p)) {
                delete(p);
                removed++;
            }
        }
        return ActionResult.of("removed " + removed + " of " + paths.size() + ": " + why);
    }

    private static void delete(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Could not remove " + p + ": " + e.getMessage(),
                    p.toString(), "Remove it by hand (stop any server using it first).", e);
        }
    }

    private String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path h = home.toAbsolutePath().normalize();
        return abs.startsWith(h) ? h.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }
}
