package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.toml.TomlEditor;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.server.CarbonServer;
import io.github.apimupgrade.core.server.Cancellation;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepOutcome;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.WriteFileAction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** What the server-driven steps share: the apply loop with cleanup, paths, TOML writes, leftover client jars. */
final class ServerSteps {
    /** File name prefixes of WSO2's identity and API-M migration clients (all releases the guides name). */
    static final List<String> CLIENT_JAR_PREFIXES = List.of("org.wso2.carbon.is.migration", "org.wso2.carbon.apimgt.migrate",
            "org.wso2.carbon.apimgt.migration", "org.wso2.carbon.am.migration");

    private ServerSteps() {
    }

    /**
     * Runs the plan's actions in order. When one fails, the cleanup actions after it still run (a migration
     * client left in dropins would run again at every start), then the first failure is rethrown.
     */
    static StepOutcome applyWithCleanup(Step step, StepPlan plan, StepContext context) {
        StepOutcome.Builder outcome = StepOutcome.builder();
        List<PlannedAction> actions = plan.actions();
        for (int i = 0; i < actions.size(); i++) {
            PlannedAction action = actions.get(i);
            context.events().progress(step.id(), action.summary());
            try {
                Cancellation.jvm().check("before " + action.summary() + " (" + step.id() + ")");
                outcome.add(action.apply(context));
            } catch (RuntimeException failure) {
                for (PlannedAction later : actions.subList(i + 1, actions.size())) {
                    if (later instanceof DeletePathsAction d && d.cleanup()) {
                        try {
                            context.events().progress(step.id(), "after the failure: " + d.summary());
                            d.apply(context);
                        } catch (RuntimeException e) {
                            failure.addSuppressed(e);
                            context.events().warn(step.id(), "Cleanup failed: " + e.getMessage());
                        }
                    }
                }
                throw failure;
            }
        }
        return outcome.build();
    }

    /**
     * Where a step records that its migration run succeeded ({@code .apim-upgrade/<step>.run-succeeded}). WSO2's
     * migrations are not repeatable: when an action after the run fails, the retried step finishes the remaining
     * actions instead of migrating again. The step's last action removes the marker.
     */
    static Path runMarker(Path home, String stepId) {
        return JournalFile.runMarker(home, stepId);
    }

    static String alreadyRanWarning(StepContext context, Path marker, String what) {
        return "The " + what + " already succeeded (" + display(context, marker) + "); it is not run again, the step "
                + "only finishes its remaining actions. If you restored the databases to migrate again, delete that "
                + "file first.";
    }

    static Path dropins(Path home) {
        return home.resolve("repository").resolve("components").resolve("dropins");
    }

    /** The start script must exist before anything changes. */
    static void requireScript(Path home, String script) {
        Path file = home.resolve("bin").resolve(script + (CarbonServer.isWindows() ? ".bat" : ".sh"));
        if (!Files.isRegularFile(file)) {
            throw UpgradeException.user(ErrorCode.HOME_NOT_FOUND, "No start script " + file + ".", file.toString(),
                    "Check apim.upgrade.newHome (or each <node>'s newHome) point at unpacked API Manager homes of the "
                            + "target version.");
        }
    }

    static TomlEditor toml(StepContext context, Path file) {
        String text = context.workspace().require(file, "deployment.toml");
        // every caller starts the server: a TOML it cannot start with stops the run here, before the start
        io.github.apimupgrade.core.steps.config.StartableConfig.require(context, text, display(context, file));
        return TomlEditor.parse(text, display(context, file));
    }

    /** A planned write of an edited TOML, or null when the editor changed nothing. */
    static WriteFileAction tomlWrite(StepContext context, Path file, TomlEditor editor) {
        if (!editor.changed()) {
            return null;
        }
        return WriteFileAction.of(file, display(context, file), editor.originalText(), editor.text(),
                context.redactor()::redact);
    }

    static String display(StepContext context, Path file) {
        return context.newHome() == null ? file.toString() : context.newHome().display(file);
    }

    /**
     * WSO2 migration client jars already in dropins (a leftover would run at every start: seed 000 step 4.5). Matched by
     * WSO2's bundle names only: a user's own bundle whose name merely contains "migrat" is never touched.
     */
    static List<Path> clientJarsIn(Path dropins) {
        if (!Files.isDirectory(dropins)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dropins)) {
            return s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".jar") && CLIENT_JAR_PREFIXES.stream().anyMatch(n::startsWith);
            }).sorted().toList();
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot list " + dropins + ": " + e.getMessage(),
                    dropins.toString(), "Check permissions.", e);
        }
    }
}
