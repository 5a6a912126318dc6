package io.github.apimupgrade.core.steps.resources.log4j;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .properties} file as lines, for edits that keep every untouched line byte-identical: logical entries
 * (with backslash continuations) are located by key; values can be replaced, list values appended to, and lines
 * added at the end. Line endings (LF or CRLF) and the final newline are kept.
 * <p>
 * Every edit is linear in what it changes, not in the file: the index is updated in place (a one-line value
 * edit, an append, lines added at the end) and only rebuilt when lines are removed. A 50,000-logger file is
 * edited once per logger, so a rebuild per edit would be quadratic (issue 13).
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
        this.entries = new LinkedHashMap<>();
        index(0);
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
            String edited = line.substring(0, valueStart(line)) + value;
            lines.set(e.first(), edited);
            if (continues(edited)) {
                reindexAll(); // the new value swallows the next line
            } else {
                entries.put(key, new Entry(e.first(), e.last(), key, value.strip()));
            }
        } else {
            lines.subList(e.first() + 1, e.last() + 1).clear();
            lines.set(e.first(), key + " = " + value);
            reindexAll(); // later entries moved up
        }
    }

    /** Appends {@code ", item"} to a comma-separated list value, on its last physical line. */
    void appendToList(String key, String item) {
        appendToList(key, List.of(item));
    }

    /** Appends {@code ", a, b, ..."} in one edit (one string built, however many items). */
    void appendToList(String key, Collection<String> items) {
        Entry e = entries.get(key);
        if (e == null) {
            throw new IllegalArgumentException("no entry " + key);
        }
        if (items.isEmpty()) {
            return;
        }
        String line = stripTrailing(lines.get(e.last()));
        boolean empty = e.value().isBlank();
        StringBuilder sb = new StringBuilder(line).append(empty ? (line.endsWith("=") ? " " : "") : ", ");
        StringBuilder value = new StringBuilder(e.value()).append(empty ? "" : ", ");
        String joined = String.join(", ", items);
        sb.append(joined);
        value.append(joined);
        lines.set(e.last(), sb.toString());
        entries.put(key, new Entry(e.first(), e.last(), key, value.toString().strip()));
    }

    void appendLines(List<String> more) {
        int from = lines.size();
        // the last line may end in a continuation that the new lines extend: re-read from its entry's start
        if (from > 0 && continues(lines.get(from - 1))) {
            reindexAll(more);
            return;
        }
        lines.addAll(more);
        index(from);
    }

    boolean endsWithBlankLine() {
        return !lines.isEmpty() && lines.get(lines.size() - 1).isBlank();
    }

    String render() {
        String s = String.join(eol, lines);
        return finalNewline && !lines.isEmpty() ? s + eol : s;
    }

    private void reindexAll(List<String> more) {
        lines.addAll(more);
        reindexAll();
    }

    private void reindexAll() {
        entries = new LinkedHashMap<>();
        index(0);
    }

    /** Adds the entries of lines [from, end) to the index (a repeated key: the later one wins). */
    private void index(int from) {
        Map<String, Entry> map = entries;
        int i = from;
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
