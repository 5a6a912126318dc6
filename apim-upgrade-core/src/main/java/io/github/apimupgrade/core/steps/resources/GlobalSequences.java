package io.github.apimupgrade.core.steps.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The old home's own global sequences (4.x guides, "if you have used global sequences"): the {@code .xml} files of
 * {@code repository/deployment/server/synapse-configs/default/sequences} whose name the new home does not ship. A
 * 4.x gateway deploys APIs from the database, so what is left in that directory besides the stock sequences is the
 * operator's (the stock 4.0.0 set is contained in 4.1.0's: product-apim v4.0.0 / v4.1.0, same directory). The 4.x
 * gateway removes unlisted files at start, so prepare-config lists them in
 * {@code [apim.sync_runtime_artifacts.gateway.skip_list] sequences} and migrate-resources copies them.
 */
public final class GlobalSequences {
    public static final String DIR = "repository/deployment/server/synapse-configs/default/sequences";
    /** deployment.toml table and key of the 4.x skip list. */
    public static final String SKIP_LIST_TABLE = "apim.sync_runtime_artifacts.gateway.skip_list";
    public static final String SKIP_LIST_KEY = "sequences";

    private GlobalSequences() {
    }

    /** File names, sorted. */
    public static List<String> custom(Path oldHome, Path newHome) {
        Set<String> shipped = Set.copyOf(names(newHome.resolve(DIR)));
        return names(oldHome.resolve(DIR)).stream().filter(n -> !shipped.contains(n)).sorted().toList();
    }

    private static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot list " + dir, e);
        }
    }
}
