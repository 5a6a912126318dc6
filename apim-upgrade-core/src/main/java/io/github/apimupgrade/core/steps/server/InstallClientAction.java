package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;

import java.nio.file.Path;
import java.util.stream.Collectors;

/** Copies a migration client's migration-resources/ into the home and its jar into dropins (seed 000 step 3.4, 3.8). */
public record InstallClientAction(MigrationClient client, Path home) implements PlannedAction {

    @Override
    public Kind kind() {
        return Kind.FILE_COPY;
    }

    @Override
    public String summary() {
        return "copy " + MigrationClient.RESOURCES + "/ (" + client.resourceFiles().size() + " files) and "
                + String.join(", ", client.jars()) + " from " + client.location().getFileName() + " into the home";
    }

    @Override
    public String details() {
        return "from: " + client.location() + "\n"
                + client.jars().stream().map(j -> "copy dropins/" + j + " -> repository/components/dropins/" + j)
                .collect(Collectors.joining("\n"))
                + "\ncopy " + MigrationClient.RESOURCES + "/ -> " + MigrationClient.RESOURCES + "/ ("
                + client.resourceFiles().size() + " files)";
    }

    @Override
    public java.util.List<Path> writes() {
        java.util.List<Path> w = new java.util.ArrayList<>();
        w.add(home.resolve(MigrationClient.RESOURCES));
        client.jars().forEach(j -> w.add(ServerSteps.dropins(home).resolve(j)));
        return w;
    }

    @Override
    public ActionResult apply(StepContext context) {
        client.installResources(home.resolve(MigrationClient.RESOURCES), context.clock());
        Path dropins = ServerSteps.dropins(home);
        for (String jar : client.jars()) {
            client.installJar(jar, dropins, context.clock());
        }
        return ActionResult.of("installed " + String.join(", ", client.jars()) + " and "
                + client.resourceFiles().size() + " migration resources");
    }
}
