package io.github.apimupgrade.core.path;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a pair the catalogue has no entry for means, from WSO2's own guide indexes ({@code direct-guides.yaml}): the
 * chain of catalogue hops WSO2 expects when it documents no direct guide, or nothing. A chain is not run in one build:
 * each hop needs the unpacked home of its own target version and {@code newHome} names one home, so the refusal names
 * the hops and the run for each (docs/paths/4.1.0-to-4.2.0.md, "Chains").
 */
public final class PathChains {
    static final String RESOURCE = "/io/github/apimupgrade/core/path/direct-guides.yaml";

    private final Map<String, Set<String>> directGuides;

    PathChains(Map<String, Set<String>> directGuides) {
        this.directGuides = Map.copyOf(directGuides);
    }

    public static PathChains load() {
        try (InputStream in = PathChains.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(root instanceof Map<?, ?> map)) {
                throw new IllegalStateException("direct-guides.yaml: a map of target version -> [source versions] expected");
            }
            Map<String, Set<String>> out = new HashMap<>();
            map.forEach((k, v) -> {
                if (!(k instanceof String target) || !(v instanceof List<?> list)
                        || !list.stream().allMatch(String.class::isInstance)) {
                    throw new IllegalStateException("direct-guides.yaml, " + k + ": a quoted version and a list of quoted versions expected");
                }
                out.put(target, list.stream().map(String.class::cast).collect(Collectors.toUnmodifiableSet()));
            });
            return new PathChains(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether WSO2 documents a direct guide from {@code from} to {@code to}. */
    public boolean hasDirectGuide(String from, String to) {
        return directGuides.getOrDefault(to, Set.of()).contains(from);
    }

    /**
     * The shortest run of catalogue hops from {@code from} to {@code to}, when the catalogue has no direct entry and
     * WSO2 documents no direct guide for the pair; empty otherwise.
     */
    public Optional<List<UpgradePath>> chain(List<UpgradePath> catalogue, String from, String to) {
        boolean direct = catalogue.stream().anyMatch(p -> p.from().equals(from) && p.to().equals(to));
        if (direct || hasDirectGuide(from, to)) {
            return Optional.empty();
        }
        Map<String, UpgradePath> reachedBy = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            for (UpgradePath hop : catalogue) {
                if (hop.from().equals(at) && !hop.to().equals(from) && !reachedBy.containsKey(hop.to())) {
                    reachedBy.put(hop.to(), hop);
                    queue.add(hop.to());
                }
            }
        }
        if (!reachedBy.containsKey(to)) {
            return Optional.empty();
        }
        List<UpgradePath> hops = new ArrayList<>();
        for (String v = to; !v.equals(from); v = reachedBy.get(v).from()) {
            hops.add(0, reachedBy.get(v));
        }
        return Optional.of(List.copyOf(hops));
    }

    /** "2.6.0 -> 4.1.0 -> 4.2.0". */
    static String describe(List<UpgradePath> hops) {
        StringBuilder sb = new StringBuilder(hops.get(0).from());
        hops.forEach(h -> sb.append(" -> ").append(h.to()));
        return sb.toString();
    }

    /** One migrate run per hop, each from the home the previous one produced. */
    static String commands(List<UpgradePath> hops) {
        return hops.stream().map(h -> "mvn apim-upgrade:migrate -Dapim.upgrade.fromVersion=" + h.from()
                        + " -Dapim.upgrade.toVersion=" + h.to() + " -Dapim.upgrade.oldHome=<" + h.from() + " home>"
                        + " -Dapim.upgrade.newHome=<unpacked " + h.to() + " home>")
                .collect(Collectors.joining("; then "));
    }
}
