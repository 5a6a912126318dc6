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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The supported upgrade paths, read from {@code paths.yaml} on the classpath. */
public final class PathCatalog {
    private static final String RESOURCE = "/io/github/apimupgrade/core/path/paths.yaml";

    private final List<UpgradePath> paths;
    private final Map<String, String> identityVersions;

    private PathCatalog(List<UpgradePath> paths, Map<String, String> identityVersions) {
        this.paths = List.copyOf(paths);
        this.identityVersions = Map.copyOf(identityVersions);
    }

    public static PathCatalog load() {
        try (InputStream in = PathCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            @SuppressWarnings("unchecked")
            Map<String, String> ids = (Map<String, String>) root.get("identityVersions");
            List<UpgradePath> out = new ArrayList<>();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) root.get("paths");
            for (Map<String, Object> p : list) {
                String from = (String) p.get("from");
                String to = (String) p.get("to");
                @SuppressWarnings("unchecked")
                List<String> steps = (List<String>) p.get("steps");
                List<UpgradePath.IdentityStepRef> remove = new ArrayList<>();
                @SuppressWarnings("unchecked")
                Map<String, Object> im = (Map<String, Object>) p.getOrDefault("identityMigration", Map.of());
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> rs = (List<Map<String, Object>>) im.getOrDefault("removeSteps", List.of());
                for (Map<String, Object> r : rs) {
                    remove.add(new UpgradePath.IdentityStepRef((String) r.get("version"), (String) r.get("name"),
                            ((Number) r.get("order")).intValue()));
                }
                out.add(new UpgradePath(from, to, (String) p.get("guide"), (String) p.get("serverScript"), steps,
                        ids.get(from), ids.get(to), remove, Boolean.TRUE.equals(p.get("postgresSuperuserRequired"))));
            }
            return new PathCatalog(out, ids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
