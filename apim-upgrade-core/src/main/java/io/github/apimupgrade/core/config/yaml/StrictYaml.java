package io.github.apimupgrade.core.config.yaml;

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
import java.util.Set;

/**
 * A strict, typed view of a bundled YAML data resource (the stock-value tables): each map states the keys it may
 * have, and an unknown key, a missing required key or a value of the wrong type fails loading with a message naming
 * the resource and the key. Such a failure is a defect of the shipped resource, so it is unchecked.
 */
public final class StrictYaml {
    private final String resource;
    private final String where;
    private final Map<?, ?> map;

    private StrictYaml(String resource, String where, Map<?, ?> map) {
        this.resource = resource;
        this.where = where;
        this.map = map;
    }

    /**
     * Loads the class-path resource {@code resource} ({@code io/github/.../x.yaml}; SafeConstructor: plain maps,
     * lists and scalars).
     */
    public static StrictYaml load(String resource) {
        try (InputStream in = StrictYaml.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + ": resource missing");
            }
            return parse(resource, in);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /** Parses {@code in}, naming it {@code resource} in errors. */
    public static StrictYaml parse(String resource, InputStream in) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (!(root instanceof Map<?, ?> m)) {
            throw new IllegalStateException(resource + ": expected a map at the top");
        }
        return new StrictYaml(resource, "", m);
    }

    /** Fails when this map has a key outside {@code allowed}. */
    public StrictYaml keys(String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Object k : map.keySet()) {
            if (!ok.contains(String.valueOf(k))) {
                throw new IllegalStateException(resource + ": unknown key '" + path(String.valueOf(k))
                        + "' (allowed keys: " + String.join(", ", allowed) + ")");
            }
        }
        return this;
    }

    public String string(String key) {
        String s = optString(key);
        if (s == null) {
            throw fail(key, "is required");
        }
        return s;
    }

    /** The string at {@code key}, null when absent. */
    public String optString(String key) {
        Object v = map.get(key);
        if (v != null && !(v instanceof String)) {
            throw fail(key, "must be a string (quote it), not " + v.getClass().getSimpleName() + " " + v);
        }
        return (String) v;
    }

    /** The boolean at {@code key}, {@code absent} when the key is absent. */
    public boolean bool(String key, boolean absent) {
        Object v = map.get(key);
        if (v == null) {
            return absent;
        }
        if (!(v instanceof Boolean b)) {
            throw fail(key, "must be true or false, not " + v);
        }
        return b;
    }

    public StrictYaml map(String key) {
        Object v = map.get(key);
        if (!(v instanceof Map<?, ?> m)) {
            throw fail(key, "must be a map");
        }
        return new StrictYaml(resource, path(key), m);
    }

    /** A list of maps. */
    public List<StrictYaml> maps(String key) {
        List<StrictYaml> out = new ArrayList<>();
        List<?> list = rawList(key);
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw fail(key + "[" + i + "]", "must be a map");
            }
            out.add(new StrictYaml(resource, path(key + "[" + i + "]"), m));
        }
        return out;
    }

    /** A list of strings; an absent key is the empty list. */
    public List<String> strings(String key) {
        if (!map.containsKey(key)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        List<?> list = rawList(key);
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw fail(key + "[" + i + "]", "must be a string (quote it)");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** A map of string to string, in file order. */
    public Map<String, String> stringMap(String key) {
        StrictYaml m = map(key);
        Map<String, String> out = new LinkedHashMap<>();
        for (Object k : m.map.keySet()) {
            out.put(String.valueOf(k), m.string(String.valueOf(k)));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The keys of this map, in file order. */
    public List<String> keyList() {
        return map.keySet().stream().map(String::valueOf).toList();
    }

    private List<?> rawList(String key) {
        if (!(map.get(key) instanceof List<?> list)) {
            throw fail(key, "must be a list");
        }
        return list;
    }

    private String path(String key) {
        return where.isEmpty() ? key : where + "." + key;
    }

    private IllegalStateException fail(String key, String what) {
        return new IllegalStateException(resource + ": key '" + path(key) + "' " + what);
    }
}
