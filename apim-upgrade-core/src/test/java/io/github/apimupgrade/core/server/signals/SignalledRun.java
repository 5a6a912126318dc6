package io.github.apimupgrade.core.server.signals;

import io.github.apimupgrade.core.api.ServerOptions;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.engine.UpgradeEngine;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.server.ProcessLauncher;
import io.github.apimupgrade.core.server.ServerRun;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepCatalog;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.steps.server.ServerRunAction;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The child JVM of {@link SignalCancelsTheRunTest}: the real engine (journal, locks, report, cancellation, shutdown
 * hooks) on the 2.6.0 -> 4.1.0 path, with steps made of real actions: prepare-config writes three files,
 * migrate-identity runs the stand-in server with {@code -Dmigrate -Dcomponent=identity}, migrate-apim starts it
 * and writes a file after, the others write a marker. Every event goes to stdout, which the test reads to know
 * the phase. With {@code -Dpause.at=<text>} the event sink holds the engine thread 3 s on the progress event
 * naming that text (a slow action), so a signal lands inside that action.
 * <p>
 * Args: old home, new home, report directory. Exit 0 on success, 3 on a failure (the JVM's own exit code, 128 +
 * the signal, when a signal ended it).
 */
public final class SignalledRun {

    static final List<String> STEPS = List.of("prepare-config", "migrate-registry-versioning", "migrate-resources",
            "migrate-identity", "migrate-apim", "reindex", "finalize");

    private SignalledRun() {
    }

    public static void main(String[] args) {
        Path oldHome = Path.of(args[0]);
        Path newHome = Path.of(args[1]);
        String pauseAt = System.getProperty("pause.at", "");
        StepCatalog catalog = io.github.apimupgrade.core.testsupport.NoOpSteps.backupAndVerify(new StepCatalog());
        for (String id : STEPS) {
            catalog.register(id, () -> step(id, ctx -> switch (id) {
                case "prepare-config" -> List.of(write(ctx, "a.txt"), write(ctx, "b.txt"), write(ctx, "c.txt"));
                case "migrate-identity" -> List.of(write(ctx, "identity-before.txt"), new ServerRunAction(id,
                        new ServerRun(ctx.newHome().home(), "api-manager", List.of("-Dmigrate", "-Dcomponent=identity"),
                                "identity migration", Duration.ofSeconds(60),
                                io.github.apimupgrade.core.path.ClientProofs.load().hop("2.6.0", "4.1.0").orElseThrow().identity()),
                        ServerRunAction.Mode.MIGRATION, null, false, ctx));
                case "migrate-apim" -> List.of(new ServerRunAction(id, ServerRun.start(ctx.newHome().home(),
                        "api-manager", "server start", Duration.ofSeconds(60)), ServerRunAction.Mode.START, null, false, ctx),
                        write(ctx, "apim-after.txt"));
                default -> List.of(write(ctx, id + ".txt"));
            }));
        }
        UpgradeEngine engine = new UpgradeEngine(e -> print(e, pauseAt), Clock.systemUTC(), ProcessLauncher.system(), catalog);
        ServerOptions options = new ServerOptions(null, "", Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(20), Duration.ofSeconds(5), null, null, List.of(), true, null, Duration.ZERO);
        try {
            engine.migrate(UpgradeRequest.builder().oldHome(oldHome).newHome(newHome).allowH2(true).server(options)
                    .reportDirectory(Path.of(args[2])).build());
            System.out.println("RUN SUCCEEDED");
            System.exit(0);
        } catch (UpgradeException e) {
            System.out.println("RUN FAILED " + e.code() + ": " + e.getMessage());
            System.exit(3);
        }
    }

    private static PlannedAction write(StepContext ctx, String name) {
        Path f = ctx.newHome().home().resolve("step-files").resolve(name);
        return WriteFileAction.of(f, "step-files/" + name, ctx.workspace().read(f).orElse(""), name + "\n",
                ctx.redactor()::redact);
    }

    private static Step step(String id, Function<StepContext, List<PlannedAction>> actions) {
        return new Step() {
            @Override public String id() { return id; }
            @Override public String title() { return "signal test step " + id; }
            @Override public java.util.Set<io.github.apimupgrade.core.config.DatasourceRole> databaseRoles() { return java.util.Set.of(); }

            @Override
            public StepPlan plan(StepContext ctx) {
                StepPlan.Builder b = StepPlan.builder(id);
                actions.apply(ctx).forEach(b::action);
                return b.build();
            }
        };
    }

    private static void print(UpgradeEvent e, String pauseAt) {
        String line = "EVENT " + e.level() + " " + e.stepId() + " " + e.message();
        System.out.println(line);
        System.out.flush();
        if (!pauseAt.isEmpty() && line.contains("PROGRESS") && e.message().contains(pauseAt)) {
            System.out.println("PAUSED " + pauseAt);
            System.out.flush();
            try {
                Thread.sleep(3000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
