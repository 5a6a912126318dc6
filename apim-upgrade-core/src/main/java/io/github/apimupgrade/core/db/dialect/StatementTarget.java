package io.github.apimupgrade.core.db.dialect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema object a DDL statement creates or drops, so that a runner on a database without transactional DDL can
 * skip a statement whose effect is already present (a re-run after a crash). Recognised shapes:
 * {@code CREATE TABLE|SEQUENCE [IF NOT EXISTS] n}, {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] i ON t},
 * {@code CREATE [OR REPLACE] TRIGGER n}, T-SQL {@code IF NOT EXISTS (...) CREATE ...},
 * {@code ALTER TABLE t ADD [COLUMN] c ...}, {@code ALTER TABLE t ADD PRIMARY KEY|UNIQUE (cols)},
 * {@code ALTER TABLE t ADD CONSTRAINT n ...}, {@code ALTER TABLE t DROP INDEX|CONSTRAINT n},
 * {@code ALTER TABLE t DROP UNIQUE (cols)}, {@code ALTER TABLE t DROP PRIMARY KEY}, {@code ALTER TABLE t DROP COLUMN c},
 * {@code DROP TABLE|SEQUENCE|INDEX [IF EXISTS] n}. Names are upper case without quotes or schema.
 *
 * @param operation   CREATE (effect present when the object exists) or DROP (effect present when it does not)
 * @param kind        what kind of object
 * @param table       the table (null for sequences, triggers, tables themselves use {@code name})
 * @param name        the object's own name (the table for TABLE; null for PRIMARY_KEY and UNIQUE_KEY)
 * @param columns     key columns for PRIMARY_KEY_COLUMNS and UNIQUE_KEY, else empty
 * @param selfGuarded true when the statement checks for itself (IF [NOT] EXISTS, OR REPLACE)
 */
public record StatementTarget(Operation operation, ObjectKind kind, String table, String name, List<String> columns,
                              boolean selfGuarded) {

    public enum Operation { CREATE, DROP }

    private static final String ID = "((?:[\\w$#]+|\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\])(?:\\s*\\.\\s*(?:[\\w$#]+|\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\]))*)";
    private static final int F = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern IF_NOT_EXISTS_PREFIX = Pattern.compile("^IF\\s+NOT\\s+EXISTS\\s*\\(", F);
    private static final Pattern CREATE_TABLE = Pattern.compile("^CREATE\\s+(?:(?:GLOBAL\\s+|LOCAL\\s+)?TEMPORARY\\s+)?TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?" + ID, F);
    private static final Pattern CREATE_INDEX = Pattern.compile("^CREATE\\s+(?:UNIQUE\\s+)?(?:(?:NON)?CLUSTERED\\s+)?INDEX\\s+(IF\\s+NOT\\s+EXISTS\\s+)?" + ID + "\\s+ON\\s+" + ID, F);
    private static final Pattern CREATE_SEQUENCE = Pattern.compile("^CREATE\\s+SEQUENCE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?" + ID, F);
    private static final Pattern CREATE_TRIGGER = Pattern.compile("^CREATE\\s+(OR\\s+REPLACE\\s+)?(?:(?:NON)?EDITIONABLE\\s+)?TRIGGER\\s+(IF\\s+NOT\\s+EXISTS\\s+)?" + ID, F);
    private static final Pattern ALTER_TABLE = Pattern.compile("^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + ID + "\\s+(.*)$", F);
    private static final Pattern ADD_PK = Pattern.compile("^ADD\\s+(?:CONSTRAINT\\s+" + ID + "\\s+)?PRIMARY\\s+KEY\\s*\\(([^)]*)\\)", F);
    private static final Pattern ADD_UNIQUE = Pattern.compile("^ADD\\s+UNIQUE\\s*(?:KEY\\s*|INDEX\\s*)?\\(([^)]*)\\)", F);
    private static final Pattern ADD_CONSTRAINT = Pattern.compile("^ADD\\s+CONSTRAINT\\s+" + ID, F);
    private static final Pattern ADD_COLUMN = Pattern.compile("^ADD\\s+(?:COLUMN\\s+)?(IF\\s+NOT\\s+EXISTS\\s+)?\\(?\\s*" + ID, F);
    private static final Pattern DROP_PK = Pattern.compile("^DROP\\s+PRIMARY\\s+KEY\\b", F);
    private static final Pattern DROP_UNIQUE = Pattern.compile("^DROP\\s+UNIQUE\\s*\\(([^)]*)\\)", F);
    private static final Pattern DROP_NAMED = Pattern.compile("^DROP\\s+(INDEX|KEY|CONSTRAINT|COLUMN)\\s+(IF\\s+EXISTS\\s+)?" + ID, F);
    private static final Pattern DROP_OBJECT = Pattern.compile("^DROP\\s+(TABLE|SEQUENCE|INDEX|TRIGGER)\\s+(IF\\s+EXISTS\\s+)?" + ID + "(?:\\s+ON\\s+" + ID + ")?", F);
    private static final List<String> NOT_COLUMNS = List.of("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK",
            "INDEX", "KEY", "FULLTEXT", "SPATIAL", "PARTITION", "PERIOD");

    public StatementTarget {
        columns = List.copyOf(columns);
    }

    /** Recognises the statement, or empty for anything else (DML, ALTER COLUMN, procedure calls...). */
    public static Optional<StatementTarget> parse(String statementText) {
        String t = normalise(statementText);
        boolean guardedByIf = false;
        Matcher ifm = IF_NOT_EXISTS_PREFIX.matcher(t);
        if (ifm.find()) {
            int close = closingParen(t, ifm.end() - 1);
            if (close < 0) {
                return Optional.empty();
            }
            t = t.substring(close + 1).strip();
            guardedByIf = true;
        }
        Optional<StatementTarget> found = parseDdl(t);
        if (guardedByIf) {
            return found.map(x -> new StatementTarget(x.operation, x.kind, x.table, x.name, x.columns, true));
        }
        return found;
    }

    private static Optional<StatementTarget> parseDdl(String t) {
        Matcher m;
        if ((m = CREATE_TABLE.matcher(t)).find()) {
            String n = name(m.group(2));
            return Optional.of(new StatementTarget(Operation.CREATE, ObjectKind.TABLE, n, n, List.of(), m.group(1) != null));
        }
        if ((m = CREATE_INDEX.matcher(t)).find()) {
            return Optional.of(new StatementTarget(Operation.CREATE, ObjectKind.INDEX, name(m.group(3)), name(m.group(2)), List.of(), m.group(1) != null));
        }
        if ((m = CREATE_SEQUENCE.matcher(t)).find()) {
            return Optional.of(new StatementTarget(Operation.CREATE, ObjectKind.SEQUENCE, null, name(m.group(2)), List.of(), m.group(1) != null));
        }
        if ((m = CREATE_TRIGGER.matcher(t)).find()) {
            return Optional.of(new StatementTarget(Operation.CREATE, ObjectKind.TRIGGER, null, name(m.group(3)), List.of(),
                    m.group(1) != null || m.group(2) != null));
        }
        if ((m = DROP_OBJECT.matcher(t)).find()) {
            ObjectKind kind = ObjectKind.valueOf(m.group(1).toUpperCase(Locale.ROOT));
            String n = name(m.group(3));
            String table = kind == ObjectKind.TABLE ? n : m.group(4) == null ? null : name(m.group(4));
            if (kind == ObjectKind.INDEX && table == null) {
                kind = ObjectKind.INDEX_IN_SCHEMA; // PostgreSQL, Oracle, DB2, H2: index names are unique in a schema
            }
            return Optional.of(new StatementTarget(Operation.DROP, kind, table, n, List.of(), m.group(2) != null));
        }
        if ((m = ALTER_TABLE.matcher(t)).find()) {
            return alter(name(m.group(1)), m.group(2).strip());
        }
        return Optional.empty();
    }

    private static Optional<StatementTarget> alter(String table, String action) {
        Matcher m;
        if ((m = ADD_PK.matcher(action)).find()) {
            return Optional.of(new StatementTarget(Operation.CREATE, ObjectKind.PRIMARY_KEY_COLUMNS, table, null, columns(m.group(2)), false));
        }
        if ((m = ADD_UNIQUE.matcher(action)).find()) {
            return Optional.of(new StatementTarget(Operation.CREATE, ObjectKind.UNIQUE_KEY, table, null, columns(m.group(1)), false));
        }
        if ((m = ADD_CONSTRAINT.matcher(action)).find()) {
            return Optional.of(new StatementTarget(Operation.CREATE, ObjectKind.CONSTRAINT, table, name(m.group(1)), List.of(), false));
        }
        if ((m = ADD_COLUMN.matcher(action)).find()) {
            String col = name(m.group(2));
            if (NOT_COLUMNS.contains(col)) {
                return Optional.empty();
            }
            return Optional.of(new StatementTarget(Operation.CREATE, ObjectKind.COLUMN, table, col, List.of(), m.group(1) != null));
        }
        if (DROP_PK.matcher(action).find()) {
            return Optional.of(new StatementTarget(Operation.DROP, ObjectKind.PRIMARY_KEY, table, null, List.of(), false));
        }
        if ((m = DROP_UNIQUE.matcher(action)).find()) {
            return Optional.of(new StatementTarget(Operation.DROP, ObjectKind.UNIQUE_KEY, table, null, columns(m.group(1)), false));
        }
        if ((m = DROP_NAMED.matcher(action)).find()) {
            String what = m.group(1).toUpperCase(Locale.ROOT);
            ObjectKind kind = switch (what) {
                case "INDEX", "KEY" -> ObjectKind.INDEX;
                case "CONSTRAINT" -> ObjectKind.CONSTRAINT;
                default -> ObjectKind.COLUMN;
            };
            return Optional.of(new StatementTarget(Operation.DROP, kind, table, name(m.group(3)), List.of(), m.group(2) != null));
        }
        return Optional.empty();
    }

    /** Parameters of {@link Dialect#existsSql(ObjectKind)} for this target, in order; empty when one is unknown. */
    public Optional<List<String>> parameters() {
        List<String> p = switch (kind) {
            case TABLE -> Arrays.asList(name);
            case SEQUENCE, TRIGGER, INDEX_IN_SCHEMA -> Arrays.asList(name);
            case COLUMN, INDEX, CONSTRAINT -> Arrays.asList(table, name);
            case PRIMARY_KEY -> Arrays.asList(table);
            case PRIMARY_KEY_COLUMNS, UNIQUE_KEY -> Arrays.asList(table, String.join(",", columns));
        };
        return p.contains(null) ? Optional.empty() : Optional.of(List.copyOf(p));
    }

    /** Whether the statement's effect is already there, given whether the object exists. */
    public boolean effectPresent(boolean objectExists) {
        return operation == Operation.CREATE ? objectExists : !objectExists;
    }

    /** DROP TABLE: may destroy rows; a re-runnable script must never contain one for a table that may hold data. */
    public boolean dropsTable() {
        return operation == Operation.DROP && kind == ObjectKind.TABLE;
    }

    /** "CREATE INDEX IDX_RID ON IDN_UMA_RESOURCE": how plans and logs name the target. */
    public String describe() {
        String what = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String obj = switch (kind) {
            case TABLE, SEQUENCE, TRIGGER, INDEX_IN_SCHEMA -> name;
            case PRIMARY_KEY -> "on " + table;
            case PRIMARY_KEY_COLUMNS, UNIQUE_KEY -> "(" + String.join(",", columns) + ") on " + table;
            default -> name + (table == null ? "" : " on " + table);
        };
        return operation.name().toLowerCase(Locale.ROOT) + " " + what + " " + obj;
    }

    private static List<String> columns(String list) {
        List<String> out = new ArrayList<>();
        for (String c : list.split(",")) {
            if (!c.isBlank()) {
                out.add(name(c.strip().split("\\s+")[0]));
            }
        }
        return out;
    }

    /** Last part of a possibly qualified, possibly quoted name, upper case. */
    static String name(String qualified) {
        String last = qualified.strip();
        int dot = lastDotOutsideQuotes(last);
        if (dot >= 0) {
            last = last.substring(dot + 1).strip();
        }
        if (last.length() >= 2 && (last.startsWith("\"") || last.startsWith("`") || last.startsWith("["))) {
            last = last.substring(1, last.length() - 1);
        }
        return last.toUpperCase(Locale.ROOT);
    }

    private static int lastDotOutsideQuotes(String s) {
        char quote = 0;
        int dot = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '[') {
                quote = ']';
            } else if (c == '.') {
                dot = i;
            }
        }
        return dot;
    }

    /** Comments removed, whitespace collapsed (string literals are left alone: the shapes above never need them). */
    private static String normalise(String text) {
        String t = text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
        return t.replaceAll("\\s+", " ").strip();
    }

    private static int closingParen(String s, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                inString = !inString;
            } else if (!inString && c == '(') {
                depth++;
            } else if (!inString && c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
