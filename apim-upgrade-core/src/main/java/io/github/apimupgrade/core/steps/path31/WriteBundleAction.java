package io.github.apimupgrade.core.steps.path31;

import io.github.apimupgrade.core.files.SafeFiles;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes a JDBC driver wrapped as an OSGi bundle into API-M Analytics' {@code lib}; the plan shows its manifest.
 *
 * @param target  the bundle file
 * @param display how the plan names it
 * @param source  the plain driver jar it was made from
 * @param bundle  the bundle
 */
public record WriteBundleAction(Path target, String display, Path source, OsgiBundleWrapper.Bundle bundle)
        implements PlannedAction {

    @Override
    public Kind kind() {
        return Kind.FILE_WRITE;
    }

    @Override
    public String summary() {
        return "create " + display + " (OSGi bundle of " + source.getFileName() + ")";
    }

    @Override
    public String details() {
        Map<String, String> headers = new TreeMap<>();
        bundle.manifest().getMainAttributes().forEach((k, v) -> headers.put(k.toString(), v.toString()));
        return "from " + source + "\n" + headers.entrySet().stream()
                .map(e -> e.getKey() + ": " + abbreviate(e.getValue())).collect(Collectors.joining("\n")) + "\n";
    }

    private static String abbreviate(String v) {
        return v.length() <= 200 ? v : v.substring(0, 200) + "... (" + v.split(",").length + " entries)";
    }

    @Override
    public java.util.List<Path> writes() {
        return java.util.List.of(target);
    }

    @Override
    public ActionResult apply(StepContext context) {
        Path backup = SafeFiles.writeWithBackup(target, bundle.bytes(), context.clock());
        return ActionResult.of("wrote " + display + (backup == null ? "" : " (previous file kept as " + backup.getFileName() + ")"));
    }
}
