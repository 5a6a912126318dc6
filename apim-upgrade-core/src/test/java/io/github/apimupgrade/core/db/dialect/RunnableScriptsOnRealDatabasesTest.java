package io.github.apimupgrade.core.db.dialect;

import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runnable scripts on real engines: H2 always, PostgreSQL and MariaDB from the local servers (or
 * Testcontainers; skipped without either). Scripts that are re-runnable by construction (IF NOT EXISTS) run twice
 * and keep the rows written in between; the MySQL scripts, which rely on existence guards, run guarded after a
 * simulated crash and again when complete.
 */
class RunnableScriptsOnRealDatabasesTest {

    /** A live database of one engine plus the dialect its scripts are written in. */
    private record Engine(String name, Dialect dialect, Connection connection, AutoCloseable resource) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            connection.close();
            if (resource != null) {
                resource.close();
            }
        }
    }

    private static Engine open(String engine) throws SQLException {
        return switch (engine) {
            case "h2" -> new Engine(engine, Dialects.H2, DriverManager.getConnection(TestDatabases.h2Url(), "sa", ""), null);
            case "postgresql" -> {
                TestDatabases.TestDb db = TestDatabases.postgres();
                yield new Engine(engine, Dialects.POSTGRESQL, db.connect(), db);
            }
            case "mariadb" -> {
                TestDatabases.TestDb db = TestDatabases.mariadb();
                yield new Engine(engine, Dialects.MARIADB, db.connect(), db);
            }
            default -> throw new IllegalArgumentException(engine);
        };
    }

    /** The 3.0.0 shape of the tables the 3.0.0 -> 3.1.0 AM_DB script references. */
    private static void createAmDb300(Engine e) throws SQLException {
        String serial = e.name().equals("postgresql") ? "SERIAL" : "INTEGER AUTO_INCREMENT";
        exec(e, "CREATE TABLE AM_API (API_ID " + serial + ", API_PROVIDER VARCHAR(200), API_NAME VARCHAR(200),"
                + " API_VERSION VARCHAR(30), CONTEXT VARCHAR(256), PRIMARY KEY (API_ID), UNIQUE (API_PROVIDER, API_NAME, API_VERSION))");
        exec(e, "CREATE TABLE AM_SYSTEM_APPS (ID " + serial + ", NAME VARCHAR(50) NOT NULL, CONSUMER_KEY VARCHAR(512) NOT NULL,"
                + " CONSUMER_SECRET VARCHAR(512) NOT NULL, CREATED_TIME TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
                + " UNIQUE (NAME), UNIQUE (CONSUMER_KEY), PRIMARY KEY (ID))");
        // WSO2 3.0.0 dbscripts/apimgt: ALIAS 45, END_POINT 100 (3.1.0: both 255)
        exec(e, "CREATE TABLE AM_CERTIFICATE_METADATA (TENANT_ID INTEGER NOT NULL, ALIAS VARCHAR(45) NOT NULL,"
                + " END_POINT VARCHAR(100) NOT NULL, CONSTRAINT PK_ALIAS PRIMARY KEY (ALIAS))");
        exec(e, "INSERT INTO AM_API (API_PROVIDER, API_NAME, API_VERSION, CONTEXT) VALUES ('admin', 'Pizza', '1.0.0', '/pizza')");
        exec(e, "INSERT INTO AM_SYSTEM_APPS (NAME, CONSUMER_KEY, CONSUMER_SECRET) VALUES ('apim_publisher', 'ck1', 'cs1')");
        exec(e, "INSERT INTO AM_CERTIFICATE_METADATA (TENANT_ID, ALIAS, END_POINT) VALUES (-1234, 'backend', 'https://backend:8243/')");
    }

    private static final List<String> UMA_TABLES = List.of("IDN_UMA_RESOURCE", "IDN_UMA_RESOURCE_META_DATA",
            "IDN_UMA_RESOURCE_SCOPE", "IDN_UMA_PERMISSION_TICKET", "IDN_UMA_PT_RESOURCE", "IDN_UMA_PT_RESOURCE_SCOPE");

    /**
     * What migrate-apim-db runs after the guide's script, compared with WSO2's own 3.1.0 AM_DB: certificate alias and
     * endpoint VARCHAR(255) (3.0.0: 45/100), no UNIQUE (NAME) on AM_SYSTEM_APPS (the guide's H2 script keeps it),
     * and the IDN_UMA_* tables 3.1.0 has and 3.0.0 lacks. The state after the guide's script alone is asserted first:
     * each assertion after it failed before am-db-310-schema and identity-uma-ddl joined the step.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void am_db_reaches_wso2s_310_widths_keys_and_uma_tables(String engine) throws Exception {
        try (Engine e = open(engine)) {
            createAmDb300(e);
            run(e, SqlScripts.AM_DB_300_TO_310, false);
            String longAlias = "a".repeat(255);
            String longEndpoint = "https://" + "e".repeat(238) + ".example/";
            String insertLong = "INSERT INTO AM_CERTIFICATE_METADATA (TENANT_ID, ALIAS, END_POINT) VALUES (-1234, '"
                    + longAlias + "', '" + longEndpoint + "')";
            String secondTenantApp = "INSERT INTO AM_SYSTEM_APPS (NAME, CONSUMER_KEY, CONSUMER_SECRET, TENANT_DOMAIN)"
                    + " VALUES ('apim_publisher', 'ck2', 'cs2', 'wso2.com')";
            assertEquals(45, width(e, "AM_CERTIFICATE_METADATA", "ALIAS"));
            assertEquals(100, width(e, "AM_CERTIFICATE_METADATA", "END_POINT"));
            assertThrows(SQLException.class, () -> exec(e, insertLong));
            assertFalse(exists(e, ObjectKind.TABLE, "IDN_UMA_RESOURCE"), "3.0.0's AM_DB has no IDN_UMA_* tables");
            assertEquals(engine.equals("h2"), exists(e, ObjectKind.UNIQUE_KEY, "AM_SYSTEM_APPS", "NAME"));
            assertEquals(engine.equals("h2") ? "null" : "-1", columnDefault(e, "AM_API_CATEGORIES", "TENANT_ID"));

            for (int pass = 1; pass <= 2; pass++) { // the second pass: nothing fails, nothing is lost
                run(e, SqlScripts.IDENTITY_UMA_DDL, true);
                run(e, SqlScripts.AM_DB_310_SCHEMA, true);
                assertEquals(255, width(e, "AM_CERTIFICATE_METADATA", "ALIAS"), "pass " + pass);
                assertEquals(255, width(e, "AM_CERTIFICATE_METADATA", "END_POINT"));
                assertEquals("NO", nullable(e, "AM_CERTIFICATE_METADATA", "ALIAS"));
                assertEquals("NO", nullable(e, "AM_CERTIFICATE_METADATA", "END_POINT"));
                assertTrue(exists(e, ObjectKind.PRIMARY_KEY_COLUMNS, "AM_CERTIFICATE_METADATA", "ALIAS"));
                assertFalse(exists(e, ObjectKind.UNIQUE_KEY, "AM_SYSTEM_APPS", "NAME"));
                assertTrue(exists(e, ObjectKind.UNIQUE_KEY, "AM_SYSTEM_APPS", "CONSUMER_KEY"));
                assertEquals("-1", columnDefault(e, "AM_API_CATEGORIES", "TENANT_ID"));
                for (String t : UMA_TABLES) {
                    assertTrue(exists(e, ObjectKind.TABLE, t), t);
                }
                if (pass == 1) {
                    exec(e, insertLong);
                    exec(e, secondTenantApp);
                }
            }
            assertEquals("https://backend:8243/", string(e, "SELECT END_POINT FROM AM_CERTIFICATE_METADATA WHERE ALIAS = 'backend'"));
            assertEquals("2", string(e, "SELECT COUNT(*) FROM AM_CERTIFICATE_METADATA"));
            assertEquals("2", string(e, "SELECT COUNT(*) FROM AM_SYSTEM_APPS WHERE NAME = 'apim_publisher'"));
            assertThrows(SQLException.class, () -> exec(e, "INSERT INTO AM_CERTIFICATE_METADATA (TENANT_ID, ALIAS, END_POINT)"
                    + " VALUES (-1234, 'backend', 'x')"), "ALIAS is still the primary key");
        }
    }

    /**
     * MySQL 5.7 as shipped (strict sql_mode with NO_ZERO_DATE, explicit_defaults_for_timestamp=OFF) and MariaDB <= 10.9
     * (explicit_defaults_for_timestamp=OFF), reproduced with session settings on the local MariaDB: the seed's
     * IDN_UMA DDL fails ("Invalid default value for 'EXPIRY_TIME'") after giving IDN_UMA_RESOURCE.TIME_CREATED
     * ON UPDATE CURRENT_TIMESTAMP; ours completes on top of what it left, with WSO2 4.1.0's DEFAULT CURRENT_TIMESTAMP
     * and no ON UPDATE on any of the three columns.
     */
    @Test
    void mysql_identity_script_runs_with_mysql_57_timestamp_defaults_and_never_updates_creation_times() throws Exception {
        try (Engine e = open("mariadb")) {
            exec(e, "SET SESSION explicit_defaults_for_timestamp = 0");
            exec(e, "SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
            SQLException seed = assertThrows(SQLException.class, () -> run(e, SqlScripts.IDENTITY_UMA_DDL_SEED, true));
            assertTrue(seed.getMessage().contains("Invalid default value for 'EXPIRY_TIME'"), seed.getMessage());
            assertTrue(extra(e, "IDN_UMA_RESOURCE", "TIME_CREATED").contains("on update"));

            run(e, SqlScripts.IDENTITY_UMA_DDL, true);
            List<String> again = run(e, SqlScripts.IDENTITY_UMA_DDL, true);
            assertEquals(2, again.size(), "a second run runs only the two MODIFY statements: " + again);
            for (String[] c : new String[][] {{"IDN_UMA_RESOURCE", "TIME_CREATED"}, {"IDN_UMA_PERMISSION_TICKET", "TIME_CREATED"},
                    {"IDN_UMA_PERMISSION_TICKET", "EXPIRY_TIME"}}) {
                assertFalse(extra(e, c[0], c[1]).contains("on update"), c[0] + "." + c[1]);
                assertTrue(columnDefault(e, c[0], c[1]).toLowerCase(java.util.Locale.ROOT).startsWith("current_timestamp"), c[0] + "." + c[1]);
                assertEquals("NO", nullable(e, c[0], c[1]));
            }
            exec(e, "INSERT INTO IDN_UMA_PERMISSION_TICKET (PT) VALUES ('ticket-1')"); // both times from their defaults
            exec(e, "INSERT INTO IDN_UMA_RESOURCE (RESOURCE_ID, TIME_CREATED) VALUES ('r1', TIMESTAMP '2020-01-01 00:00:00')");
            exec(e, "UPDATE IDN_UMA_RESOURCE SET RESOURCE_NAME = 'renamed'");
            assertTrue(string(e, "SELECT TIME_CREATED FROM IDN_UMA_RESOURCE").startsWith("2020-01-01 00:00:00"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void am_db_300_to_310_runs_twice_and_keeps_rows(String engine) throws Exception {
        try (Engine e = open(engine)) {
            createAmDb300(e);
            assertEquals(4 + (engine.equals("h2") ? 0 : 1), run(e, SqlScripts.AM_DB_300_TO_310, false).size());

            assertEquals("carbon.super", string(e, "SELECT TENANT_DOMAIN FROM AM_SYSTEM_APPS WHERE NAME = 'apim_publisher'"));
            exec(e, "INSERT INTO AM_USER (USER_ID, USER_NAME) VALUES ('u1', 'admin')");
            exec(e, "INSERT INTO AM_API_CATEGORIES (UUID, NAME, DESCRIPTION, TENANT_ID) VALUES ('c1', 'Food', 'd', -1234)");
            exec(e, "INSERT INTO AM_SECURITY_AUDIT_UUID_MAPPING (API_ID, AUDIT_UUID) VALUES ("
                    + string(e, "SELECT API_ID FROM AM_API") + ", 'audit-1')");

            run(e, SqlScripts.AM_DB_300_TO_310, false); // second run: no error, nothing dropped
            for (String t : List.of("AM_USER", "AM_API_CATEGORIES", "AM_SECURITY_AUDIT_UUID_MAPPING", "AM_SYSTEM_APPS")) {
                assertEquals("1", string(e, "SELECT COUNT(*) FROM " + t), t + " keeps its rows");
            }
            assertTrue(exists(e, ObjectKind.COLUMN, "AM_SYSTEM_APPS", "TENANT_DOMAIN"));
            // 3.1.0: a system app name is unique per tenant, no longer globally. The guide's H2 script (like its DB2
            // and SQL Server ones) does not drop the old UNIQUE (NAME): am-db-310-schema does (test above).
            String sameNameOtherTenant = "INSERT INTO AM_SYSTEM_APPS (NAME, CONSUMER_KEY, CONSUMER_SECRET, TENANT_DOMAIN)"
                    + " VALUES ('apim_publisher', 'ck2', 'cs2', 'wso2.com')";
            if (engine.equals("h2")) {
                assertThrows(SQLException.class, () -> exec(e, sameNameOtherTenant));
            } else {
                exec(e, sameNameOtherTenant);
                assertFalse(exists(e, ObjectKind.UNIQUE_KEY, "AM_SYSTEM_APPS", "NAME"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void identity_uma_ddl_runs_twice_and_keeps_rows(String engine) throws Exception {
        try (Engine e = open(engine)) {
            boolean guards = engine.equals("mariadb"); // MySQL's text (no CREATE INDEX IF NOT EXISTS) under the runner's guards
            run(e, SqlScripts.IDENTITY_UMA_DDL, guards);
            exec(e, "INSERT INTO IDN_UMA_RESOURCE (RESOURCE_ID, RESOURCE_NAME, TIME_CREATED, RESOURCE_OWNER_NAME, CLIENT_ID, USER_DOMAIN)"
                    + " VALUES ('r1', 'photo', CURRENT_TIMESTAMP, 'admin', 'client', 'PRIMARY')");
            exec(e, "INSERT INTO IDN_UMA_RESOURCE_SCOPE (RESOURCE_IDENTITY, SCOPE_NAME) VALUES ("
                    + string(e, "SELECT ID FROM IDN_UMA_RESOURCE") + ", 'view')");

            run(e, SqlScripts.IDENTITY_UMA_DDL, guards);
            assertEquals("1", string(e, "SELECT COUNT(*) FROM IDN_UMA_RESOURCE"));
            assertEquals("1", string(e, "SELECT COUNT(*) FROM IDN_UMA_RESOURCE_SCOPE"));
            for (String t : List.of("IDN_UMA_RESOURCE", "IDN_UMA_RESOURCE_META_DATA", "IDN_UMA_RESOURCE_SCOPE",
                    "IDN_UMA_PERMISSION_TICKET", "IDN_UMA_PT_RESOURCE", "IDN_UMA_PT_RESOURCE_SCOPE")) {
                assertTrue(exists(e, ObjectKind.TABLE, t), t);
            }
            assertTrue(exists(e, ObjectKind.INDEX, "IDN_UMA_RESOURCE", "IDX_RID"));
            assertTrue(exists(e, ObjectKind.INDEX, "IDN_UMA_RESOURCE", "IDX_USER"));
            assertTrue(exists(e, ObjectKind.INDEX, "IDN_UMA_RESOURCE_SCOPE", "IDX_RS"));
            assertTrue(exists(e, ObjectKind.INDEX, "IDN_UMA_PERMISSION_TICKET", "IDX_PT"));
            if (engine.equals("postgresql")) {
                assertTrue(exists(e, ObjectKind.SEQUENCE, "IDN_UMA_PT_RESOURCE_SCOPE_SEQ"));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void analytics_primary_key_gains_the_api_version_and_runs_twice(String engine) throws Exception {
        try (Engine e = open(engine)) {
            String version = engine.equals("h2") ? "VARCHAR(100)" : "VARCHAR(254) NOT NULL"; // H2's script also widens it
            exec(e, "CREATE TABLE APILASTACCESSSUMMARY (APINAME VARCHAR(254) NOT NULL, APIVERSION " + version + ","
                    + " APICREATOR VARCHAR(254) NOT NULL, APICREATORTENANTDOMAIN VARCHAR(254) NOT NULL,"
                    + " APICONTEXT VARCHAR(254), LASTACCESSTIME BIGINT,"
                    + " PRIMARY KEY (APINAME, APICREATOR, APICREATORTENANTDOMAIN))"
                    // four VARCHAR(254) key columns exceed InnoDB's 3072-byte key limit in utf8mb4: the analytics
                    // tables Siddhi created on MySQL/MariaDB are in a single-byte charset or the seed script fails
                    + (engine.equals("mariadb") ? " CHARACTER SET latin1" : ""));
            exec(e, "INSERT INTO APILASTACCESSSUMMARY VALUES ('Pizza', '1.0.0', 'admin', 'carbon.super', '/pizza', 1)");
            String keyOrder = engine.equals("h2") ? "APINAME,APIVERSION,APICREATOR,APICREATORTENANTDOMAIN"
                    : "APINAME,APICREATOR,APIVERSION,APICREATORTENANTDOMAIN";
            assertFalse(exists(e, ObjectKind.PRIMARY_KEY_COLUMNS, "APILASTACCESSSUMMARY", keyOrder));

            run(e, SqlScripts.ANALYTICS_300_TO_310, false);
            run(e, SqlScripts.ANALYTICS_300_TO_310, false);

            assertTrue(exists(e, ObjectKind.PRIMARY_KEY_COLUMNS, "APILASTACCESSSUMMARY", keyOrder));
            exec(e, "INSERT INTO APILASTACCESSSUMMARY VALUES ('Pizza', '2.0.0', 'admin', 'carbon.super', '/pizza', 2)");
            assertEquals("2", string(e, "SELECT COUNT(*) FROM APILASTACCESSSUMMARY"));
        }
    }

    /** The MySQL script (no IF NOT EXISTS on its ALTERs) on MariaDB: crash after two statements, guarded re-run, third run. */
    @Test
    void mysql_am_db_script_completes_after_a_crash_with_guards_and_is_then_a_no_op() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.mariadb();
             Engine e = new Engine("mariadb", Dialects.MYSQL, db.connect(), null)) {
            createAmDb300(e);
            List<SqlStatement> all = SqlScripts.load(SqlScripts.AM_DB_300_TO_310, Dialects.MYSQL).statements();
            for (SqlStatement st : all.subList(0, 2)) {
                exec(e, st.text()); // the "crash" happens after the ADD TENANT_DOMAIN
            }
            SQLException unguarded = assertThrows(SQLException.class, () -> run(e, SqlScripts.AM_DB_300_TO_310, false));
            assertTrue(unguarded.getMessage().contains("TENANT_DOMAIN"), unguarded.getMessage());

            assertEquals(List.of(all.get(2).text(), all.get(3).text(), all.get(4).text()), run(e, SqlScripts.AM_DB_300_TO_310, true));
            assertEquals(List.of(), run(e, SqlScripts.AM_DB_300_TO_310, true));
            assertFalse(exists(e, ObjectKind.INDEX, "AM_SYSTEM_APPS", "NAME"));
        }
    }

    /**
     * The MySQL identity script (CREATE INDEX has no IF NOT EXISTS on MySQL) on MariaDB: guarded, the second run runs
     * only its two MODIFY statements (they re-run harmlessly).
     */
    @Test
    void mysql_identity_script_second_guarded_run_runs_only_its_modify_statements() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.mariadb();
             Engine e = new Engine("mariadb", Dialects.MYSQL, db.connect(), null)) {
            assertEquals(12, run(e, SqlScripts.IDENTITY_UMA_DDL, true).size());
            SQLException unguarded = assertThrows(SQLException.class, () -> run(e, SqlScripts.IDENTITY_UMA_DDL, false));
            assertTrue(unguarded.getMessage().contains("IDX_RID"), unguarded.getMessage());
            List<String> again = run(e, SqlScripts.IDENTITY_UMA_DDL, true);
            assertEquals(2, again.size(), again.toString());
            assertTrue(again.stream().allMatch(x -> x.startsWith("ALTER TABLE IDN_UMA_") && x.contains("MODIFY")), again.toString());
        }
    }

    /** The seed's H2 script (its ALTER TABLE ADD is not re-runnable) completes under guards on H2. */
    @Test
    void h2_seed_script_is_a_no_op_under_guards() throws Exception {
        try (Engine e = new Engine("h2", Dialects.H2, DriverManager.getConnection(TestDatabases.h2Url(), "sa", ""), null)) {
            createAmDb300(e);
            assertEquals(4, run(e, SqlScripts.AM_DB_300_TO_310_SEED, false).size());
            assertThrows(SQLException.class, () -> run(e, SqlScripts.AM_DB_300_TO_310_SEED, false));
            assertEquals(List.of(), run(e, SqlScripts.AM_DB_300_TO_310_SEED, true));
        }
    }

    /** Every existence query of the three testable dialects, present and absent. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void existence_checks_see_what_exists_and_only_that(String engine) throws Exception {
        try (Engine e = open(engine)) {
            exec(e, "CREATE TABLE T_ONE (A INTEGER NOT NULL, B INTEGER NOT NULL, C INTEGER, PRIMARY KEY (A, B), CONSTRAINT UQ_ONE UNIQUE (C, B))");
            exec(e, "CREATE TABLE T_TWO (X INTEGER)");
            exec(e, "CREATE INDEX IDX_ONE ON T_ONE (C)");
            switch (engine) {
                case "h2" -> {
                    exec(e, "CREATE SEQUENCE SEQ_ONE");
                    exec(e, "CREATE TRIGGER TRG_ONE BEFORE INSERT ON T_TWO FOR EACH ROW CALL \"" + NoopTrigger.class.getName() + "\"");
                }
                case "postgresql" -> {
                    exec(e, "CREATE SEQUENCE SEQ_ONE");
                    exec(e, "CREATE FUNCTION F_ONE() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql");
                    exec(e, "CREATE TRIGGER TRG_ONE BEFORE INSERT ON T_TWO FOR EACH ROW EXECUTE FUNCTION F_ONE()");
                }
                default -> {
                    exec(e, "CREATE SEQUENCE SEQ_ONE");
                    exec(e, "CREATE TRIGGER TRG_ONE BEFORE INSERT ON T_TWO FOR EACH ROW SET NEW.X = 1");
                }
            }
            assertTrue(exists(e, ObjectKind.TABLE, "T_ONE"));
            assertFalse(exists(e, ObjectKind.TABLE, "T_THREE"));
            assertTrue(exists(e, ObjectKind.COLUMN, "T_ONE", "C"));
            assertFalse(exists(e, ObjectKind.COLUMN, "T_ONE", "X"));
            assertTrue(exists(e, ObjectKind.INDEX, "T_ONE", "IDX_ONE"));
            assertFalse(exists(e, ObjectKind.INDEX, "T_TWO", "IDX_ONE"));
            assertTrue(exists(e, ObjectKind.INDEX_IN_SCHEMA, "IDX_ONE"));
            assertFalse(exists(e, ObjectKind.INDEX_IN_SCHEMA, "IDX_TWO"));
            assertTrue(exists(e, ObjectKind.SEQUENCE, "SEQ_ONE"));
            assertFalse(exists(e, ObjectKind.SEQUENCE, "SEQ_TWO"));
            assertTrue(exists(e, ObjectKind.TRIGGER, "TRG_ONE"));
            assertFalse(exists(e, ObjectKind.TRIGGER, "TRG_TWO"));
            assertTrue(exists(e, ObjectKind.CONSTRAINT, "T_ONE", "UQ_ONE"));
            assertFalse(exists(e, ObjectKind.CONSTRAINT, "T_TWO", "UQ_ONE"));
            assertTrue(exists(e, ObjectKind.PRIMARY_KEY, "T_ONE"));
            assertFalse(exists(e, ObjectKind.PRIMARY_KEY, "T_TWO"));
            assertTrue(exists(e, ObjectKind.PRIMARY_KEY_COLUMNS, "T_ONE", "A,B"));
            assertFalse(exists(e, ObjectKind.PRIMARY_KEY_COLUMNS, "T_ONE", "B,A"));
            assertFalse(exists(e, ObjectKind.PRIMARY_KEY_COLUMNS, "T_ONE", "A"));
            assertTrue(exists(e, ObjectKind.UNIQUE_KEY, "T_ONE", "C,B"));
            assertFalse(exists(e, ObjectKind.UNIQUE_KEY, "T_ONE", "C"));

            // and through the statement guard, as the runner uses it
            assertEquals(true, ExistenceCheck.alreadyApplied(e.connection(), e.dialect(), new SqlStatement("CREATE TABLE T_ONE (A INT)", 1)).orElseThrow());
            assertEquals(false, ExistenceCheck.alreadyApplied(e.connection(), e.dialect(), new SqlStatement("ALTER TABLE T_ONE ADD D INT", 1)).orElseThrow());
            assertEquals(true, ExistenceCheck.alreadyApplied(e.connection(), e.dialect(), new SqlStatement("ALTER TABLE T_TWO DROP PRIMARY KEY", 1)).orElseThrow());
            assertTrue(ExistenceCheck.alreadyApplied(e.connection(), e.dialect(), new SqlStatement("DELETE FROM T_ONE", 1)).isEmpty());
            assertEquals(java.util.Optional.of("create index IDX_ONE on T_ONE: already done"),
                    ExistenceCheck.skipReason(e.connection(), e.dialect(), new SqlStatement("CREATE INDEX IDX_ONE ON T_ONE (C)", 1)));
            assertTrue(ExistenceCheck.skipReason(e.connection(), e.dialect(), new SqlStatement("DROP INDEX IDX_ONE" + (engine.equals("mariadb") ? " ON T_ONE" : ""), 1)).isEmpty());
        }
    }

    /**
     * 4.0.0 -> 4.1.0 step 1.5 on a registry in 4.0.0's shape (carbon-kernel v4.6.2 dbscripts: REG_RESOURCE_TAG and
     * REG_RESOURCE_PROPERTY with their path and version indexes only): the two indexes 4.6.3 has are created with
     * their columns in 4.6.3's order, a second run creates nothing, the rows and the old indexes stay.
     */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void registry_gets_the_two_kernel_463_indexes_once(String engine) throws Exception {
        try (Engine e = open(engine)) {
            exec(e, "CREATE TABLE REG_RESOURCE_TAG (REG_TAG_ID INTEGER NOT NULL, REG_VERSION INTEGER, REG_PATH_ID INTEGER,"
                    + " REG_RESOURCE_NAME VARCHAR(256), REG_TENANT_ID INTEGER DEFAULT 0)");
            exec(e, "CREATE INDEX REG_RESOURCE_TAG_IND_BY_VERSION ON REG_RESOURCE_TAG(REG_VERSION, REG_TENANT_ID)");
            exec(e, "CREATE TABLE REG_RESOURCE_PROPERTY (REG_PROPERTY_ID INTEGER NOT NULL, REG_VERSION INTEGER, REG_PATH_ID INTEGER,"
                    + " REG_RESOURCE_NAME VARCHAR(256), REG_TENANT_ID INTEGER DEFAULT 0)");
            exec(e, "CREATE INDEX REG_RESOURCE_PROPERTY_IND_BY_VERSION ON REG_RESOURCE_PROPERTY(REG_VERSION, REG_TENANT_ID)");
            exec(e, "INSERT INTO REG_RESOURCE_TAG (REG_TAG_ID, REG_VERSION, REG_PATH_ID, REG_RESOURCE_NAME, REG_TENANT_ID)"
                    + " VALUES (7, 1, 3, 'api', -1234)");
            assertEquals(List.of(), indexColumns(e, "REG_RESOURCE_TAG", "REG_TAG_ID"));

            assertEquals(2, run(e, SqlScripts.REGISTRY_INDEXES_400_TO_410, true).size());
            String propertyIndex = engine.equals("h2") ? "REG_RESOURCE_PROPERTY_REG_PROP_ID" : "REG_RESOURCE_PROPERTY_IND_BY_REG_PROP_ID";
            assertEquals(List.of("REG_RESOURCE_TAG_IND_BY_REG_TAG_ID:REG_TAG_ID,REG_TENANT_ID"),
                    indexColumns(e, "REG_RESOURCE_TAG", "REG_TAG_ID"));
            assertEquals(List.of(propertyIndex + ":REG_TENANT_ID,REG_PROPERTY_ID"),
                    indexColumns(e, "REG_RESOURCE_PROPERTY", "REG_TENANT_ID"));
            assertEquals(List.of("REG_RESOURCE_TAG_IND_BY_VERSION:REG_VERSION,REG_TENANT_ID"),
                    indexColumns(e, "REG_RESOURCE_TAG", "REG_VERSION"), "4.0.0's own index stays");

            assertEquals(List.of(), run(e, SqlScripts.REGISTRY_INDEXES_400_TO_410, true), "a second run has nothing to create");
            assertEquals(1, indexColumns(e, "REG_RESOURCE_TAG", "REG_TAG_ID").size());
            assertEquals("1", string(e, "SELECT COUNT(*) FROM REG_RESOURCE_TAG"));
        }
    }

    /** "NAME:COL1,COL2" of the table's non-unique indexes whose first column is {@code first} (upper case). */
    private static List<String> indexColumns(Engine e, String table, String first) throws SQLException {
        java.util.Map<String, java.util.TreeMap<Integer, String>> byIndex = new java.util.TreeMap<>();
        java.sql.DatabaseMetaData md = e.connection().getMetaData();
        for (String name : List.of(table, table.toLowerCase(java.util.Locale.ROOT))) {
            try (ResultSet rs = md.getIndexInfo(e.connection().getCatalog(), e.connection().getSchema(), name, false, false)) {
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") != null && rs.getString("COLUMN_NAME") != null) {
                        byIndex.computeIfAbsent(rs.getString("INDEX_NAME").toUpperCase(java.util.Locale.ROOT), k -> new java.util.TreeMap<>())
                                .put((int) rs.getShort("ORDINAL_POSITION"), rs.getString("COLUMN_NAME").toUpperCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        byIndex.forEach((index, cols) -> {
            if (cols.firstEntry().getValue().equals(first)) {
                out.add(index + ":" + String.join(",", cols.values()));
            }
        });
        return out;
    }

    /** H2 triggers are Java classes. */
    public static final class NoopTrigger implements org.h2.api.Trigger {
        @Override
        public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Runs a script statement by statement; guarded, skips statements whose effect is present. Returns what ran. */
    private static List<String> run(Engine e, String scriptId, boolean guarded) throws SQLException {
        List<String> executed = new ArrayList<>();
        for (SqlStatement st : SqlScripts.load(scriptId, e.dialect()).statements()) {
            if (guarded && ExistenceCheck.alreadyApplied(e.connection(), e.dialect(), st).orElse(false)) {
                continue;
            }
            exec(e, e.dialect().executableText(e.connection(), st));
            executed.add(st.text());
        }
        return executed;
    }

    private static boolean exists(Engine e, ObjectKind kind, String... params) throws SQLException {
        return ExistenceCheck.exists(e.connection(), e.dialect().existsSql(kind).orElseThrow(), List.of(params));
    }

    /** One column's INFORMATION_SCHEMA.COLUMNS value, in the current schema (database on MariaDB). */
    private static String column(Engine e, String what, String table, String column) throws SQLException {
        String schema = switch (e.name()) {
            case "postgresql" -> "current_schema()";
            case "mariadb" -> "DATABASE()";
            default -> "CURRENT_SCHEMA";
        };
        try (java.sql.PreparedStatement ps = e.connection().prepareStatement("SELECT " + what + " FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = " + schema + " AND UPPER(TABLE_NAME) = ? AND UPPER(COLUMN_NAME) = ?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), table + "." + column);
                return String.valueOf(rs.getString(1));
            }
        }
    }

    private static int width(Engine e, String table, String column) throws SQLException {
        return Integer.parseInt(column(e, "CHARACTER_MAXIMUM_LENGTH", table, column));
    }

    private static String nullable(Engine e, String table, String column) throws SQLException {
        return column(e, "IS_NULLABLE", table, column);
    }

    /** The default as written, without PostgreSQL's cast and quotes ("'-1'::integer" is -1). */
    private static String columnDefault(Engine e, String table, String column) throws SQLException {
        return column(e, "COLUMN_DEFAULT", table, column).replaceAll("::[a-z ]+$", "").replace("'", "");
    }

    private static String extra(Engine e, String table, String column) throws SQLException {
        return column(e, "EXTRA", table, column).toLowerCase(java.util.Locale.ROOT);
    }

    private static void exec(Engine e, String sql) throws SQLException {
        try (Statement s = e.connection().createStatement()) {
            s.execute(sql);
        }
    }

    private static String string(Engine e, String sql) throws SQLException {
        try (Statement s = e.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
