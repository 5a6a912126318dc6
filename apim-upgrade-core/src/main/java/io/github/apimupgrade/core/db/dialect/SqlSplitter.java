package io.github.apimupgrade.core.db.dialect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Splits a script into statements the way the vendor's command-line client does, keeping each statement's 1-based
 * start line. The base class handles what the seven databases share: a ';' delimiter, {@code --} and
 * {@code /* *}{@code /} comments, single-quoted strings and double-quoted identifiers (a delimiter inside any of
 * them does not split). Each dialect overrides only the hooks it needs (the shape of Flyway's {@code Parser}):
 * <ul>
 *   <li>{@link #lineCommand} — a whole line that is a client command: Oracle/DB2 {@code /}, T-SQL {@code GO},
 *       MySQL {@code DELIMITER}, DB2 {@code --#SET TERMINATOR};</li>
 *   <li>{@link #quotedEnd} — extra quoting: backticks, brackets, dollar quotes, backslash escapes;</li>
 *   <li>{@link #delimiterAt} — where a delimiter ends a statement (DB2: only as the last character of a line);</li>
 *   <li>{@link #adjustBlockDepth} — blocks whose inner ';' do not split (PL/SQL, BEGIN ATOMIC, T-SQL BEGIN/END);</li>
 *   <li>{@link #group} — joins statements that must run in one call (T-SQL variables).</li>
 * </ul>
 * Comments before a statement are dropped; comments inside it are kept (the server ignores them). A statement
 * text never includes its delimiter, except where the language needs it (the {@code END;} of a PL/SQL block).
 */
public class SqlSplitter {

    /** A line the client interprets itself instead of sending it to the server. */
    protected record LineCommand(Kind kind, String delimiter) {
        protected enum Kind { END_STATEMENT, END_BATCH, SET_DELIMITER }

        static final LineCommand END_STATEMENT = new LineCommand(Kind.END_STATEMENT, null);
        static final LineCommand END_BATCH = new LineCommand(Kind.END_BATCH, null);

        static LineCommand setDelimiter(String d) {
            return new LineCommand(Kind.SET_DELIMITER, d);
        }
    }

    /** A statement before {@link #group}: its text, start line, offsets in the script and batch number. */
    protected record Piece(String text, int line, int start, int end, int batch, List<String> words) {
    }

    /** Scan state of one script; hooks read and change it. */
    protected static final class State {
        final String script;
        String delimiter;
        int blockDepth;
        int batch;
        boolean toLineCommand;
        /** Upper-case words of the current statement so far (keywords and identifiers, not quoted text). */
        final List<String> words = new ArrayList<>();

        State(String script, String delimiter) {
            this.script = script;
            this.delimiter = delimiter;
        }

        public String script() {
            return script;
        }

        public String delimiter() {
            return delimiter;
        }

        public int blockDepth() {
            return blockDepth;
        }

        public void blockDepth(int depth) {
            blockDepth = Math.max(0, depth);
        }

        /**
         * The current statement is a body that only a line command ends (Oracle PL/SQL up to its '/' line, a T-SQL
         * procedure or trigger up to GO): no delimiter splits it.
         */
        public void runToLineCommand() {
            toLineCommand = true;
        }

        public List<String> words() {
            return words;
        }
    }

    public final List<SqlStatement> split(String script) {
        String s = script.replace("\r\n", "\n").replace('\r', '\n');
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = " " + s.substring(1);
        }
        int[] lineStarts = lineStarts(s);
        State st = new State(s, defaultDelimiter());
        List<Piece> pieces = new ArrayList<>();
        int stmtStart = -1;
        int tokenEnd = -1; // just after the statement's last token: trailing comments are not statement text
        int i = 0;
        int n = s.length();
        while (i < n) {
            if (i == 0 || s.charAt(i - 1) == '\n') {
                int eol = lineEnd(s, i);
                LineCommand cmd = lineCommand(s.substring(i, eol), st);
                if (cmd != null) {
                    if (stmtStart >= 0) {
                        pieces.add(piece(st, stmtStart, tokenEnd, lineStarts));
                        stmtStart = -1;
                    }
                    switch (cmd.kind()) {
                        case END_BATCH -> st.batch++;
                        case SET_DELIMITER -> st.delimiter = cmd.delimiter();
                        case END_STATEMENT -> { }
                    }
                    resetStatement(st);
                    i = Math.min(n, eol + 1);
                    continue;
                }
            }
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (isLineCommentStart(s, i)) {
                i = lineEnd(s, i);
                continue;
            }
            if (s.startsWith("/*", i) && !isExecutableComment(s, i)) {
                i = blockCommentEnd(s, i);
                continue;
            }
            int delim = st.toLineCommand ? 0 : delimiterAt(st, i);
            if (delim > 0) {
                if (stmtStart >= 0) {
                    pieces.add(piece(st, stmtStart, tokenEnd, lineStarts));
                    stmtStart = -1;
                }
                resetStatement(st);
                i += delim;
                continue;
            }
            if (stmtStart < 0) {
                stmtStart = i;
            }
            if (s.startsWith("/*", i)) { // an executable comment (MySQL /*! ... */) is statement text
                i = blockCommentEnd(s, i);
                tokenEnd = i;
                continue;
            }
            int q = quotedEnd(s, i);
            if (q > i) {
                i = q;
                tokenEnd = i;
                continue;
            }
            if (isWordStart(s, i)) {
                int e = i + 1;
                // '$', '#' and '@' belong to names, unless they start a delimiter (END@, END$$)
                while (e < n && isWordPart(s.charAt(e))
                        && (Character.isLetterOrDigit(s.charAt(e)) || s.charAt(e) == '_' || st.toLineCommand || delimiterAt(st, e) == 0)) {
                    e++;
                }
                String word = s.substring(i, e).toUpperCase(Locale.ROOT);
                st.words.add(word);
                adjustBlockDepth(st, word, e);
                i = e;
                tokenEnd = i;
                continue;
            }
            i++;
            tokenEnd = i;
        }
        if (stmtStart >= 0) {
            pieces.add(piece(st, stmtStart, tokenEnd, lineStarts));
        }
        return group(pieces, s);
    }

    // ---- hooks ---------------------------------------------------------------------------------------------------

    protected String defaultDelimiter() {
        return ";";
    }

    /** A client command occupying the whole line, or null when the line is SQL. */
    protected LineCommand lineCommand(String line, State st) {
        return null;
    }

    protected boolean isLineCommentStart(String s, int i) {
        return s.startsWith("--", i);
    }

    /** A block comment that is really statement text (MySQL {@code /*!50001 ... *}{@code /}). */
    protected boolean isExecutableComment(String s, int i) {
        return false;
    }

    protected boolean nestedBlockComments() {
        return false;
    }

    /**
     * If a quoted token (string, quoted identifier) starts at {@code i}, the index just after it; otherwise -1.
     * An unterminated quote runs to the end of the script, as in the vendor's client.
     */
    protected int quotedEnd(String s, int i) {
        char c = s.charAt(i);
        if (c == '\'' || c == '"') {
            return doubledQuoteEnd(s, i, c);
        }
        return -1;
    }

    /** Length of the delimiter that ends the current statement at {@code i}, or 0. */
    protected int delimiterAt(State st, int i) {
        String d = st.delimiter;
        if (st.blockDepth == 0 && !d.isEmpty() && st.script.regionMatches(true, i, d, 0, d.length())) {
            return d.length();
        }
        return 0;
    }

    /** Called for every word of a statement outside quotes and comments; {@code after} is the index after it. */
    protected void adjustBlockDepth(State st, String word, int after) {
    }

    /** Joins pieces that must run as one unit; the default keeps them as they are. */
    protected List<SqlStatement> group(List<Piece> pieces, String script) {
        return pieces.stream().map(p -> new SqlStatement(p.text(), p.line())).toList();
    }

    // ---- helpers for the hooks -----------------------------------------------------------------------------------

    /** Quote {@code q} escaped by doubling it ('it''s'). */
    protected static int doubledQuoteEnd(String s, int i, char q) {
        return quoteEnd(s, i, q, false);
    }

    /** Quote {@code q} escaped by doubling it or by a backslash (MySQL strings, PostgreSQL E'...'). */
    protected static int backslashQuoteEnd(String s, int i, char q) {
        return quoteEnd(s, i, q, true);
    }

    /** Index after the quote {@code q} that closes the one at {@code i}; the end of the text when it never closes. */
    private static int quoteEnd(String s, int i, char q, boolean backslashEscapes) {
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (backslashEscapes && c == '\\') {
                j += 2;
                continue;
            }
            if (c == q) {
                if (j + 1 < s.length() && s.charAt(j + 1) == q) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return s.length();
    }

    /** {@code $tag$ ... $tag$} (PostgreSQL, H2 uses the empty tag); -1 when no dollar quote starts here. */
    protected static int dollarQuoteEnd(String s, int i) {
        if (s.charAt(i) != '$' || (i > 0 && isWordPart(s.charAt(i - 1)))) {
            return -1;
        }
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        if (j >= s.length() || s.charAt(j) != '$' || (j > i + 1 && Character.isDigit(s.charAt(i + 1)))) {
            return -1; // $1 is a parameter, not a quote
        }
        String tag = s.substring(i, j + 1);
        int close = s.indexOf(tag, j + 1);
        return close < 0 ? s.length() : close + tag.length();
    }

    /** The word that follows index {@code from} (skipping blanks and comments), upper case; "" when none. */
    protected static String nextWord(String s, int from) {
        int j = from;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (Character.isWhitespace(c)) {
                j++;
            } else if (s.startsWith("--", j)) {
                j = lineEnd(s, j);
            } else if (s.startsWith("/*", j)) {
                int e = s.indexOf("*/", j + 2);
                j = e < 0 ? s.length() : e + 2;
            } else {
                break;
            }
        }
        int e = j;
        while (e < s.length() && isWordPart(s.charAt(e))) {
            e++;
        }
        return s.substring(j, e).toUpperCase(Locale.ROOT);
    }

    /** True when only blanks, or blanks and a {@code --} comment, follow {@code i} up to the end of its line. */
    protected static boolean restOfLineBlank(String s, int i) {
        String rest = s.substring(Math.min(i, s.length()), lineEnd(s, i)).strip();
        return rest.isEmpty() || rest.startsWith("--");
    }

    protected static int lineEnd(String s, int i) {
        int e = s.indexOf('\n', i);
        return e < 0 ? s.length() : e;
    }

    protected static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@' || c == '#';
    }

    // ---- internals -----------------------------------------------------------------------------------------------

    private static boolean isWordStart(String s, int i) {
        char c = s.charAt(i);
        return (Character.isLetter(c) || c == '_') && (i == 0 || !isWordPart(s.charAt(i - 1)));
    }

    private int blockCommentEnd(String s, int i) {
        int depth = 0;
        int j = i;
        while (j < s.length()) {
            if (s.startsWith("/*", j) && (depth == 0 || nestedBlockComments())) {
                depth++;
                j += 2;
            } else if (s.startsWith("*/", j)) {
                depth--;
                j += 2;
                if (depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return s.length();
    }

    private static void resetStatement(State st) {
        st.words.clear();
        st.blockDepth = 0;
        st.toLineCommand = false;
    }

    private static Piece piece(State st, int start, int end, int[] lineStarts) {
        String text = st.script.substring(start, end);
        return new Piece(text, lineOf(lineStarts, start), start, end, st.batch, List.copyOf(st.words));
    }

    private static int[] lineStarts(String s) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] lineStarts, int offset) {
        int idx = Arrays.binarySearch(lineStarts, offset);
        return (idx >= 0 ? idx : -idx - 2) + 1;
    }
}
