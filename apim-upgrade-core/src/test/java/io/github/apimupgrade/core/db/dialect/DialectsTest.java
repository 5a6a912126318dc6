package io.github.apimupgrade.core.db.dialect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DialectsTest {

    /** Product names and versions as the vendors' JDBC drivers report them. */
    @ParameterizedTest(name = "{0} / {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "H2                   | 2.2.224 (2023-09-17)            | jdbc:h2:mem:x                                  | h2",
            "MySQL                | 8.0.36                          | jdbc:mysql://db:3306/am                        | mysql",
            "MySQL                | 5.7.44-log                      | jdbc:mysql://db:3306/am                        | mysql",
            // the MariaDB driver talking to a real MySQL server: the URL says mariadb, the server is MySQL
            "MySQL                | 8.0.36                          | jdbc:mariadb://db:3306/am                      | mysql",
            "MariaDB              | 10.11.6-MariaDB-0+deb12u1       | jdbc:mariadb://db:3306/am                      | mariadb",
            // MariaDB reporting itself as MySQL (MySQL Connector/J, older MariaDB drivers)
            "MySQL                | 5.5.5-10.6.12-MariaDB           | jdbc:mysql://db:3306/am                        | mariadb",
            "MySQL                | 10.3.39-MariaDB-log             | jdbc:mariadb://db:3306/am                      | mariadb",
            "PostgreSQL           | 15.5 (Debian 15.5-1.pgdg120+1)  | jdbc:postgresql://db:5432/am                   | postgresql",
            "Oracle               | Oracle Database 19c Enterprise Edition Release 19.0.0.0.0 | jdbc:oracle:thin:@db:1521/am | oracle",
            "Microsoft SQL Server | 16.00.4095                      | jdbc:sqlserver://db:1433;databaseName=am       | mssql",
            "DB2/LINUXX8664       | SQL110570                       | jdbc:db2://db:50000/am                         | db2",
            "DB2/NT64             | SQL110580                       | jdbc:db2://db:50000/am                         | db2",
    })
    void detects_every_database_from_its_metadata(String product, String version, String url, String expected) {
        assertEquals(expected, Dialects.detect(product, version, url).id());
    }

    @Test
    void without_a_product_name_the_url_decides() {
        assertEquals("mariadb", Dialects.detect(null, null, "jdbc:mariadb://db/am").id());
        assertEquals("oracle", Dialects.detect("", "", "jdbc:oracle:thin:@db:1521/am").id());
    }

    @Test
    void unknown_product_fails_naming_the_supported_ones() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dialects.detect("SQLite", "3.45", "jdbc:sqlite:x.db"));
        assertTrue(e.getMessage().contains("'SQLite'"));
        assertTrue(e.getMessage().contains("MariaDB"));
    }

    @ParameterizedTest
    @CsvSource({
            "jdbc:h2:./repository/database/WSO2AM_DB, h2",
            "jdbc:mysql://localhost:3306/am_db, mysql",
            "jdbc:mariadb://localhost:3306/am_db, mariadb",
            "jdbc:postgresql://localhost:5432/mig_am_db, postgresql",
            "jdbc:oracle:thin:@localhost:1521/mig_am_db, oracle",
            "jdbc:sqlserver://localhost:1433;databaseName=mig_am_db, mssql",
            "jdbc:jtds:sqlserver://localhost:1433/mig_am_db, mssql",
            "jdbc:db2://localhost:50000/mig_am_db, db2",
            "JDBC:POSTGRESQL://HOST/DB, postgresql",
    })
    void from_url(String url, String expected) {
        assertEquals(expected, Dialects.fromUrl(url).orElseThrow().id());
    }

    @Test
    void from_url_of_unknown_or_null_is_empty() {
        assertTrue(Dialects.fromUrl("jdbc:sqlite:x").isEmpty());
        assertTrue(Dialects.fromUrl(null).isEmpty());
    }

    @Test
    void seven_dialects_by_id_with_their_capabilities() {
        assertEquals(List.of("h2", "mariadb", "mysql", "postgresql", "oracle", "mssql", "db2"),
                Dialects.all().stream().map(Dialect::id).toList());
        for (Dialect d : Dialects.all()) {
            assertEquals(d, Dialects.byId(d.id().toUpperCase()).orElseThrow());
            assertTrue(d.historyTableDdl().startsWith("CREATE TABLE APIM_UPGRADE_HISTORY ("), d.id());
            assertNotNull(d.tableExistsSql(), d.id());
            assertTrue(d.tryLockSql() != null || !d.lockTableSql().isEmpty(), d.id() + " has a lock");
            for (ObjectKind k : ObjectKind.values()) {
                boolean expected = !(k == ObjectKind.SEQUENCE && d.id().equals("mysql"));
                assertEquals(expected, d.existsSql(k).isPresent(), d.id() + " " + k);
            }
        }
        assertTrue(Dialects.byId("sqlite").isEmpty());
        assertInstanceOf(MySqlDialect.class, Dialects.MARIADB);
        assertFalse(Dialects.H2.supportsDdlTransactions());
        assertFalse(Dialects.MYSQL.supportsDdlTransactions());
        assertFalse(Dialects.MARIADB.supportsDdlTransactions());
        assertFalse(Dialects.ORACLE.supportsDdlTransactions());
        assertTrue(Dialects.POSTGRESQL.supportsDdlTransactions());
        assertTrue(Dialects.MSSQL.supportsDdlTransactions());
        assertTrue(Dialects.DB2.supportsDdlTransactions());
    }

    @Test
    void mysql_history_table_avoids_the_auto_updating_timestamp() {
        assertTrue(Dialects.MYSQL.historyTableDdl().contains("STARTED DATETIME(3) NOT NULL"));
        assertFalse(Dialects.MARIADB.historyTableDdl().contains("TIMESTAMP"));
    }

    @org.junit.jupiter.api.Test
    void oracleAndDb2LockTheTableDatabaseLockCreates() {
        for (Dialect d : java.util.List.of(Dialects.ORACLE, Dialects.DB2)) {
            String lock = d.lockTableSql().get(d.lockTableSql().size() - 1);
            assertTrue(lock.startsWith("LOCK TABLE " + io.github.apimupgrade.core.db.DatabaseLock.LOCK_TABLE + " IN EXCLUSIVE MODE"), lock);
        }
        assertEquals("SET CURRENT LOCK TIMEOUT NOT WAIT", Dialects.DB2.lockTableSql().get(0));
    }
}
