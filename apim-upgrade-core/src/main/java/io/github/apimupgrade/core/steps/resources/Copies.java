package io.github.apimupgrade.core.steps.resources;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.steps.CopyFileAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Plans copies from the old home to the new one into a plan builder, saying which identical files are skipped. */
final class Copies {
    private final StepContext context;
    private final StepPlan.Builder plan;
    private final List<CopyFileAction> planned = new ArrayList<>();

    Copies(StepContext context, StepPlan.Builder plan) {
        this.context = context;
        this.plan = plan;
    }

    String old(Path p) {
        return "[old] " + context.oldHome().display(p);
    }

    String neu(Path p) {
        return "[new] " + context.newHome().display(p);
    }

    /** Plans one copy; identical targets are noted and skipped. Returns true when a copy was planned. */
    boolean copy(Path source, Path target, String reason) {
        var action = CopyFileAction.unlessIdentical(context.workspace(), source, target, old(source), neu(target), reason, null);
        if (action.isEmpty()) {
            plan.note(neu(target) + " is already identical to " + old(source) + ": skipped");
            return false;
        }
        planned.add(action.get());
        plan.action(action.get());
        return true;
    }

    /**
     * Plans copying every file under {@code sourceDir} to the same relative path under {@code targetDir}, except
     * {@code excluded} relative paths ("/"-separated). Identical files are counted in one note.
     *
     * @return the number of copies planned
     */
    int copyTree(Path sourceDir, Path targetDir, Set<String> excluded, String what) {
        List<String> kept = new ArrayList<>();
        int copied = copyTree(sourceDir, targetDir, excluded, what, kept::add);
        kept.forEach(file -> plan.note(what + ": " + file + " not copied: the new home's own version is kept"));
        return copied;
    }

    /** Like {@link #copyTree(Path, Path, Set, String)}, but hands each excluded file (as shown) to {@code onExcluded}. */
    int copyTree(Path sourceDir, Path targetDir, Set<String> excluded, String what, java.util.function.Consumer<String> onExcluded) {
        int copied = 0;
        List<String> identical = new ArrayList<>();
        String directory = neu(targetDir);
        for (Path file : files(sourceDir)) {
            String rel = sourceDir.relativize(file).toString().replace('\\', '/');
            if (excluded.contains(rel)) {
                onExcluded.accept(old(file));
                continue;
            }
            Path target = targetDir.resolve(rel);
            var action = CopyFileAction.unlessIdentical(context.workspace(), file, target, old(file), neu(target), what, directory);
            if (action.isEmpty()) {
                identical.add(rel);
            } else {
                planned.add(action.get());
                plan.action(action.get());
                copied++;
            }
        }
        if (!identical.isEmpty()) {
            plan.note(what + ": " + identical.size() + " file(s) already identical in " + neu(targetDir) + ", skipped: "
                    + abbreviate(identical));
        }
        return copied;
    }

    /** The copies planned so far (used to know which directories the plan creates). */
    List<CopyFileAction> planned() {
        return List.copyOf(planned);
    }

    static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot list " + dir + ": " + e.getMessage(), dir.toString(),
                    "Check that the directory is readable.", e);
        }
    }

    static List<Path> subdirectories(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot list " + dir + ": " + e.getMessage(), dir.toString(),
                    "Check that the directory is readable.", e);
        }
    }

    private static String abbreviate(List<String> names) {
        int max = 10;
        return names.size() <= max ? String.join(", ", names)
                : String.join(", ", names.subList(0, max)) + " and " + (names.size() - max) + " more";
    }
}
