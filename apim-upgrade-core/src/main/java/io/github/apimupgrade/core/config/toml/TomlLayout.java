package io.github.apimupgrade.core.config.toml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The physical layout of a TOML text: every table header and key/value line with its character offsets, and the
 * absolute (array-element aware) path each one defines. {@link TomlEditor} edits the text by replacing exactly
 * these spans, so everything else stays byte-identical.
 *
 * <p>The scanner assumes the text is valid TOML (tomlj checks it first); it only has to find boundaries, not to
 * report errors.
 */
final class TomlLayout {

    /** One step of an absolute path: a key, or the n-th element of an array of tables ({@code index >= 0}). */
    record Seg(String name, int index) {
        static Seg key(String name) {
            return new Seg(name, -1);
        }

        boolean sameName(Seg o) {
            return name.equals(o.name);
        }
    }

    /** A {@code [table]} or {@code [[array]]} header line. */
    record Header(int start, int end, boolean array, List<Seg> path) {
    }

    /**
     * A key/value line (possibly spanning several lines for multi-line values).
     *
     * @param start      offset of the line's first character
     * @param end        offset after the line's newline (or the end of text)
     * @param section    index into {@link #headers()}, -1 for top level
     * @param keyPath    the key as written (dotted keys give several parts)
     * @param absPath    section path + key path
     * @param valueStart offset of the value's first character
     * @param valueEnd   offset after the value's last character
     */
    record KeyValue(int start, int end, int section, List<String> keyPath, List<Seg> absPath,
                    int valueStart, int valueEnd) {
    }

    private final String text;
    private final List<Header> headers = new ArrayList<>();
    private final List<KeyValue> keyValues = new ArrayList<>();
    /** Array-of-tables path (last segment without index) -> number of elements seen. */
    private final Map<List<Seg>, Integer> arrayCounts = new HashMap<>();
    private int pos;

    private TomlLayout(String text) {
        this.text = text;
    }

    static TomlLayout scan(String text) {
        TomlLayout l = new TomlLayout(text);
        l.scanAll();
        return l;
    }

    List<Header> headers() {
        return headers;
    }

    List<KeyValue> keyValues() {
        return keyValues;
    }

    String text() {
        return text;
    }

    /**
     * Resolves a table path as a header written at the end of the text would: every segment that names an array of
     * tables refers to its last element.
     */
    List<Seg> resolve(List<String> path) {
        List<Seg> out = new ArrayList<>();
        for (String name : path) {
            out.add(Seg.key(name));
            Integer count = arrayCounts.get(List.copyOf(out));
            if (count != null) {
                out.set(out.size() - 1, new Seg(name, count - 1));
            }
        }
        return out;
    }

    /** Number of elements of the array of tables at {@code path} (its prefix resolved as {@link #resolve}). */
    int arrayCount(List<String> path) {
        List<Seg> prefix = resolve(path.subList(0, path.size() - 1));
        List<Seg> key = new ArrayList<>(prefix);
        key.add(Seg.key(path.get(path.size() - 1)));
        return arrayCounts.getOrDefault(key, 0);
    }

    boolean isArrayOfTables(List<String> path) {
        return arrayCount(path) > 0;
    }

    /** Key/value lines that belong directly to the given section index (-1: top level). */
    List<KeyValue> keyValuesOf(int section) {
        return keyValues.stream().filter(kv -> kv.section() == section).toList();
    }

    // ---------------------------------------------------------------- scanning

    private void scanAll() {
        int section = -1;
        List<Seg> sectionPath = List.of();
        while (pos < text.length()) {
            int lineStart = pos;
            skipBlanks();
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == '\n' || c == '\r') {
                skipNewline();
            } else if (c == '#') {
                skipToLineEnd();
                skipNewline();
            } else if (c == '[') {
                boolean array = pos + 1 < text.length() && text.charAt(pos + 1) == '[';
                pos += array ? 2 : 1;
                List<String> names = readKey();
                skipBlanks();
                pos += array ? 2 : 1; // ] or ]]
                finishLine();
                List<Seg> path = array ? arrayPath(names) : resolve(names);
                headers.add(new Header(lineStart, pos, array, path));
                section = headers.size() - 1;
                sectionPath = path;
            } else {
                List<String> key = readKey();
                skipBlanks();
                pos++; // '='
                skipBlanks();
                int valueStart = pos;
                skipValue();
                int valueEnd = pos;
                finishLine();
                List<Seg> abs = new ArrayList<>(sectionPath);
                key.forEach(k -> abs.add(Seg.key(k)));
                keyValues.add(new KeyValue(lineStart, pos, section, List.copyOf(key), List.copyOf(abs),
                        valueStart, valueEnd));
            }
        }
    }

    private List<Seg> arrayPath(List<String> names) {
        List<Seg> prefix = resolve(names.subList(0, names.size() - 1));
        List<Seg> key = new ArrayList<>(prefix);
        String last = names.get(names.size() - 1);
        key.add(Seg.key(last));
        int n = arrayCounts.merge(List.copyOf(key), 1, Integer::sum);
        key.set(key.size() - 1, new Seg(last, n - 1));
        return List.copyOf(key);
    }

    /** After a header or value: blanks, an optional comment, the newline. */
    private void finishLine() {
        skipBlanks();
        if (pos < text.length() && text.charAt(pos) == '#') {
            skipToLineEnd();
        }
        skipNewline();
    }

    private void skipBlanks() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void skipToLineEnd() {
        while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
            pos++;
        }
    }

    private void skipNewline() {
        if (pos < text.length() && text.charAt(pos) == '\r') {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '\n') {
            pos++;
        }
    }

    /** Blanks, newlines and comments inside arrays. */
    private void skipInsignificant() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '#') {
                skipToLineEnd();
            } else {
                return;
            }
        }
    }

    /** A possibly dotted key: bare, "basic" or 'literal' parts separated by dots. */
    private List<String> readKey() {
        List<String> parts = new ArrayList<>();
        while (true) {
            skipBlanks();
            char c = text.charAt(pos);
            if (c == '"') {
                int s = pos;
                skipBasicString();
                parts.add(TomlText.unescapeBasic(text.substring(s + 1, pos - 1)));
            } else if (c == '\'') {
                int s = pos;
                skipLiteralString();
                parts.add(text.substring(s + 1, pos - 1));
            } else {
                int s = pos;
                while (pos < text.length() && TomlText.isBareKeyChar(text.charAt(pos))) {
                    pos++;
                }
                parts.add(text.substring(s, pos));
            }
            skipBlanks();
            if (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
            } else {
                return parts;
            }
        }
    }

    private void skipValue() {
        char c = text.charAt(pos);
        if (c == '"') {
            if (text.startsWith("\"\"\"", pos)) {
                skipMultiline("\"\"\"", true);
            } else {
                skipBasicString();
            }
        } else if (c == '\'') {
            if (text.startsWith("'''", pos)) {
                skipMultiline("'''", false);
            } else {
                skipLiteralString();
            }
        } else if (c == '[') {
            pos++;
            while (true) {
                skipInsignificant();
                if (text.charAt(pos) == ']') {
                    pos++;
                    return;
                }
                if (text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                skipValue();
            }
        } else if (c == '{') {
            pos++;
            while (true) {
                skipBlanks();
                char d = text.charAt(pos);
                if (d == '}') {
                    pos++;
                    return;
                }
                if (d == ',') {
                    pos++;
                    continue;
                }
                readKey();
                skipBlanks();
                pos++; // '='
                skipBlanks();
                skipValue();
            }
        } else {
            // number, boolean, date-time (a space may separate date and time: 1979-05-27 07:32:00)
            while (pos < text.length()) {
                char d = text.charAt(pos);
                if (d == ' ' && pos >= 10 && text.charAt(pos - 3) == '-' && pos + 1 < text.length()
                        && Character.isDigit(text.charAt(pos + 1))) {
                    pos++;
                    continue;
                }
                if (d == ' ' || d == '\t' || d == ',' || d == ']' || d == '}' || d == '#' || d == '\r' || d == '\n') {
                    return;
                }
                pos++;
            }
        }
    }

    private void skipBasicString() {
        pos++;
        while (text.charAt(pos) != '"') {
            pos += text.charAt(pos) == '\\' ? 2 : 1;
        }
        pos++;
    }

    private void skipLiteralString() {
        pos++;
        while (text.charAt(pos) != '\'') {
            pos++;
        }
        pos++;
    }

    private void skipMultiline(String delimiter, boolean escapes) {
        pos += 3;
        while (!text.startsWith(delimiter, pos)) {
            pos += escapes && text.charAt(pos) == '\\' ? 2 : 1;
        }
        pos += 3;
        // up to two quotes right before the closing delimiter belong to the content
        int extra = 0;
        while (extra < 2 && pos < text.length() && text.charAt(pos) == delimiter.charAt(0)) {
            pos++;
            extra++;
        }
    }
}
