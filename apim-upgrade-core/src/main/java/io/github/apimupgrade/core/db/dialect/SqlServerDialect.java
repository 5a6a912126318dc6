package io.github.apimupgrade.core.db.dialect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL Server 2017 and later. DDL is transactional. sqlcmd sends a whole batch (up to {@code GO}) in one call; we
 * split a batch at ';' so that errors name one statement, except where statements must run together:
 * <ul>
 *   <li>{@code IF [NOT] EXISTS (...) CREATE ...} has no ';' between its parts and stays one statement;</li>
 *   <li>{@code BEGIN ... END} blocks (and CASE ... END) are not split at their inner ';';</li>
 *   <li>{@code CREATE [OR ALTER] PROCEDURE|FUNCTION|TRIGGER|VIEW} takes the rest of its batch, up to {@code GO};</li>
 *   <li>a {@code DECLARE}d variable lives for its batch, so the statements from the DECLARE to the last one that
 *       uses the variable form ONE unit (its text keeps the inner ';'), executed in one JDBC call.</li>
 * </ul>
 * Brackets quote identifiers ({@code [DBO].[T]}).
 */
public class SqlServerDialect extends AbstractDialect {

    static final class Splitter extends SqlSplitter {
        private static final Pattern GO = Pattern.compile("^\\s*GO(?:\\s+\\d+)?\\s*(?:--.*)?$", Pattern.CASE_INSENSITIVE);
        private static final Set<String> NOT_BLOCKS = Set.of("TRAN", "TRANSACTION", "DISTRIBUTED", "DIALOG", "CONVERSATION");
        private static final Set<String> MODULES = Set.of("PROCEDURE", "PROC", "FUNCTION", "TRIGGER", "VIEW");
        private static final Pattern VARIABLE = Pattern.compile("(?<![@\\w])@([A-Za-z_#$][\\w#$@]*)");
        private static final Pattern STRING = Pattern.compile("N?'(?:[^']|'')*'");

        @Override
        protected LineCommand lineCommand(String line, State st) {
            return GO.matcher(line).matches() ? LineCommand.END_BATCH : null;
        }

        @Override
        protected int quotedEnd(String s, int i) {
            if (s.charAt(i) == '[') {
                return doubledQuoteEnd(s, i, ']');
            }
            return super.quotedEnd(s, i);
        }

        @Override
        protected void adjustBlockDepth(State st, String word, int after) {
            List<String> w = st.words();
            boolean createOrAlter = !w.isEmpty() && (w.get(0).equals("CREATE") || w.get(0).equals("ALTER"));
            if (createOrAlter && MODULES.contains(word) && w.subList(1, w.size() - 1).stream().allMatch(x -> x.equals("OR") || x.equals("ALTER"))) {
                st.runToLineCommand(); // a procedure, function, trigger or view body is the rest of its batch
                return;
            }
            switch (word) {
                case "BEGIN" -> {
                    if (!NOT_BLOCKS.contains(nextWord(st.script(), after))) {
                        st.blockDepth(st.blockDepth() + 1);
                    }
                }
                case "CASE" -> st.blockDepth(st.blockDepth() + 1);
                case "END" -> st.blockDepth(st.blockDepth() - 1);
                default -> { }
            }
        }

        @Override
        protected List<SqlStatement> group(List<Piece> pieces, String script) {
            List<SqlStatement> out = new ArrayList<>();
            int k = 0;
            while (k < pieces.size()) {
                Piece first = pieces.get(k);
                int end = k;
                if (!first.words().isEmpty() && first.words().get(0).equals("DECLARE")) {
                    end = lastUse(pieces, k);
                }
                if (end == k) {
                    out.add(new SqlStatement(first.text(), first.line()));
                } else {
                    out.add(new SqlStatement(script.substring(first.start(), pieces.get(end).end()), first.line()));
                }
                k = end + 1;
            }
            return out;
        }

        /** Index of the last piece of the same batch that uses a variable declared from {@code k} on. */
        private static int lastUse(List<Piece> pieces, int k) {
            int batch = pieces.get(k).batch();
            Set<String> vars = new HashSet<>(declared(pieces.get(k)));
            int end = k;
            boolean grew = true;
            while (grew) {
                grew = false;
                for (int m = k + 1; m < pieces.size() && pieces.get(m).batch() == batch; m++) {
                    if (m > end && uses(pieces.get(m), vars)) {
                        end = m;
                        grew = true;
                    }
                    if (m <= end && vars.addAll(declared(pieces.get(m)))) {
                        grew = true;
                    }
                }
            }
            return end;
        }

        private static Set<String> declared(Piece p) {
            return !p.words().isEmpty() && p.words().get(0).equals("DECLARE") ? variables(p.text()) : Set.of();
        }

        private static boolean uses(Piece p, Set<String> vars) {
            Set<String> used = variables(p.text());
            return used.stream().anyMatch(vars::contains);
        }

        private static Set<String> variables(String text) {
            Set<String> out = new HashSet<>();
            Matcher m = VARIABLE.matcher(STRING.matcher(text).replaceAll("''"));
            while (m.find()) {
                out.add(m.group(1).toUpperCase(java.util.Locale.ROOT));
            }
            return out;
        }
    }

    public SqlServerDialect() {
        super(new Splitter(), existsChecks());
    }

    private static Map<ObjectKind, String> existsChecks() {
        Map<ObjectKind, String> m = informationSchema("SCHEMA_NAME()", "STRING_AGG(", ", ',') WITHIN GROUP (ORDER BY KCU.ORDINAL_POSITION)");
        m.put(ObjectKind.INDEX_IN_SCHEMA, "SELECT 1 FROM sys.indexes i JOIN sys.tables t ON t.object_id = i.object_id WHERE t.schema_id = SCHEMA_ID() AND UPPER(i.name) = ?");
        m.put(ObjectKind.INDEX, "SELECT 1 FROM sys.indexes i JOIN sys.tables t ON t.object_id = i.object_id"
                + " WHERE t.schema_id = SCHEMA_ID() AND UPPER(t.name) = ? AND UPPER(i.name) = ?");
        m.put(ObjectKind.SEQUENCE, "SELECT 1 FROM sys.sequences WHERE schema_id = SCHEMA_ID() AND UPPER(name) = ?");
        m.put(ObjectKind.TRIGGER, "SELECT 1 FROM sys.triggers tr JOIN sys.objects o ON o.object_id = tr.object_id"
                + " WHERE o.schema_id = SCHEMA_ID() AND UPPER(tr.name) = ?");
        return m;
    }

    @Override
    boolean handles(String productName, String productVersion, String url) {
        return productName.contains("microsoft") || productName.contains("sql server");
    }

    @Override public String id() { return "mssql"; }
    @Override public boolean supportsDdlTransactions() { return true; }

    @Override
    public String historyTableDdl() {
        return "CREATE TABLE APIM_UPGRADE_HISTORY (ID BIGINT IDENTITY PRIMARY KEY, STEP_ID VARCHAR(100) NOT NULL,"
                + " SCRIPT VARCHAR(255) NOT NULL, SHA256 VARCHAR(64) NOT NULL, STARTED DATETIME2 NOT NULL,"
                + " FINISHED DATETIME2, SUCCESS BIT, ROWS_AFFECTED BIGINT, TOOL_VERSION VARCHAR(40),"
                + " MESSAGE VARCHAR(2000))";
    }

    /**
     * sp_getapplock owned by the session (released when the session ends). NOCOUNT keeps the DECLARE/EXEC from
     * producing update counts, so the SELECT is the statement's first result.
     */
    @Override
    public String tryLockSql() {
        return "SET NOCOUNT ON; DECLARE @r INT; EXEC @r = sp_getapplock @Resource = ?, @LockMode = 'Exclusive',"
                + " @LockOwner = 'Session', @LockTimeout = 0; SELECT CASE WHEN @r >= 0 THEN 1 ELSE 0 END";
    }

    @Override
    public String unlockSql() {
        return "EXEC sp_releaseapplock @Resource = ?, @LockOwner = 'Session'";
    }

    // ---- sessions and lock state ----

    /** sp_getapplock resources are per database already; the schema keeps two deployments in one database apart. */
    @Override
    public java.util.Optional<String> lockHeldSql() {
        return java.util.Optional.of("SELECT CASE WHEN APPLOCK_MODE('public', ?, 'Session') = 'Exclusive' THEN 1 ELSE 0 END");
    }

    @Override
    public java.util.Optional<String> identitySql() {
        return java.util.Optional.of("SELECT DB_NAME(), SCHEMA_NAME()");
    }

    /** The instance as the server names itself (machine and instance name). */
    @Override
    public java.util.Optional<String> serverIdSql() {
        return java.util.Optional.of("SELECT 'mssql:' + CAST(SERVERPROPERTY('ServerName') AS NVARCHAR(256))");
    }

    @Override
    public java.util.Optional<String> sessionIdSql() {
        return java.util.Optional.of("SELECT @@SPID");
    }

    /** User sessions whose database is this one (VIEW SERVER STATE shows other logins' sessions). */
    @Override
    public java.util.List<String> sessionsSql() {
        return java.util.List.of("SELECT CAST(s.session_id AS VARCHAR(10)), s.login_name, c.client_net_address,"
                + " s.program_name, COALESCE(r.status, s.status),"
                + " DATEDIFF(SECOND, COALESCE(r.start_time, s.last_request_end_time), GETDATE()), t.text,"
                + " CASE WHEN r.session_id IS NOT NULL OR s.open_transaction_count > 0 THEN 1 ELSE 0 END"
                + " FROM sys.dm_exec_sessions s"
                + " LEFT JOIN sys.dm_exec_connections c ON c.session_id = s.session_id"
                + " LEFT JOIN sys.dm_exec_requests r ON r.session_id = s.session_id"
                + " OUTER APPLY sys.dm_exec_sql_text(r.sql_handle) t"
                + " WHERE s.database_id = DB_ID() AND s.is_user_process = 1 AND s.session_id <> @@SPID"
                + " ORDER BY s.login_time");
    }

    @Override
    public java.util.Optional<String> endSessionSql(String sessionId) {
        return java.util.Optional.of("KILL " + Integer.parseInt(sessionId));
    }

    @Override
    public java.util.Map<String, String> applicationNameProperties(String applicationName) {
        return java.util.Map.of("applicationName", applicationName);
    }
}
