package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.db.dialect.Dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lists the other sessions on a database and sorts them for the run that is about to change it:
 * <ul>
 *   <li><b>this run's own</b>: their application name (or, on MySQL/MariaDB, statement comment) carries this run's
 *       {@link RunTag}, or the server id is one of the sessions this run opened;</li>
 *   <li><b>an earlier run's</b>: they carry another apim-upgrade run's tag. Those still executing are what a killed
 *       run leaves behind (the server keeps running its statement);</li>
 *   <li><b>admin tools</b>: interactive clients by program name (psql, pgAdmin, mysql, sqlcmd, SQL Developer, ...):
 *       listed, never refused, since an operator watching the upgrade is normal;</li>
 *   <li><b>other clients</b>: everything else, a WSO2 server's connection pool first of all. A JDBC pool does not
 *       name itself (PostgreSQL shows "PostgreSQL JDBC Driver", MySQL/MariaDB show no name without
 *       performance_schema), so any session that is neither ours, an earlier run's nor an admin tool counts.</li>
 * </ul>
 * The server's own background sessions are excluded by the dialect's query.
 */
public final class SessionInspector {

    /**
     * Program names (lower case; the name alone or followed by a blank and more, "pgAdmin 4 - DB:am") of interactive
     * tools an operator uses; they never block a run.
     */
    static final List<String> ADMIN_TOOLS = List.of("psql", "pg_dump", "pg_restore", "pgadmin", "mysql", "mariadb",
            "mysqldump", "mariadb-dump", "heidisql", "dbeaver", "datagrip", "sqlcmd", "microsoft sql server management studio",
            "azure data studio", "sql developer", "sqlplus", "sqlcl", "db2bp", "db2 clp");

    /** The sessions of one database, sorted. {@code available} is false when the server would not list them. */
    public record Report(List<DbSession> earlierRuns, List<DbSession> adminTools, List<DbSession> others,
                         boolean available, String unavailableReason) {
        public List<DbSession> busyEarlierRuns() {
            return earlierRuns.stream().filter(DbSession::busy).toList();
        }
    }

    private SessionInspector() {
    }

    /**
     * Lists the sessions on the database {@code c} is connected to, except {@code c}'s own.
     *
     * @param ours the databases of this run that reach this database (their session ids count as ours)
     */
    public static Report inspect(Connection c, Dialect dialect, RunTag tag, Collection<Database> ours) {
        List<String> queries = dialect.sessionsSql();
        if (queries.isEmpty()) {
            return new Report(List.of(), List.of(), List.of(), false, dialect.id() + " has no session list to check");
        }
        Set<String> ownIds = new HashSet<>();
        ours.forEach(db -> ownIds.addAll(db.sessionIds()));
        SQLException last = null;
        for (String sql : queries) {
            try {
                return sort(list(c, sql), tag, ownIds);
            } catch (SQLException e) {
                last = e;
                rollbackQuietly(c);
            }
        }
        return new Report(List.of(), List.of(), List.of(), false, last == null ? "?" : last.getMessage());
    }

    static Report sort(List<DbSession> sessions, RunTag tag, Set<String> ownIds) {
        List<DbSession> earlier = new ArrayList<>();
        List<DbSession> tools = new ArrayList<>();
        List<DbSession> others = new ArrayList<>();
        for (DbSession s : sessions) {
            String run = s.runId().orElse(null);
            if (tag.runId().equals(run) || (run == null && ownIds.contains(s.id()))) {
                continue;
            }
            if (run != null) {
                earlier.add(s);
            } else if (isAdminTool(s.program())) {
                tools.add(s);
            } else {
                others.add(s);
            }
        }
        return new Report(List.copyOf(earlier), List.copyOf(tools), List.copyOf(others), true, null);
    }

    static boolean isAdminTool(String program) {
        if (program == null || program.isBlank()) {
            return false;
        }
        String p = program.strip().toLowerCase(Locale.ROOT);
        if (p.contains("jdbc") || p.contains("connector")) {
            return false; // a driver's own name: an application's pool, not a person at a prompt
        }
        return ADMIN_TOOLS.stream().anyMatch(t -> p.equals(t) || p.startsWith(t + " "));
    }

    private static List<DbSession> list(Connection c, String sql) throws SQLException {
        List<DbSession> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String secs = rs.getString(6);
                long seconds;
                try {
                    seconds = secs == null ? -1 : (long) Double.parseDouble(secs.strip());
                } catch (NumberFormatException e) {
                    seconds = -1;
                }
                out.add(new DbSession(trim(rs.getString(1)), trim(rs.getString(2)), trim(rs.getString(3)), trim(rs.getString(4)),
                        trim(rs.getString(5)), seconds, rs.getString(7), rs.getInt(8) == 1));
            }
        }
        rollbackQuietly(c);
        return out;
    }

    /** Ends a session (an earlier run's leftover); false when the server refused. */
    public static boolean end(Connection c, Dialect dialect, DbSession session) throws SQLException {
        String sql = dialect.endSessionSql(session.id()).orElseThrow(() -> new SQLException(dialect.id() + " cannot end sessions"));
        try (Statement s = c.createStatement()) {
            boolean result = s.execute(sql);
            if (result) {
                try (ResultSet rs = s.getResultSet()) {
                    return !rs.next() || !"false".equalsIgnoreCase(rs.getString(1)) && !"f".equalsIgnoreCase(rs.getString(1));
                }
            }
            return true;
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the next statement reports a broken connection
        }
    }
}
