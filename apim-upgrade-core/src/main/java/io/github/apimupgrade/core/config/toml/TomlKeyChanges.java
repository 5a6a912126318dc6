package io.github.apimupgrade.core.config.toml;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keys of an old deployment.toml that the new version no longer reads, or reads with another meaning, as data
 * ({@code changes/*.yaml} next to this class; {@code changes/hops.yaml} says which list a hop applies). The
 * carry-over copies none of them: each becomes a finding naming the key, why and the fix.
 *
 * @param changes the listed keys, dotted ({@code apim.analytics.store_api_url})
 */
public record TomlKeyChanges(List<Change> changes) {

    /** No changes: every key the new version knows is carried. */
    public static final TomlKeyChanges NONE = new TomlKeyChanges(List.of());

    /** What changed about a key. */
    public enum Kind {
        /** The new version has no slot for it. */
        REMOVED,
        /** The new version reads the key, but the old value {@code when} means something else there. */
        MEANING
    }

    /**
     * One listed key.
     *
     * @param key  dotted key, or the dotted name of an array of tables
     * @param kind removed or changed meaning
     * @param when for {@link Kind#MEANING}: the old value that changed meaning (other values are carried); null: any
     * @param why  what it was, for the finding
     * @param fix  what to do instead, for the finding
     */
    public record Change(String key, Kind kind, Object when, String why, String fix) {
        public Change {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(kind, "kind");
        }

        /** True when the old {@code value} of this key must not be carried. */
        public boolean applies(Object value) {
            return kind == Kind.REMOVED || when == null || when.equals(value);
        }
    }

    public TomlKeyChanges {
        changes = List.copyOf(changes);
    }

    /** The change listed for this dotted key path, if any. */
    public Optional<Change> find(List<String> path) {
        String dotted = String.join(".", path);
        return changes.stream().filter(c -> c.key().equals(dotted)).findFirst();
    }

    /** The list {@code changes/hops.yaml} names for the hop {@code from -> to}, or {@link #NONE}. */
    public static TomlKeyChanges forHop(String from, String to) {
        Map<String, Object> index = load("changes/hops.yaml");
        for (Object o : list(index.get("hops"), "changes/hops.yaml hops")) {
            Map<?, ?> hop = (Map<?, ?>) o;
            if (Objects.equals(hop.get("from"), from) && Objects.equals(hop.get("to"), to)) {
                return parse((String) hop.get("changes"));
            }
        }
        return NONE;
    }

    /** Reads {@code changes/<file>}; a malformed entry is a catalogue defect (fails loudly). */
    static TomlKeyChanges parse(String file) {
        Map<String, Object> root = load("changes/" + file);
        List<Change> out = new ArrayList<>();
        for (Object o : list(root.get("changes"), file + " changes")) {
            Map<?, ?> m = (Map<?, ?>) o;
            String kind = String.valueOf(m.get("kind"));
            Kind k = switch (kind) {
                case "removed" -> Kind.REMOVED;
                case "meaning" -> Kind.MEANING;
                default -> throw new IllegalStateException(file + ": unknown kind '" + kind + "' of " + m.get("key"));
            };
            if (m.get("why") == null || m.get("fix") == null) {
                throw new IllegalStateException(file + ": " + m.get("key") + " needs why and fix");
            }
            Object when = m.get("when");
            out.add(new Change((String) m.get("key"), k, when instanceof Integer i ? Long.valueOf(i) : when,
                    (String) m.get("why"), (String) m.get("fix")));
        }
        return new TomlKeyChanges(out);
    }

    private static Map<String, Object> load(String resource) {
        try (InputStream in = TomlKeyChanges.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " next to TomlKeyChanges");
            }
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return root == null ? Map.of() : root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<?> list(Object o, String what) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> l)) {
            throw new IllegalStateException(what + " is not a list");
        }
        return l;
    }
}
