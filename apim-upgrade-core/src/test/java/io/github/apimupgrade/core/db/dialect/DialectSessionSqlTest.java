package io.github.apimupgrade.core.db.dialect;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lock, session and identity SQL of the dialects that cannot run here (Oracle, SQL Server, DB2), as exact text,
 * and the MySQL lock name's limits. The PostgreSQL and MariaDB SQL runs against the real servers
 * (DatabaseLocksTest, LockKeepAliveTest, DatabaseLockScopeTest).
 */
class DialectSessionSqlTest {

    @Test
    void mysqlLockNameCarriesTheDatabaseWithinGetLocksLimit() {
        Dialect d = Dialects.MYSQL;
        assertEquals("apim-upgrade:am_db", d.lockName("apim-upgrade", "am_db"));
        String longDb = "wso2_apim_production_registry_database_of_the_eu_west_cluster_1"; // 63 characters
        String a = d.lockName("apim-upgrade", longDb);
        String b = d.lockName("apim-upgrade", longDb.replace("_1", "_2"));
        assertEquals(64, a.length(), a);
        assertTrue(a.startsWith("apim-upgrade:wso2_apim_production"), a);
        assertTrue(!a.equals(b), "two long names stay two locks: " + a + " / " + b);
        assertEquals("apim-upgrade:am_db", Dialects.MARIADB.lockName("apim-upgrade", "am_db"));
        assertEquals(Optional.of("SELECT IS_USED_LOCK(?) = CONNECTION_ID()"), d.lockHeldSql());
        assertEquals(Optional.of("KILL CONNECTION 4711"), d.endSessionSql("4711"));
        assertThrows(NumberFormatException.class, () -> d.endSessionSql("1; DROP TABLE X"));
        assertEquals(Map.of("connectionAttributes", "program_name:apim-upgrade/x"), d.applicationNameProperties("apim-upgrade/x"));
        assertTrue(d.tagsStatements());
    }

    @Test
    void sqlServerAppLockIsPerDatabaseAndSchemaAndChecksItsMode() {
        Dialect d = Dialects.MSSQL;
        assertEquals("apim-upgrade:dbo", d.lockName("apim-upgrade", "dbo"));
        assertEquals("SET NOCOUNT ON; DECLARE @r INT; EXEC @r = sp_getapplock @Resource = ?, @LockMode = 'Exclusive',"
                + " @LockOwner = 'Session', @LockTimeout = 0; SELECT CASE WHEN @r >= 0 THEN 1 ELSE 0 END", d.tryLockSql());
        assertEquals(Optional.of("SELECT CASE WHEN APPLOCK_MODE('public', ?, 'Session') = 'Exclusive' THEN 1 ELSE 0 END"),
                d.lockHeldSql());
        assertEquals(Optional.of("SELECT DB_NAME(), SCHEMA_NAME()"), d.identitySql());
        assertEquals(Optional.of("SELECT 'mssql:' + CAST(SERVERPROPERTY('ServerName') AS NVARCHAR(256))"), d.serverIdSql());
        assertEquals(Optional.of("SELECT @@SPID"), d.sessionIdSql());
        assertEquals(List.of("SELECT CAST(s.session_id AS VARCHAR(10)), s.login_name, c.client_net_address,"
                + " s.program_name, COALESCE(r.status, s.status),"
                + " DATEDIFF(SECOND, COALESCE(r.start_time, s.last_request_end_time), GETDATE()), t.text,"
                + " CASE WHEN r.session_id IS NOT NULL OR s.open_transaction_count > 0 THEN 1 ELSE 0 END"
                + " FROM sys.dm_exec_sessions s"
                + " LEFT JOIN sys.dm_exec_connections c ON c.session_id = s.session_id"
                + " LEFT JOIN sys.dm_exec_requests r ON r.session_id = s.session_id"
                + " OUTER APPLY sys.dm_exec_sql_text(r.sql_handle) t"
                + " WHERE s.database_id = DB_ID() AND s.is_user_process = 1 AND s.session_id <> @@SPID"
                + " ORDER BY s.login_time"), d.sessionsSql());
        assertEquals(Optional.of("KILL 57"), d.endSessionSql("57"));
        assertEquals(Map.of("applicationName", "apim-upgrade/x"), d.applicationNameProperties("apim-upgrade/x"));
        assertEquals("SELECT 1", d.keepAliveSql());
    }

    @Test
    void oracleLocksPerSchemaAndChecksItsOpenTransaction() {
        Dialect d = Dialects.ORACLE;
        assertEquals(List.of("LOCK TABLE APIM_UPGRADE_LOCK IN EXCLUSIVE MODE NOWAIT"), d.lockTableSql());
        assertEquals(Optional.of("SELECT DBMS_TRANSACTION.LOCAL_TRANSACTION_ID FROM DUAL"), d.transactionIdSql());
        assertEquals("SELECT 1 FROM DUAL", d.keepAliveSql());
        assertEquals(Optional.of("SELECT SYS_CONTEXT('USERENV', 'DB_NAME'), SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA') FROM DUAL"),
                d.identitySql());
        assertEquals(Optional.of("SELECT 'oracle:' || SYS_CONTEXT('USERENV', 'SERVER_HOST') || ':'"
                + " || SYS_CONTEXT('USERENV', 'DB_UNIQUE_NAME') || '/' || SYS_CONTEXT('USERENV', 'CON_NAME') FROM DUAL"), d.serverIdSql());
        assertEquals(Optional.of("SELECT SYS_CONTEXT('USERENV', 'SID') FROM DUAL"), d.sessionIdSql());
        assertEquals(List.of("SELECT s.SID || ',' || s.SERIAL#, s.USERNAME, s.MACHINE, s.PROGRAM, s.STATUS,"
                + " s.LAST_CALL_ET, q.SQL_TEXT, CASE WHEN s.STATUS = 'ACTIVE' OR s.TADDR IS NOT NULL THEN 1 ELSE 0 END"
                + " FROM V$SESSION s LEFT JOIN V$SQL q ON q.SQL_ID = s.SQL_ID AND q.CHILD_NUMBER = s.SQL_CHILD_NUMBER"
                + " WHERE s.TYPE = 'USER' AND s.SCHEMANAME = SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA')"
                + " AND s.SID <> SYS_CONTEXT('USERENV', 'SID') ORDER BY s.LOGON_TIME"), d.sessionsSql());
        assertEquals(Optional.of("ALTER SYSTEM KILL SESSION '12,3456' IMMEDIATE"), d.endSessionSql("12,3456"));
        assertThrows(IllegalArgumentException.class, () -> d.endSessionSql("12,3' IMMEDIATE; --"));
        assertEquals(Map.of("v$session.program", "apim-upgrade/20261202T004512-3fa9"),
                d.applicationNameProperties("apim-upgrade/20261202T004512-3fa9"));
        assertEquals(48, d.applicationNameProperties("x".repeat(60)).get("v$session.program").length());
    }

    @Test
    void db2LocksPerSchemaAndChecksItsUnitOfWork() {
        Dialect d = Dialects.DB2;
        assertEquals(List.of("SET CURRENT LOCK TIMEOUT NOT WAIT", "LOCK TABLE APIM_UPGRADE_LOCK IN EXCLUSIVE MODE"), d.lockTableSql());
        assertEquals(Optional.of("SELECT UOW_ID FROM TABLE(MON_GET_UNIT_OF_WORK(MON_GET_APPLICATION_HANDLE(), -1))"),
                d.transactionIdSql());
        assertEquals("SELECT 1 FROM SYSIBM.SYSDUMMY1", d.keepAliveSql());
        assertEquals(Optional.of("SELECT CURRENT SERVER, CURRENT SCHEMA FROM SYSIBM.SYSDUMMY1"), d.identitySql());
        assertEquals(Optional.empty(), d.serverIdSql(), "DB2 falls back to the normalised host");
        assertEquals(Optional.of("SELECT MON_GET_APPLICATION_HANDLE() FROM SYSIBM.SYSDUMMY1"), d.sessionIdSql());
        assertEquals(List.of("SELECT CHAR(c.APPLICATION_HANDLE), c.SESSION_AUTH_ID, c.CLIENT_IPADDR,"
                + " COALESCE(c.CLIENT_APPLNAME, c.APPLICATION_NAME), u.WORKLOAD_OCCURRENCE_STATE,"
                + " TIMESTAMPDIFF(2, CHAR(CURRENT TIMESTAMP - COALESCE(u.UOW_START_TIME, c.CONNECTION_START_TIME))), NULL,"
                + " CASE WHEN u.WORKLOAD_OCCURRENCE_STATE IN ('UOWEXEC', 'UOWWAIT') THEN 1 ELSE 0 END"
                + " FROM TABLE(MON_GET_CONNECTION(NULL, -2)) c"
                + " LEFT JOIN TABLE(MON_GET_UNIT_OF_WORK(NULL, -2)) u ON u.APPLICATION_HANDLE = c.APPLICATION_HANDLE"
                + " WHERE c.APPLICATION_HANDLE <> MON_GET_APPLICATION_HANDLE() AND c.IS_SYSTEM_APPL = 0"
                + " ORDER BY c.CONNECTION_START_TIME"), d.sessionsSql());
        assertEquals(Optional.of("CALL SYSPROC.ADMIN_CMD('FORCE APPLICATION (815)')"), d.endSessionSql("815 "));
        assertEquals(Map.of("clientApplicationInformation", "apim-upgrade/x"), d.applicationNameProperties("apim-upgrade/x"));
    }

    @Test
    void h2HasNoSessionsToCheck() {
        assertEquals(List.of(), Dialects.H2.sessionsSql());
        assertEquals(Map.of(), Dialects.H2.applicationNameProperties("apim-upgrade/x"));
    }
}
