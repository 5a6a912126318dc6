package io.github.apimupgrade.core.path;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The supported upgrade paths, read from {@code paths.yaml} on the classpath and bound strictly (see the file's
 * header for the format): a defect in the file fails loading with a message naming the path, the step and the key.
 */
public final class PathCatalog {
    static final String RESOURCE = "/io/github/apimupgrade/core/path/paths.yaml";
    private static final String FILE = "paths.yaml";

    private final List<UpgradePath> paths;
    private final Map<String, String> identityVersions;

    private PathCatalog(List<UpgradePath> paths, Map<String, String> identityVersions) {
        this.paths = List.copyOf(paths);
        this.identityVersions = Map.copyOf(identityVersions);
    }

    /** The file's top level. */
    record Root(Map<String, String> identityVersions, List<Object> paths) {
    }

    /** One path's entry; {@code steps} is bound by {@link #steps}. */
    record Entry(String from, String to, String guide, String serverScript, boolean postgresSuperuserRequired,
                 UpgradePath.ConfigFormat sourceConfig, String stockDefaults, String knownKeys, List<Object> steps) {
    }

    public static PathCatalog load() {
        try (InputStream in = PathCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(in), FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Binds a parsed catalogue ({@code name} in messages); package-private for the binding tests. */
    static PathCatalog parse(Object yaml, String name) {
        Root root = CatalogBinder.bind(yaml, Root.class, name);
        List<UpgradePath> out = new ArrayList<>();
        for (int i = 0; i < root.paths().size(); i++) {
            Entry e = CatalogBinder.bind(root.paths().get(i), Entry.class, name + ", path #" + (i + 1));
            String where = name + ", path " + e.from() + " -> " + e.to();
            for (String v : List.of(e.from(), e.to())) {
                if (!root.identityVersions().containsKey(v)) {
                    throw new CatalogBinder.CatalogException(where + ": identityVersions has no entry for " + v);
                }
            }
            if (out.stream().anyMatch(p -> p.from().equals(e.from()) && p.to().equals(e.to()))) {
                throw new CatalogBinder.CatalogException(where + ": listed twice");
            }
            List<String> ids = new ArrayList<>();
            Map<String, StepOptions> options = new LinkedHashMap<>();
            steps(e.steps(), where, ids, options);
            out.add(new UpgradePath(e.from(), e.to(), e.guide(), e.serverScript(), ids,
                    root.identityVersions().get(e.from()), root.identityVersions().get(e.to()),
                    e.postgresSuperuserRequired(), e.sourceConfig(), e.stockDefaults(), e.knownKeys(), options));
        }
        return new PathCatalog(out, root.identityVersions());
    }

    /**
     * A step entry is a bare id ({@code - backup}) for a step without options, or a one-key map
     * ({@code - migrate-apim: { ... }}) bound to the step's {@link StepOptions} record.
     */
    private static void steps(List<Object> entries, String where, List<String> ids, Map<String, StepOptions> options) {
        for (Object entry : entries) {
            String id;
            Object with = null;
            if (entry instanceof String s) {
                id = s;
            } else if (entry instanceof Map<?, ?> m && m.size() == 1 && m.keySet().iterator().next() instanceof String s) {
                id = s;
                with = m.values().iterator().next();
            } else {
                throw new CatalogBinder.CatalogException(where + ": a step entry is a step id or '<step-id>: { options }', not "
                        + entry);
            }
            if (ids.contains(id)) {
                throw new CatalogBinder.CatalogException(where + ", step " + id + ": listed twice");
            }
            Class<? extends StepOptions> type = StepOptions.TYPES.get(id);
            if (type == null && with != null) {
                throw new CatalogBinder.CatalogException(where + ", step " + id + ": takes no options (write it as a bare '- "
                        + id + "')");
            }
            if (type != null) {
                if (with == null) {
                    throw new CatalogBinder.CatalogException(where + ", step " + id + ": needs its options ('- " + id
                            + ": { ... }' with the keys " + keys(type) + ")");
                }
                options.put(id, (StepOptions) CatalogBinder.value(with, type, where + ", step " + id));
            }
            ids.add(id);
        }
    }

    private static String keys(Class<?> record) {
        return java.util.Arrays.stream(record.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName)
                .collect(Collectors.joining(", "));
    }

    public List<UpgradePath> paths() {
        return paths;
    }

    /** Identity (IS) component version bundled with an API-M version. */
    public String identityVersion(String apimVersion) {
        return identityVersions.get(apimVersion);
    }

    /** The hop from -> to, or an error listing the supported pairs. */
    public UpgradePath find(String from, String to) {
        return paths.stream().filter(p -> p.from().equals(from) && p.to().equals(to)).findFirst()
                .orElseThrow(() -> UpgradeException.user(ErrorCode.UNSUPPORTED_PATH,
                        "Upgrading API Manager " + from + " to " + to + " is not supported.",
                        "apim.upgrade.fromVersion / apim.upgrade.toVersion",
                        "Supported paths: " + supportedList() + "."));
    }

    public String supportedList() {
        return paths.stream().map(UpgradePath::id).collect(Collectors.joining(", "));
    }
}
