package io.github.apimupgrade.core.steps.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the rows a vendor dump holds per table, by reading it back: a dump is checked, not assumed.
 * <ul>
 *   <li>pg_dump plain format: the lines of each {@code COPY t (...) FROM stdin;} section up to {@code \.};</li>
 *   <li>mysqldump / mariadb-dump: the value tuples of each {@code INSERT INTO `t` VALUES (...),(...);} (extended
 *       inserts), scanned with quotes and backslash escapes in mind; a {@code CREATE TABLE} with no insert is 0 rows.</li>
 * </ul>
 */
final class DumpReadBack {
    private static final Pattern PG_COPY = Pattern.compile("^COPY (\\S+) (?:\\(.*\\) )?FROM stdin;$");
    private static final Pattern PG_CREATE = Pattern.compile("^CREATE (?:UNLOGGED )?TABLE (\\S+) \\($");
    private static final Pattern MY_CREATE = Pattern.compile("^CREATE TABLE `((?:[^`]|``)+)` \\($");
    private static final Pattern MY_INSERT = Pattern.compile("^INSERT (?:IGNORE )?INTO `((?:[^`]|``)+)` (?:\\([^)]*\\) )?VALUES ?");

    private DumpReadBack() {
    }

    static Map<String, Long> pgDump(Path file) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            String copying = null;
            long rows = 0;
            while ((line = r.readLine()) != null) {
                if (copying != null) {
                    if (line.equals("\\.")) {
                        counts.merge(copying, rows, Long::sum);
                        copying = null;
                    } else {
                        rows++;
                    }
                    continue;
                }
                Matcher m = PG_COPY.matcher(line);
                if (m.matches()) {
                    copying = Tables.key(m.group(1));
                    rows = 0;
                    continue;
                }
                Matcher c = PG_CREATE.matcher(line);
                if (c.matches()) {
                    counts.putIfAbsent(Tables.key(c.group(1)), 0L);
                }
            }
            if (copying != null) {
                throw new IOException(file + " ends inside the COPY section of " + copying + " (truncated dump)");
            }
        }
        return counts;
    }

    static Map<String, Long> mysqlDump(Path file) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        boolean completed = false;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            String table = null;
            Tuples tuples = null;
            while ((line = r.readLine()) != null) {
                if (table != null) {
                    // MariaDB 10.x writes one tuple per line; MySQL all of them on the INSERT's line
                    tuples.feed(line, 0);
                    if (tuples.ended) {
                        counts.merge(table, tuples.count, Long::sum);
                        table = null;
                    }
                    continue;
                }
                Matcher c = MY_CREATE.matcher(line);
                if (c.matches()) {
                    counts.putIfAbsent(Tables.key(c.group(1).replace("``", "`")), 0L);
                    continue;
                }
                Matcher m = MY_INSERT.matcher(line);
                if (m.lookingAt()) {
                    String t = Tables.key(m.group(1).replace("``", "`"));
                    tuples = new Tuples();
                    tuples.feed(line, m.end());
                    if (tuples.ended) {
                        counts.merge(t, tuples.count, Long::sum);
                    } else {
                        table = t;
                    }
                } else if (line.startsWith("-- Dump completed")) {
                    completed = true;
                }
            }
            if (table != null) {
                throw new IOException(file + " ends inside an INSERT into " + table + " (truncated dump)");
            }
        }
        if (!completed) {
            throw new IOException(file + " has no '-- Dump completed' trailer (truncated dump)");
        }
        return counts;
    }

    /** Top-level parenthesised groups of one INSERT's VALUES, fed line by line, up to its closing semicolon. */
    static final class Tuples {
        long count;
        boolean ended;
        private int depth;
        private boolean quoted;
        private boolean escaped;

        void feed(String line, int from) {
            for (int i = from; i < line.length() && !ended; i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (escaped) {
                        escaped = false;
                    } else if (ch == '\\') {
                        escaped = true;
                    } else if (ch == '\'') {
                        quoted = false;
                    }
                } else if (ch == '\'') {
                    quoted = true;
                } else if (ch == '(') {
                    if (depth++ == 0) {
                        count++;
                    }
                } else if (ch == ')') {
                    depth--;
                } else if (ch == ';' && depth == 0) {
                    ended = true;
                }
            }
        }
    }

    /** Tuples of a single-line INSERT from {@code from}. */
    static long tuples(String line, int from) {
        Tuples t = new Tuples();
        t.feed(line, from);
        return t.count;
    }
}
