package io.github.apimupgrade.core.config.toml;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.toml.TomlLayout.Header;
import io.github.apimupgrade.core.config.toml.TomlLayout.KeyValue;
import io.github.apimupgrade.core.config.toml.TomlLayout.Seg;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Format-preserving editor for a {@code deployment.toml}.
 *
 * <p>Why hand-written: Java TOML libraries parse (tomlj, which this class uses to validate every input and every
 * result) or serialise a whole document, but none edits a document in place keeping its comments, key order and
 * spacing. Users' deployment.toml files are hand-edited and commented, and the upgrade must change only the keys the
 * seed guide asks for. So this class locates the exact character span of each header and key/value (see
 * {@link TomlLayout}) and rewrites only that span:
 * <ul>
 *   <li>an existing key's value is replaced in place (its key text, spacing and trailing comment untouched);</li>
 *   <li>a missing key goes after the last key line of its table;</li>
 *   <li>a missing table is added next to the tables it shares a prefix with (else in the usual deployment.toml
 *       order), and never after {@code [secrets]}, which must stay last;</li>
 *   <li>setting a value the file already has changes nothing (idempotent);</li>
 *   <li>every result is re-parsed with tomlj: an edit that would produce invalid TOML fails instead.</li>
 * </ul>
 *
 * <p>Paths: {@code table} is a dotted TOML key ("" for the top level, "apim.sync_runtime_artifacts.gateway",
 * "database.apim_db.pool_options"); {@code key} is a TOML key, quoted when it contains dots
 * ({@code "'header.X-WSO2-KEY-MANAGER'"}, see {@link #quote(String)}) and dotted when it spans tables
 * ({@code "pool.max_idle"}). As in a TOML header, a table path through an array of tables means its last element;
 * use the {@code *InArray} methods to address an element by index.
 */
public final class TomlEditor {
    /** Top-level table groups in the order the stock file and the WSO2 docs use; new tables follow it. */
    private static final List<String> GROUP_ORDER = List.of(
            "server", "super_admin", "user_store", "realm_manager", "authorization_manager", "database",
            "keystore", "truststore");
    private static final String SECRETS = "secrets";

    /** A byte-order mark some Windows editors write: not TOML (tomlj rejects it), kept as it was. */
    private static final String BOM = "\uFEFF";

    private final String sourceName;
    private final String bom;
    private final String original;
    private final String newline;
    private String text;
    private TomlLayout layout;

    private TomlEditor(String text, String sourceName) {
        this.sourceName = sourceName;
        this.bom = text.startsWith(BOM) ? BOM : "";
        this.original = text.substring(bom.length());
        this.text = original;
        this.newline = detectNewline(original);
        this.layout = TomlLayout.scan(original);
    }

    /**
     * Parses {@code text}; malformed TOML fails with {@link ErrorCode#MALFORMED_FILE} naming
     * {@code sourceName:line:column}.
     */
    public static TomlEditor parse(String text, String sourceName) {
        TomlParseResult result = Toml.parse(text.startsWith(BOM) ? text.substring(1) : text);
        if (result.hasErrors()) {
            TomlParseError e = result.errors().get(0);
            String where = sourceName + ":" + e.position().line() + ":" + e.position().column();
            throw UpgradeException.user(ErrorCode.MALFORMED_FILE, "Malformed TOML at " + where + ": " + e.getMessage()
                            + (result.errors().size() > 1 ? " (and " + (result.errors().size() - 1) + " more errors)" : ""),
                    where, "Fix the TOML syntax at " + where + " and run again.", e);
        }
        return new TomlEditor(text, sourceName);
    }

    /** A key part quoted for use in {@code key}/{@code table} arguments: {@code header.X} -> {@code 'header.X'}. */
    public static String quote(String keyPart) {
        return TomlText.key(keyPart);
    }

    public String sourceName() {
        return sourceName;
    }

    /** The text as parsed. */
    public String originalText() {
        return bom + original;
    }

    public boolean changed() {
        return !text.equals(original);
    }

    /** The edited text, re-validated with tomlj (an invalid result is a bug and fails). */
    public String text() {
        validate(text, "the final text");
        return bom + text;
    }

    // ---------------------------------------------------------------- reading

    /**
     * The value at {@code table}/{@code key}: String, Long, Boolean, Double, a temporal type, List (arrays) or
     * Map (tables); empty when absent.
     */
    public Optional<Object> get(String table, String key) {
        List<Seg> target = target(layout.resolve(tableParts(table)), keyParts(key));
        KeyValue kv = find(target);
        if (kv != null) {
            return Optional.ofNullable(valueOf(kv));
        }
        // values inside inline tables, or whole tables
        if (target.stream().anyMatch(s -> s.index() >= 0)) {
            return Optional.empty();
        }
        TomlParseResult parsed = Toml.parse(text);
        return Optional.ofNullable(parsed.get(target.stream().map(Seg::name).toList())).map(TomlText::plain);
    }

    public Optional<String> getString(String table, String key) {
        return get(table, key).map(v -> v instanceof String s ? s : String.valueOf(v));
    }

    public Optional<Long> getLong(String table, String key) {
        return get(table, key).filter(Long.class::isInstance).map(Long.class::cast);
    }

    public Optional<Boolean> getBoolean(String table, String key) {
        return get(table, key).filter(Boolean.class::isInstance).map(Boolean.class::cast);
    }

    /** An array of strings (a single string reads as a one-element list, as WSO2's templates treat it). */
    public List<String> getStringList(String table, String key) {
        return get(table, key).map(TomlEditor::asStringList).orElse(List.of());
    }

    /** True when a {@code [table]} header or any key under the table exists. */
    public boolean hasTable(String table) {
        List<Seg> path = layout.resolve(tableParts(table));
        return layout.headers().stream().anyMatch(h -> startsWith(h.path(), path))
                || layout.keyValues().stream().anyMatch(kv -> startsWith(kv.absPath(), path)
                && kv.absPath().size() > path.size());
    }

    // ---------------------------------------------------------------- arrays of tables

    /** Number of {@code [[table]]} elements. */
    public int arraySize(String table) {
        return layout.arrayCount(tableParts(table));
    }

    public Optional<Object> getInArray(String table, int index, String key) {
        KeyValue kv = find(target(element(table, index), keyParts(key)));
        return kv == null ? Optional.empty() : Optional.ofNullable(valueOf(kv));
    }

    public Optional<String> getStringInArray(String table, int index, String key) {
        return getInArray(table, index, key).map(String::valueOf);
    }

    /** Sets {@code key} in the {@code index}-th {@code [[table]]} element (in place when it exists). */
    public TomlEditor setInArray(String table, int index, String key, Object value) {
        String rendered = TomlText.value(value);
        List<Seg> element = element(table, index);
        List<String> keyParts = keyParts(key);
        KeyValue kv = find(target(element, keyParts));
        if (kv != null) {
            return replaceValue(kv, value, rendered);
        }
        int header = headerIndex(element);
        int at = sectionEnd(header);
        return insert(at, TomlText.keyPath(keyParts) + " = " + rendered + newline, "set " + key + " in " + table
                + "[" + index + "]");
    }

    /** Appends a {@code [[table]]} element with the given keys (in map order) after the last element. */
    public TomlEditor appendToArray(String table, Map<String, ?> keys) {
        List<String> parts = tableParts(table);
        StringBuilder block = new StringBuilder("[[").append(TomlText.keyPath(parts)).append("]]").append(newline);
        keys.forEach((k, v) -> block.append(TomlText.keyPath(keyParts(k))).append(" = ")
                .append(TomlText.value(v)).append(newline));
        int count = layout.arrayCount(parts);
        if (count == 0) {
            List<Seg> path = layout.resolve(parts.subList(0, parts.size() - 1));
            path = new ArrayList<>(path);
            path.add(Seg.key(parts.get(parts.size() - 1)));
            return insertBlock(newTablePosition(path), block.toString(), "add [[" + table + "]]");
        }
        List<Seg> last = element(table, count - 1);
        int i = headerIndex(last);
        while (i + 1 < layout.headers().size() && startsWith(layout.headers().get(i + 1).path(), last)) {
            i++;
        }
        return insertBlock(new Position(sectionEnd(i)), block.toString(), "append to [[" + table + "]]");
    }

    // ---------------------------------------------------------------- writing

    /**
     * Sets {@code table}/{@code key} to a String, Long/Integer, Boolean, Double or List of those. An existing key
     * is updated in place; a missing key or table is added (see the class comment).
     */
    public TomlEditor set(String table, String key, Object value) {
        String rendered = TomlText.value(value);
        List<String> tableParts = tableParts(table);
        if (!tableParts.isEmpty() && layout.isArrayOfTables(tableParts)) {
            throw new IllegalArgumentException("[[" + table + "]] is an array of tables: use setInArray");
        }
        List<String> keyParts = keyParts(key);
        List<String> full = new ArrayList<>(tableParts);
        full.addAll(keyParts);
        if (layout.isArrayOfTables(full)) {
            throw new IllegalArgumentException("[[" + Toml.joinKeyPath(full) + "]] is an array of tables, not a value");
        }
        List<Seg> tablePath = layout.resolve(tableParts);
        KeyValue kv = find(target(tablePath, keyParts));
        if (kv != null) {
            return replaceValue(kv, value, rendered);
        }
        // a dotted key reaching into a table that has its own [header] belongs under that header
        for (int k = keyParts.size() - 1; k >= 1; k--) {
            List<String> inner = new ArrayList<>(tableParts);
            inner.addAll(keyParts.subList(0, k));
            if (!layout.isArrayOfTables(inner) && headerIndex(layout.resolve(inner)) >= 0) {
                return set(Toml.joinKeyPath(inner), Toml.joinKeyPath(keyParts.subList(k, keyParts.size())), value);
            }
        }
        String what = "set " + (table.isEmpty() ? "" : "[" + table + "] ") + key;
        int header = headerIndex(tablePath);
        if (header >= 0) {
            return insert(sectionEnd(header), TomlText.keyPath(keyParts) + " = " + rendered + newline, what);
        }
        if (tablePath.isEmpty()) {
            return insertTopLevel(TomlText.keyPath(keyParts) + " = " + rendered + newline, what);
        }
        // a table that exists only through dotted keys (pool.max_idle = ...) must be extended with dotted keys
        KeyValue lastDotted = null;
        for (KeyValue other : layout.keyValues()) {
            int sectionDepth = other.section() < 0 ? 0 : layout.headers().get(other.section()).path().size();
            if (sectionDepth < tablePath.size() && startsWith(other.absPath(), tablePath)) {
                if (other.absPath().size() == tablePath.size()) {
                    throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, sourceName + ": '" + table
                                    + "' is a value (an inline table?), so '" + key + "' cannot be added to it",
                            sourceName, "Write the table as a [" + table + "] section, then run again.");
                }
                lastDotted = other;
            }
        }
        if (lastDotted != null) {
            List<Seg> sectionPath = lastDotted.section() < 0 ? List.of()
                    : layout.headers().get(lastDotted.section()).path();
            List<String> rel = new ArrayList<>(tableParts.subList(sectionPath.size(), tableParts.size()));
            rel.addAll(keyParts);
            return insert(lastDotted.end(), TomlText.keyPath(rel) + " = " + rendered + newline, what);
        }
        String block = "[" + TomlText.keyPath(tableParts) + "]" + newline
                + TomlText.keyPath(keyParts) + " = " + rendered + newline;
        return insertBlock(newTablePosition(tablePath), block, what);
    }

    /** Sets several keys of one table, in map order. */
    public TomlEditor setAll(String table, Map<String, ?> values) {
        values.forEach((k, v) -> set(table, k, v));
        return this;
    }

    /** Removes the key's line(s); nothing happens when it is absent. */
    /**
     * Removes the {@code [table]} header when no key is left under it (after {@link #remove}), with the blank line
     * after it; a table with keys, an array element or an absent table is left alone.
     */
    public TomlEditor removeEmptyTable(String table) {
        List<Seg> path = layout.resolve(tableParts(table));
        List<TomlLayout.Header> headers = layout.headers();
        for (int i = 0; i < headers.size(); i++) {
            TomlLayout.Header h = headers.get(i);
            if (!h.array() && h.path().equals(path) && layout.keyValuesOf(i).isEmpty()) {
                int end = h.end();
                while (end < text.length() && text.charAt(end) != '\n') {
                    end++;
                }
                end = Math.min(text.length(), end + 1);
                if (end < text.length() && text.charAt(end) == '\n') {
                    end++;
                }
                return apply(text.substring(0, h.start()) + text.substring(end), "remove empty [" + table + "]");
            }
        }
        return this;
    }

    public TomlEditor remove(String table, String key) {
        KeyValue kv = find(target(layout.resolve(tableParts(table)), keyParts(key)));
        if (kv == null) {
            return this;
        }
        return apply(text.substring(0, kv.start()) + text.substring(kv.end()), "remove " + key);
    }

    // ---------------------------------------------------------------- internals

    private TomlEditor replaceValue(KeyValue kv, Object value, String rendered) {
        if (TomlText.sameValue(valueOf(kv), value)) {
            return this;
        }
        return apply(text.substring(0, kv.valueStart()) + rendered + text.substring(kv.valueEnd()),
                "update " + String.join(".", kv.keyPath()));
    }

    private TomlEditor insert(int at, String line, String what) {
        String prefix = at == text.length() && !text.isEmpty() && !endsWithNewline(text) ? newline : "";
        return apply(text.substring(0, at) + prefix + line + text.substring(at), what);
    }

    /** Offset where a new table block goes. */
    private record Position(int offset) {
    }

    /** Inserts a table block with a blank line before it and, when something follows, after it. */
    private TomlEditor insertBlock(Position p, String block, String what) {
        int at = p.offset();
        StringBuilder sb = new StringBuilder();
        if (at == text.length() && !text.isEmpty() && !endsWithNewline(text)) {
            sb.append(newline);
        }
        if (at > 0 && !previousLineBlank(at)) {
            sb.append(newline);
        }
        sb.append(block);
        if (at < text.length() && !lineBlank(at)) {
            sb.append(newline);
        }
        return apply(text.substring(0, at) + sb + text.substring(at), what);
    }

    private TomlEditor insertTopLevel(String line, String what) {
        List<KeyValue> top = layout.keyValuesOf(-1);
        if (!top.isEmpty()) {
            return insert(top.get(top.size() - 1).end(), line, what);
        }
        if (layout.headers().isEmpty()) {
            return insert(text.length(), line, what);
        }
        int at = commentBlockStart(layout.headers().get(0).start());
        return apply(text.substring(0, at) + line + newline + text.substring(at), what);
    }

    /** Where a new table goes: after the run of tables sharing its longest prefix, else by group order. */
    private Position newTablePosition(List<Seg> path) {
        List<Header> headers = layout.headers();
        boolean underSecrets = path.get(0).name().equals(SECRETS);
        int best = 0;
        for (Header h : headers) {
            best = Math.max(best, commonPrefix(h.path(), path));
        }
        if (best > 0) {
            int first = -1;
            for (int i = 0; i < headers.size(); i++) {
                if (commonPrefix(headers.get(i).path(), path) >= best) {
                    first = i;
                    break;
                }
            }
            int last = first;
            while (last + 1 < headers.size() && commonPrefix(headers.get(last + 1).path(), path) >= best
                    && (underSecrets || !isSecrets(headers.get(last + 1)))) {
                last++;
            }
            return new Position(sectionEnd(last));
        }
        int rank = GROUP_ORDER.indexOf(path.get(0).name());
        if (rank >= 0) {
            for (int r = rank - 1; r >= 0; r--) {
                int run = lastOfFirstRun(GROUP_ORDER.get(r));
                if (run >= 0) {
                    return new Position(sectionEnd(run));
                }
            }
            for (int r = rank + 1; r < GROUP_ORDER.size(); r++) {
                for (Header h : headers) {
                    if (h.path().get(0).name().equals(GROUP_ORDER.get(r))) {
                        return new Position(commentBlockStart(h.start()));
                    }
                }
            }
        }
        for (Header h : headers) {
            if (isSecrets(h) && !underSecrets) {
                return new Position(commentBlockStart(h.start()));
            }
        }
        return new Position(text.length());
    }

    private int lastOfFirstRun(String group) {
        List<Header> headers = layout.headers();
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).path().get(0).name().equals(group)) {
                int j = i;
                while (j + 1 < headers.size() && headers.get(j + 1).path().get(0).name().equals(group)) {
                    j++;
                }
                return j;
            }
        }
        return -1;
    }

    private static boolean isSecrets(Header h) {
        return h.path().get(0).name().equals(SECRETS);
    }

    /** Offset after the last key line of a section (after its header when it has none). */
    private int sectionEnd(int header) {
        List<KeyValue> kvs = layout.keyValuesOf(header);
        return kvs.isEmpty() ? layout.headers().get(header).end() : kvs.get(kvs.size() - 1).end();
    }

    /** Start of the comment lines directly above {@code lineStart} (no blank line between), so they stay attached. */
    private int commentBlockStart(int lineStart) {
        int at = lineStart;
        while (at > 0) {
            int prevStart = lineStartBefore(at);
            String prev = text.substring(prevStart, at).strip();
            if (!prev.startsWith("#")) {
                break;
            }
            at = prevStart;
        }
        return at;
    }

    private int lineStartBefore(int lineStart) {
        int i = lineStart - 1; // the previous line's '\n'
        while (i > 0 && text.charAt(i - 1) != '\n') {
            i--;
        }
        return Math.max(i, 0);
    }

    private boolean previousLineBlank(int lineStart) {
        return text.substring(lineStartBefore(lineStart), lineStart).isBlank();
    }

    private boolean lineBlank(int lineStart) {
        int end = text.indexOf('\n', lineStart);
        return text.substring(lineStart, end < 0 ? text.length() : end).isBlank();
    }

    private TomlEditor apply(String newText, String what) {
        validate(newText, what);
        text = newText;
        layout = TomlLayout.scan(newText);
        return this;
    }

    private void validate(String candidate, String what) {
        TomlParseResult r = Toml.parse(candidate);
        if (r.hasErrors()) {
            TomlParseError e = r.errors().get(0);
            throw new UpgradeException(ErrorCode.INTERNAL, UpgradeException.Kind.ENVIRONMENT,
                    "Editing " + sourceName + " (" + what + ") would produce invalid TOML at line "
                            + e.position().line() + ": " + e.getMessage() + "; the file was not changed",
                    sourceName, "This is a bug in apim-upgrade: please report it with the deployment.toml "
                    + "(passwords removed), and make this change by hand meanwhile.", e);
        }
    }

    private Object valueOf(KeyValue kv) {
        TomlParseResult r = Toml.parse("v = " + text.substring(kv.valueStart(), kv.valueEnd()));
        return TomlText.plain(r.get(List.of("v")));
    }

    private KeyValue find(List<Seg> target) {
        for (KeyValue kv : layout.keyValues()) {
            if (kv.absPath().equals(target)) {
                return kv;
            }
        }
        return null;
    }

    private int headerIndex(List<Seg> path) {
        List<Header> headers = layout.headers();
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).path().equals(path)) {
                return i;
            }
        }
        return -1;
    }

    private List<Seg> element(String table, int index) {
        List<String> parts = tableParts(table);
        int count = layout.arrayCount(parts);
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("[[" + table + "]] has " + count + " elements, no index " + index);
        }
        List<Seg> path = new ArrayList<>(layout.resolve(parts.subList(0, parts.size() - 1)));
        path.add(new Seg(parts.get(parts.size() - 1), index));
        return path;
    }

    private static List<Seg> target(List<Seg> table, List<String> key) {
        List<Seg> out = new ArrayList<>(table);
        key.forEach(k -> out.add(Seg.key(k)));
        return out;
    }

    private static List<String> tableParts(String table) {
        return table == null || table.isBlank() ? List.of() : Toml.parseDottedKey(table);
    }

    private static List<String> keyParts(String key) {
        return Toml.parseDottedKey(key);
    }

    private static boolean startsWith(List<Seg> path, List<Seg> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    private static int commonPrefix(List<Seg> a, List<Seg> b) {
        int n = 0;
        while (n < a.size() && n < b.size() && a.get(n).equals(b.get(n))) {
            n++;
        }
        return n;
    }

    private static List<String> asStringList(Object v) {
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(v));
    }

    private static boolean endsWithNewline(String s) {
        return s.endsWith("\n");
    }

    private static String detectNewline(String s) {
        int lf = s.indexOf('\n');
        return lf > 0 && s.charAt(lf - 1) == '\r' ? "\r\n" : "\n";
    }
}
