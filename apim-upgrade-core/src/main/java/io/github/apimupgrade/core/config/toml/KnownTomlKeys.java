package io.github.apimupgrade.core.config.toml;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deployment.toml tables a version knows, from {@code known-keys/<version>.txt} next to this class: one dotted
 * table name per line ({@code apim}, {@code transport.passthru_https}); a table is known when its path starts with
 * a listed one. {@code #} starts a comment; each file names the WSO2 sources it was written from. The carry-over
 * adds an old key to the new file only under a known table (or one the new file already has).
 */
public final class KnownTomlKeys {
    private static final Map<String, KnownTomlKeys> LOADED = new ConcurrentHashMap<>();

    private final String version;
    private final List<List<String>> prefixes;

    private KnownTomlKeys(String version, List<List<String>> prefixes) {
        this.version = version;
        this.prefixes = List.copyOf(prefixes);
    }

    /** The version's list, or empty when the plugin has none for it. */
    public static Optional<KnownTomlKeys> find(String version) {
        KnownTomlKeys k = LOADED.get(version);
        if (k == null) {
            k = read(version).orElse(null);
            if (k != null) {
                LOADED.put(version, k);
            }
        }
        return Optional.ofNullable(k);
    }

    /** The version's list; a version without one is a catalogue defect. */
    public static KnownTomlKeys load(String version) {
        return find(version).orElseThrow(() -> new IllegalStateException("no config/toml/known-keys/" + version + ".txt"));
    }

    /** For tests and tools: a list not read from the classpath. */
    public static KnownTomlKeys of(String version, List<String> tables) {
        return new KnownTomlKeys(version, tables.stream().map(KnownTomlKeys::split).toList());
    }

    public String version() {
        return version;
    }

    /** The listed tables, dotted, in file order. */
    public List<String> tables() {
        return prefixes.stream().map(p -> String.join(".", p)).toList();
    }

    /** True when {@code tablePath} (the path of a table, not of a key in it) lies under a listed table. */
    public boolean knows(List<String> tablePath) {
        for (List<String> p : prefixes) {
            if (tablePath.size() >= p.size() && tablePath.subList(0, p.size()).equals(p)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<KnownTomlKeys> read(String version) {
        try (InputStream in = KnownTomlKeys.class.getResourceAsStream("known-keys/" + version + ".txt")) {
            if (in == null) {
                return Optional.empty();
            }
            List<List<String>> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                int hash = line.indexOf('#');
                String t = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!t.isEmpty()) {
                    out.add(split(t));
                }
            }
            return Optional.of(new KnownTomlKeys(version, out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> split(String dotted) {
        return List.of(dotted.split("\\."));
    }
}
