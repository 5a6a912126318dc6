package io.github.apimupgrade.core.db;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule that sorts the sessions on a database: ours, an earlier run's, admin tools, everyone else. */
class SessionInspectorTest {
    private static final RunTag OURS = new RunTag("20261202T010000-aaaa");

    @Test
    void sortsOursEarlierRunsAdminToolsAndOtherClients() {
        List<DbSession> sessions = List.of(
                session("1", "apim-upgrade/20261202T010000-aaaa", null),          // ours by name
                session("2", null, null),                                          // ours by id (MySQL: no name)
                session("3", "apim-upgrade/20261201T230000-bbbb", "SELECT 1"),    // an earlier run, by name
                session("4", null, "/* apim-upgrade/20261201T230000-bbbb */ DELETE FROM REG_RESOURCE"), // by comment
                session("5", "psql", null),
                session("6", "DBeaver 23.1.0 - Main", null),
                session("7", "PostgreSQL JDBC Driver", null),                      // a WSO2 node's pool
                session("8", null, "SELECT * FROM AM_API /* apim-upgrade/20261201T230000-bbbb */")); // not a leading tag
        SessionInspector.Report r = SessionInspector.sort(sessions, OURS, Set.of("2"));
        assertEquals(List.of("3", "4"), r.earlierRuns().stream().map(DbSession::id).toList());
        assertEquals(List.of("5", "6"), r.adminTools().stream().map(DbSession::id).toList());
        assertEquals(List.of("7", "8"), r.others().stream().map(DbSession::id).toList());
        assertEquals(List.of("3", "4"), r.busyEarlierRuns().stream().map(DbSession::id).toList());
    }

    @Test
    void adminToolsByNameNotDriversOrLookalikes() {
        assertTrue(SessionInspector.isAdminTool("psql"));
        assertTrue(SessionInspector.isAdminTool("pgAdmin 4 - DB:apim_db"));
        assertTrue(SessionInspector.isAdminTool("mysql"));
        assertTrue(SessionInspector.isAdminTool("Microsoft SQL Server Management Studio - Query"));
        assertTrue(!SessionInspector.isAdminTool("MySQL Connector/J"));
        assertTrue(!SessionInspector.isAdminTool("PostgreSQL JDBC Driver"));
        assertTrue(!SessionInspector.isAdminTool("psqlwrapper"));
        assertTrue(!SessionInspector.isAdminTool(null));
    }

    @Test
    void describesASessionWithAddressUserAndStatement() {
        DbSession s = new DbSession("4711", "wso2", "10.0.0.12:51034", "PostgreSQL JDBC Driver", "active", 30,
                "UPDATE  AM_API\n SET X = 1", true);
        assertEquals("session 4711 (wso2@10.0.0.12:51034, program 'PostgreSQL JDBC Driver', active for 30 s, running: UPDATE AM_API SET X = 1)",
                s.describe());
        assertTrue(RunTag.create().applicationName().matches("apim-upgrade/\\d{8}T\\d{6}-[0-9a-f]{4}"));
    }

    private static DbSession session(String id, String program, String statement) {
        return new DbSession(id, "wso2", "10.0.0.12", program, "active", 1, statement, true);
    }
}
