package io.github.apimupgrade.core.steps.resources.log4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .properties} file as lines, for edits that keep every untouched line byte-identical: logical entries
 * (with backslash continuations) are located by key; values can be replaced, list values appended to, and lines
 * added at the end. Line endings (LF or CRLF) and the final newline are kept.
 */
final class PropertiesLines {

    /** One logical entry: physical lines [first, last], the key and the value (continuations joined). */
    record Entry(int first, int last, String key, String value) {
    }

    private final List<String> lines;
    private final String eol;
    private final boolean finalNewline;
    private Map<String, Entry> entries;

    PropertiesLines(String text) {
        this.eol = text.contains("\r\n") ? "\r\n" : "\n";
        this.finalNewline = text.isEmpty() || text.endsWith("\n");
        String body = finalNewline && !text.isEmpty() ? text.substring(0, text.length() - (text.endsWith("\r\n") ? 2 : 1)) : text;
        this.lines = new ArrayList<>(body.isEmpty() ? List.of() : List.of(body.split("\r?\n", -1)));
        reindex();
    }

    /** Every entry by key, in file order (a repeated key: the last one, as java.util.Properties reads it). */
    Map<String, Entry> entries() {
        return entries;
    }

    String value(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.value();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Replaces the value of {@code key}, keeping the key and separator as written; a continued entry becomes one line. */
    void set(String key, String value) {
        Entry e = entries.get(key);
        if (e == null) {
            throw new IllegalArgumentException("no entry " + key);
        }
        if (e.first() == e.last()) {
            String line = lines.get(e.first());
            lines.set(e.first(), line.substring(0, valueStart(line)) + value);
        } else {
            for (int i = e.last(); i > e.first(); i--) {
                lines.remove(i);
            }
            lines.set(e.first(), key + " = " + value);
        }
        reindex();
    }

    /** Appends {@code ", item"} to a comma-separated list value, on its last physical line. */
    void appendToList(String key, String item) {
        Entry e = entries.get(key);
        if (e == null) {
            throw new IllegalArgumentException("no entry " + key);
        }
        String line = stripTrailing(lines.get(e.last()));
        boolean empty = e.value().isBlank();
        lines.set(e.last(), line + (empty ? (line.endsWith("=") ? " " : "") : ", ") + item);
        reindex();
    }

    void appendLines(List<String> more) {
        lines.addAll(more);
        reindex();
    }

    boolean endsWithBlankLine() {
        return !lines.isEmpty() && lines.get(lines.size() - 1).isBlank();
    }

    String render() {
        String s = String.join(eol, lines);
        return finalNewline && !lines.isEmpty() ? s + eol : s;
    }

    private void reindex() {
        Map<String, Entry> map = new LinkedHashMap<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            String t = line.stripLeading();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith("!")) {
                i++;
                continue;
            }
            int first = i;
            StringBuilder logical = new StringBuilder();
            String cur = line;
            while (continues(cur) && i + 1 < lines.size()) {
                logical.append(cur, 0, cur.length() - 1);
                i++;
                cur = lines.get(i).stripLeading();
            }
            logical.append(continues(cur) ? cur.substring(0, cur.length() - 1) : cur);
            String l = logical.toString().stripLeading();
            int sep = separator(l);
            String key = unescape(l.substring(0, sep).strip());
            String value = sep >= l.length() ? "" : l.substring(valueStart(l)).strip();
            map.put(key, new Entry(first, i, key, value));
            i++;
        }
        entries = map;
    }

    private static boolean continues(String line) {
        int n = 0;
        for (int j = line.length() - 1; j >= 0 && line.charAt(j) == '\\'; j--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** Index of the key/value separator (an unescaped '=', ':' or whitespace) in a line without leading blanks. */
    private static int separator(String l) {
        for (int j = 0; j < l.length(); j++) {
            char c = l.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                return j;
            }
        }
        return l.length();
    }

    /** Where the value starts: after the key, blanks, one '=' or ':', and blanks. */
    private static int valueStart(String line) {
        int lead = line.length() - line.stripLeading().length();
        int j = lead + separator(line.substring(lead));
        while (j < line.length() && (line.charAt(j) == ' ' || line.charAt(j) == '\t')) {
            j++;
        }
        if (j < line.length() && (line.charAt(j) == '=' || line.charAt(j) == ':')) {
            j++;
            while (j < line.length() && (line.charAt(j) == ' ' || line.charAt(j) == '\t')) {
                j++;
            }
        }
        return j;
    }

    private static String unescape(String key) {
        return key.indexOf('\\') < 0 ? key : key.replaceAll("\\\\(.)", "$1");
    }

    private static String stripTrailing(String s) {
        return s.stripTrailing();
    }
}
