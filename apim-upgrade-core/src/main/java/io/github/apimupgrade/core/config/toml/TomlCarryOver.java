package io.github.apimupgrade.core.config.toml;

import io.github.apimupgrade.core.api.UpgradeException;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Carries the operator's settings from an old deployment.toml into the new version's file, key by key, through a {@link TomlEditor} (so comments and untouched lines stay byte-identical):
 * <ul>
 *   <li>every leaf key of the old file is set in the new one: updated in place where the new file has it, added
 *       (to its table, or a new table) where the key belongs to a table the new version knows ({@link KnownTomlKeys}, from
 *       its configuration sources) or to a table the new file already has;</li>
 *   <li>arrays of tables ({@code [[apim.gateway.environment]]}, ...) are matched element by element by their
 *       {@code name} key (else by position); extra old elements are appended;</li>
 *   <li>{@code [database.*]} of a type other than H2 and MySQL gets {@code driver} and {@code validationQuery} when
 *       it has none (seed 004, step 1.3);</li>
 *   <li>anything else (an unknown table, a value the editor cannot place) is reported, with the old file's line,
 *       as a manual action: nothing is silently dropped.</li>
 * </ul>
 * Values are copied verbatim, {@code $secret{alias}} references included (the secure vault is a manual action of
 * prepare-config).
 */
public final class TomlCarryOver {
    private static final Map<String, String[]> DRIVERS = Map.of(
            "postgre", new String[] {"org.postgresql.Driver", "SELECT 1"},
            "postgresql", new String[] {"org.postgresql.Driver", "SELECT 1"},
            "mssql", new String[] {"com.microsoft.sqlserver.jdbc.SQLServerDriver", "SELECT 1"},
            "oracle", new String[] {"oracle.jdbc.driver.OracleDriver", "SELECT 1 FROM DUAL"},
            "db2", new String[] {"com.ibm.db2.jcc.DB2Driver", "SELECT 1 FROM SYSIBM.SYSDUMMY1"},
            "mariadb", new String[] {"org.mariadb.jdbc.Driver", "SELECT 1"});

    /** A key the carry-over could not place. */
    public record Unplaced(String key, String where, String why) {
    }

    /**
     * What was carried.
     *
     * @param updated  keys changed in place ("[database.apim_db] url")
     * @param added    keys (or array elements) added
     * @param unchanged number of keys that already had the old value
     * @param unplaced keys left for the operator
     * @param secureVault the old file has a [secrets] table: its values were carried, but the seed asks to run
     *                    {@code ciphertool.sh -Dconfigure} on the new home (with the old keystores copied)
     * @param keptDefaults keys of a matched array element (a gateway environment, ...) that the old element did not
     *                    have, so they keep the new file's stock value (often a localhost URL): worth a look
     */
    public record Result(List<String> updated, List<String> added, int unchanged, List<Unplaced> unplaced,
                         boolean secureVault, List<String> keptDefaults, List<String> stockNotCarried) {
        public boolean changed() {
            return !updated.isEmpty() || !added.isEmpty();
        }
    }

    private final TomlParseResult old;
    private final String oldName;
    private final TomlEditor target;
    private final List<String> updated = new ArrayList<>();
    private final List<String> added = new ArrayList<>();
    private final List<Unplaced> unplaced = new ArrayList<>();
    private final List<String> keptDefaults = new ArrayList<>();
    private final List<String> stockNotCarried = new ArrayList<>();
    private final TomlParseResult stock;
    private final KnownTomlKeys known;
    private int unchanged;

    private TomlCarryOver(TomlParseResult old, String oldName, TomlEditor target, KnownTomlKeys known,
                          TomlParseResult stock) {
        this.old = old;
        this.known = known;
        this.oldName = oldName;
        this.target = target;
        this.stock = stock;
    }

    /**
     * The values a version ships in its deployment.toml ({@code stock/deployment-<version>.toml} next to this class),
     * when the plugin has them.
     */
    public static Optional<TomlParseResult> stock(String version) {
        try (var in = TomlCarryOver.class.getResourceAsStream("stock/deployment-" + version + ".toml")) {
            if (in == null) {
                return Optional.empty();
            }
            TomlParseResult t = Toml.parse(in);
            if (t.hasErrors()) {
                throw new IllegalStateException("stock/deployment-" + version + ".toml: " + t.errors());
            }
            return Optional.of(t);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Carries {@code old} (named {@code oldName} in messages) into {@code target}, which is edited in place; keys
     * outside the tables {@code known} lists (and the target has not) are left for the operator.
     */
    public static Result carry(TomlParseResult old, String oldName, TomlEditor target, KnownTomlKeys known) {
        return carry(old, oldName, target, known, null);
    }

    /**
     * As {@link #carry(TomlParseResult, String, TomlEditor, KnownTomlKeys)}, but a key whose old value is still the
     * old version's stock value ({@code stock}, see {@link #stock}) is not carried: the new version's value stands.
     */
    public static Result carry(TomlParseResult old, String oldName, TomlEditor target, KnownTomlKeys known,
                               TomlParseResult stock) {
        if (old.hasErrors()) {
            throw new IllegalArgumentException("parse errors in " + oldName + ": validate it before carrying it");
        }
        TomlCarryOver c = new TomlCarryOver(old, oldName, target, known, stock);
        c.walk(old, List.of());
        c.databaseDrivers();
        return new Result(List.copyOf(c.updated), List.copyOf(c.added), c.unchanged, List.copyOf(c.unplaced),
                old.getTable("secrets") != null && !old.getTable("secrets").isEmpty(), List.copyOf(c.keptDefaults),
                List.copyOf(c.stockNotCarried));
    }

    private void walk(TomlTable table, List<String> path) {
        for (String key : table.keySet()) {
            List<String> p = append(path, key);
            Object v = table.get(List.of(key));
            if (v instanceof TomlTable t) {
                walk(t, p);
            } else if (v instanceof TomlArray a && tables(a)) {
                carryArray(a, p);
            } else {
                carryValue(path, key, v);
            }
        }
    }

    private void carryValue(List<String> tablePath, String key, Object raw) {
        List<String> full = append(tablePath, key);
        Optional<Object> value = plain(raw);
        if (value.isEmpty()) {
            unplace(full, "its value type (" + raw.getClass().getSimpleName() + ") is not carried automatically");
            return;
        }
        if (stock != null && plain(stockValue(full)).equals(value) && value.isPresent()) {
            stockNotCarried.add(display(tablePath, key));
            return;
        }
        String table = path(tablePath);
        String k = TomlEditor.quote(key);
        Optional<Object> before = target.get(table, k);
        if (before.isEmpty() && !known(tablePath)) {
            unplace(full, known.version() + " does not know [" + (tablePath.isEmpty() ? key : tablePath.get(0)) + "]");
            return;
        }
        try {
            String textBefore = target.text();
            target.set(table, k, value.get());
            record(before.isPresent(), !target.text().equals(textBefore), display(tablePath, key));
        } catch (UpgradeException | IllegalArgumentException e) {
            unplace(full, e.getMessage());
        }
    }

    private void carryArray(TomlArray array, List<String> path) {
        String table = path(path);
        if (!known(path) && target.arraySize(table) == 0) {
            unplace(path, known.version() + " does not know [[" + String.join(".", path) + "]]");
            return;
        }
        int newSize = target.arraySize(table);
        boolean byName = true;
        for (int i = 0; i < array.size(); i++) {
            byName &= array.getTable(i).get("name") instanceof String;
        }
        for (int i = 0; i < array.size(); i++) {
            TomlTable element = array.getTable(i);
            Map<String, Object> leaves = new LinkedHashMap<>();
            if (!flatten(element, List.of(), leaves, append(path, "[" + i + "]"))) {
                continue;
            }
            int index = byName ? indexByName(table, newSize, (String) element.get("name")) : (i < newSize ? i : -1);
            String label = "[[" + table + "]] #" + (i + 1)
                    + (element.get("name") instanceof String n ? " (" + n + ")" : "");
            try {
                if (index < 0) {
                    target.appendToArray(table, leaves);
                    added.add(label);
                    continue;
                }
                for (Map.Entry<String, Object> e : leaves.entrySet()) {
                    Optional<Object> before = target.getInArray(table, index, e.getKey());
                    String textBefore = target.text();
                    target.setInArray(table, index, e.getKey(), e.getValue());
                    record(before.isPresent(), !target.text().equals(textBefore), label + " " + e.getKey());
                }
                TomlArray now = Toml.parse(target.text()).getArray(path);
                if (now != null && index < now.size()) {
                    now.getTable(index).dottedKeySet().stream()
                            .filter(k -> !leaves.containsKey(quoteDotted(k)))
                            .forEach(k -> keptDefaults.add(label + " " + k));
                }
            } catch (UpgradeException | IllegalArgumentException e) {
                unplace(append(path, "[" + i + "]"), e.getMessage());
            }
        }
    }

    /** Dotted key -> value for an array element's leaves; false (and reported) when one cannot be carried. */
    private boolean flatten(TomlTable t, List<String> prefix, Map<String, Object> out, List<String> where) {
        for (String key : t.keySet()) {
            Object v = t.get(List.of(key));
            List<String> p = append(prefix, key);
            if (v instanceof TomlTable sub) {
                if (!flatten(sub, p, out, where)) {
                    return false;
                }
            } else {
                Optional<Object> value = v instanceof TomlArray a && tables(a) ? Optional.empty() : plain(v);
                if (value.isEmpty()) {
                    unplace(where, "the element's key " + String.join(".", p) + " cannot be carried automatically");
                    return false;
                }
                out.put(p.stream().map(TomlEditor::quote).reduce((a, b) -> a + "." + b).orElseThrow(), value.get());
            }
        }
        return true;
    }

    private int indexByName(String table, int size, String name) {
        for (int j = 0; j < size; j++) {
            if (Objects.equals(target.getStringInArray(table, j, "name").orElse(null), name)) {
                return j;
            }
        }
        return -1;
    }

    /** Seed 004 step 1.3: types other than H2 and MySQL need driver and validationQuery. */
    private void databaseDrivers() {
        TomlTable dbs = old.getTable("database");
        if (dbs == null) {
            return;
        }
        for (String name : dbs.keySet()) {
            if (!(dbs.get(List.of(name)) instanceof TomlTable db) || !(db.get("type") instanceof String type)) {
                continue;
            }
            String[] d = DRIVERS.get(type.toLowerCase(Locale.ROOT));
            if (d == null) {
                continue;
            }
            String table = "database." + TomlEditor.quote(name);
            if (target.get(table, "driver").isEmpty()) {
                target.set(table, "driver", d[0]);
                added.add("[" + table + "] driver (seed 004: required for " + type + ")");
            }
            if (target.get(table, "validationQuery").isEmpty()) {
                target.set(table, "validationQuery", d[1]);
                added.add("[" + table + "] validationQuery (seed 004: required for " + type + ")");
            }
        }
    }

    private Object stockValue(List<String> path) {
        try {
            Object v = stock.get(path);
            return v == null ? "\u0000absent" : v;
        } catch (IllegalArgumentException e) {
            return "\u0000absent";
        }
    }

    private void record(boolean existed, boolean changed, String label) {
        if (!changed) {
            unchanged++;
        } else if (existed) {
            updated.add(label);
        } else {
            added.add(label);
        }
    }

    private boolean known(List<String> tablePath) {
        return !tablePath.isEmpty() && (known.knows(tablePath) || target.hasTable(path(tablePath)));
    }

    private void unplace(List<String> path, String why) {
        TomlPosition pos = null;
        try {
            pos = old.inputPositionOf(path.stream().filter(s -> !s.startsWith("[")).toList());
        } catch (IllegalArgumentException e) {
            // an array element path: no position
        }
        unplaced.add(new Unplaced(String.join(".", path), oldName + (pos == null ? "" : ":" + pos.line()), why));
    }

    /** tomlj value -> what TomlEditor writes; empty for types it does not write (dates, inline tables in arrays). */
    private static Optional<Object> plain(Object v) {
        if (v instanceof String || v instanceof Long || v instanceof Boolean || v instanceof Double) {
            return Optional.of(v);
        }
        if (v instanceof TomlArray a && !tables(a)) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                Optional<Object> e = plain(a.get(i));
                if (e.isEmpty()) {
                    return Optional.empty();
                }
                list.add(e.get());
            }
            return Optional.of(list);
        }
        return Optional.empty();
    }

    private static String quoteDotted(String dottedKey) {
        return String.join(".", Arrays.stream(dottedKey.split("\\.")).map(TomlEditor::quote).toList());
    }

    /** An array of tables (tomlj's containsTables() is deprecated: arrays are heterogeneous). */
    private static boolean tables(TomlArray a) {
        if (a.isEmpty()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!(a.get(i) instanceof TomlTable)) {
                return false;
            }
        }
        return true;
    }

    private static String display(List<String> tablePath, String key) {
        return (tablePath.isEmpty() ? "" : "[" + path(tablePath) + "] ") + TomlEditor.quote(key);
    }

    private static String path(List<String> parts) {
        return String.join(".", parts.stream().map(TomlEditor::quote).toList());
    }

    private static List<String> append(List<String> path, String key) {
        List<String> out = new ArrayList<>(path);
        out.add(key);
        return out;
    }
}
