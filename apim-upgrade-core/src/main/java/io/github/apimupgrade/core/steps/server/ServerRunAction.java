package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.ServerOptions;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.toml.TomlEditor;
import io.github.apimupgrade.core.files.SafeFiles;
import io.github.apimupgrade.core.server.CarbonServer;
import io.github.apimupgrade.core.server.RunningServer;
import io.github.apimupgrade.core.server.ServerResult;
import io.github.apimupgrade.core.server.ServerRun;
import io.github.apimupgrade.core.server.Sleeper;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A supervised server run in a plan: the command line, what success means, and how failures map to errors.
 * Identity runs may retry once after a connection pool exhaustion with {@code [indexing] frequency = 10}
 * (seed 000 step 3.11 troubleshooting), reverted afterwards.
 */
public final class ServerRunAction implements PlannedAction {
    /** How the run's failure is reported. */
    public enum Mode { MIGRATION, PRE_VALIDATION, START }

    private static final Pattern INVALID_API = Pattern.compile(
            "(?:(OpenAPI|GraphQL|WSDL|AsyncAPI)\\S*\\s+)?.*?API \\{name: ([^,]*), version: ([^,]*), provider: ([^}]*)\\}(.*)");

    private final String stepId;
    private final ServerRun run;
    private final Mode mode;
    private final Path toml;
    private final boolean retryOnPoolExhaustion;
    private final String environment;
    private Path successMarker;
    private AfterStartFactory afterStart;

    /** Builds the wait after the start when the action runs (it needs the run's sink and clock). */
    @FunctionalInterface
    public interface AfterStartFactory {
        io.github.apimupgrade.core.server.AfterStart create(StepContext context);
    }

    /** Keeps the server running after the start until {@code wait} is done (re-indexing). */
    public ServerRunAction afterStart(AfterStartFactory wait, String description) {
        this.afterStart = wait;
        this.afterStartDescription = description;
        return this;
    }

    private String afterStartDescription;

    /**
     * @param toml the deployment.toml a pool-exhaustion retry edits (null when no retry)
     */
    public ServerRunAction(String stepId, ServerRun run, Mode mode, Path toml, boolean retryOnPoolExhaustion,
                           StepContext context) {
        this.stepId = stepId;
        this.run = run;
        this.mode = mode;
        this.toml = toml;
        this.retryOnPoolExhaustion = retryOnPoolExhaustion;
        // at plan time, so the step (and the engine's plan-ahead pass) stops before its first change under a live server
        RunningServer.refuse(run.home(), "new home");
        if (context.oldHome() != null && !context.oldHome().home().toAbsolutePath().normalize()
                .equals(run.home().toAbsolutePath().normalize())) {
            RunningServer.refuse(context.oldHome().home(), "old home");
        }
        ServerOptions o = context.request().server();
        this.environment = context.redactor().redact("JAVA_HOME=" + (o.javaHome() == null ? "(inherited)" : o.javaHome())
                + (o.jvmOptions() == null || o.jvmOptions().isBlank() ? "" : " JAVA_OPTS=" + o.jvmOptions().strip()));
    }

    public ServerRun run() {
        return run;
    }

    /**
     * After a successful run, record it in {@code marker}: a migration run is not repeatable, so when a later action
     * of the step fails, the next attempt must not run it again (see {@link ServerSteps#runMarker}).
     */
    public ServerRunAction recordSuccessIn(Path marker) {
        this.successMarker = marker;
        return this;
    }

    @Override
    public Kind kind() {
        return Kind.SERVER_RUN;
    }

    @Override
    public String summary() {
        return "start " + (run.home().getFileName() == null ? run.home() : run.home().getFileName()) + ": "
                + run.display(CarbonServer.isWindows()) + " (" + run.purpose() + ", timeout " + CarbonServer.human(run.timeout()) + ")";
    }

    @Override
    public String details() {
        StringBuilder sb = new StringBuilder();
        sb.append("home: ").append(run.home()).append('\n');
        sb.append("command: ").append(run.display(CarbonServer.isWindows())).append('\n');
        sb.append("environment: ").append(environment).append('\n');
        sb.append("success: \"WSO2 Carbon started\" logged");
        if (mode != Mode.START) {
            sb.append(", the migration client's own lines seen, and no ERROR line from the migration loggers "
                    + "(the client's \"Successfully completed\" line is ignored)");
        }
        if (afterStartDescription != null) {
            sb.append('\n').append("then: ").append(afterStartDescription);
        }
        sb.append('\n').append("then: the server is stopped (SIGTERM, then killed after the stop timeout)");
        if (successMarker != null) {
            sb.append('\n').append("on success: recorded in ").append(successMarker)
                    .append(" and in the databases' APIM_UPGRADE_HISTORY as soon as the log proves it, before the server is "
                            + "stopped (a later failure of the step, or another new home, does not run it again)");
        }
        if (retryOnPoolExhaustion) {
            sb.append('\n').append("on connection pool exhaustion before any migration step started: one retry with "
                    + "[indexing] frequency = 10, reverted afterwards");
        }
        return sb.toString();
    }

    /** The server writes its pid file, logs and tmp under the home; a success marker; the toml of a retry. */
    @Override
    public List<Path> writes() {
        List<Path> w = new ArrayList<>(List.of(run.home().resolve("wso2carbon.pid"), run.logFile(), run.home().resolve("tmp")));
        if (successMarker != null) {
            w.add(successMarker);
        }
        if (toml != null && retryOnPoolExhaustion) {
            w.add(toml);
        }
        return w;
    }

    @Override
    public ActionResult apply(StepContext context) {
        ServerOptions options = context.request().server();
        // context.events() already redacts: wrapping it again redacted every log line twice
        CarbonServer server = new CarbonServer(context.processes(), context.events(), stepId,
                options, context.clock(), Sleeper.system(), CarbonServer.isWindows());
        boolean[] recorded = {false};
        Runnable onSuccess = () -> {
            if (successMarker != null) { // a migration run: record it before the server is stopped
                writeMarker(context);
                recorded[0] = true;
                context.runHistory().migrationRunSucceeded(stepId, run.purpose());
            }
        };
        ServerResult result = server.run(run, afterStart == null ? null : afterStart.create(context), onSuccess);
        if (result.status() == ServerResult.Status.POOL_EXHAUSTED && retryOnPoolExhaustion) {
            if (result.stepStarted()) {
                // the client had begun changing the databases: a second run would meet its own half-applied DDL
                throw redacted(halfRun(result), context);
            }
            result = retryWithIndexingFrequency(server, result, context, onSuccess);
        }
        if (!result.succeeded()) {
            if (mode == Mode.PRE_VALIDATION && result.status() == ServerResult.Status.MIGRATION_ERRORS) {
                throw invalidDefinitions(result, context);
            }
            throw redacted(result.toException(), context); // log lines can carry JDBC URLs and the like
        }
        if (successMarker != null && !recorded[0]) {
            writeMarker(context);
        }
        List<String> warnings = new ArrayList<>();
        result.warnings().forEach(w -> warnings.add("the migration client warned: " + context.redactor().redact(w)));
        result.otherErrors().forEach(e -> warnings.add("the server logged: " + context.redactor().redact(e)));
        return new ActionResult(run.purpose() + ": succeeded in " + result.duration().toSeconds() + " s", 0, warnings);
    }

    private UpgradeException halfRun(ServerResult result) {
        return UpgradeException.environment(ErrorCode.MIGRATION_ERRORS_LOGGED, "The " + run.purpose()
                        + " exhausted the database connection pool after a migration step had started, so it is not "
                        + "retried (a second run would meet the half-applied changes):" + System.lineSeparator()
                        + String.join(System.lineSeparator(), result.migrationErrors()), run.logFile().toString(),
                "Restore the database backups taken before this step, add [indexing] frequency = 10 to "
                        + "deployment.toml for the identity run, then run the goal again.", null);
    }

    private static UpgradeException redacted(UpgradeException e, StepContext context) {
        return new UpgradeException(e.code(), e.kind(), context.redactor().redact(e.getMessage()), e.location(),
                e.hint(), e.getCause());
    }

    private void writeMarker(StepContext context) {
        SafeFiles.writeWithBackup(successMarker, "The " + run.purpose() + " (" + run.display(CarbonServer.isWindows())
                + ") succeeded at " + context.clock().instant() + ".\nDelete this file only to run it again on "
                + "restored databases.\n", context.clock());
    }

    private ServerResult retryWithIndexingFrequency(CarbonServer server, ServerResult first, StepContext context,
                                                    Runnable onSuccess) {
        String before;
        try {
            before = Files.readString(toml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot read " + toml + ": " + e.getMessage(),
                    toml.toString(), "Check file permissions.", e);
        }
        TomlEditor editor = TomlEditor.parse(before, toml.toString()).set("indexing", "frequency", 10L);
        if (!editor.changed()) {
            return first; // already 10: a retry would fail the same way
        }
        context.events().warn(stepId, "The " + run.purpose() + " exhausted the database connection pool; retrying once "
                + "with [indexing] frequency = 10 in " + toml.getFileName() + " (reverted afterwards).");
        SafeFiles.writeWithBackup(toml, editor.text(), context.clock());
        try {
            return server.run(run, onSuccess);
        } finally {
            SafeFiles.writeWithBackup(toml, before, context.clock());
            context.events().progress(stepId, "Reverted [indexing] frequency in " + toml.getFileName());
        }
    }

    /** Pre-validation errors are data the user must fix in the old version: list each invalid API. */
    private UpgradeException invalidDefinitions(ServerResult result, StepContext context) {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder("The pre-migration validation (" + run.display(CarbonServer.isWindows())
                + ") found " + result.migrationErrors().size() + " problem(s); nothing was migrated:");
        for (String line : result.migrationErrors()) {
            String message = line.substring(line.indexOf("} - ") < 0 ? 0 : line.indexOf("} - ") + 4);
            Matcher m = INVALID_API.matcher(message);
            sb.append(nl).append("  - ");
            if (m.matches()) {
                sb.append("API ").append(m.group(2).strip()).append(' ').append(m.group(3).strip())
                        .append(" (provider ").append(m.group(4).strip()).append("): ")
                        .append(m.group(1) != null && m.group(5).strip().startsWith("is invalid")
                                ? m.group(1) + " definition " + m.group(5).strip().replaceFirst("^is invalid\\.\\s*", "invalid: ")
                                : message);
            } else {
                sb.append(message);
            }
        }
        return UpgradeException.user(ErrorCode.MIGRATION_ERRORS_LOGGED, context.redactor().redact(sb.toString()),
                run.logFile().toString(), "Correct these API definitions in the old API Manager (the guide: fix them "
                        + "manually on the old version), then run migrate-apim again.");
    }
}
