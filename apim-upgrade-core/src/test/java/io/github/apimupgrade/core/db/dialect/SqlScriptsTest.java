package io.github.apimupgrade.core.db.dialect;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.files.SafeFiles;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlScriptsTest {

    private static final List<String> RUNNABLE = List.of(SqlScripts.IDENTITY_UMA_DDL, SqlScripts.AM_DB_300_TO_310, SqlScripts.AM_DB_310_SCHEMA,
            SqlScripts.ANALYTICS_300_TO_310, SqlScripts.REGISTRY_INDEXES_400_TO_410);

    @Test
    void loads_a_script_with_its_sha256_and_name() {
        SqlScripts.Script s = SqlScripts.load(SqlScripts.AM_DB_300_TO_310, Dialects.POSTGRESQL);
        assertEquals("am-db-300-to-310/postgresql.sql", s.name());
        assertEquals("io/github/apimupgrade/core/sql/am-db-300-to-310/postgresql.sql", s.resource());
        assertEquals(SafeFiles.sha256(s.text()), s.sha256());
        assertEquals(64, s.sha256().length());
        assertEquals(s.sha256(), SqlScripts.load("am-db-300-to-310", "postgresql").sha256());
    }

    @Test
    void runnable_scripts_exist_for_all_seven_dialects() {
        for (String id : RUNNABLE) {
            for (Dialect d : Dialects.all()) {
                assertTrue(SqlScripts.exists(id, d), id + "/" + d.id());
            }
        }
    }

    @Test
    void no_runnable_script_drops_a_table() {
        for (String id : RUNNABLE) {
            for (Dialect d : Dialects.all()) {
                for (SqlStatement st : SqlScripts.load(id, d).statements()) {
                    assertFalse(d.target(st).map(StatementTarget::dropsTable).orElse(false), id + "/" + d.id() + ":" + st.line());
                    assertFalse(st.text().toUpperCase().contains("DROP TABLE"), id + "/" + d.id() + ":" + st.line());
                }
            }
        }
        // ...while the seed's PostgreSQL texts do, which is why they are not run
        assertTrue(SqlScripts.load(SqlScripts.AM_DB_300_TO_310_SEED, Dialects.POSTGRESQL).statements().stream()
                .anyMatch(st -> st.text().equals("DROP TABLE IF EXISTS AM_USER")));
    }

    @Test
    void every_ddl_statement_of_a_runnable_script_is_guardable() {
        // on dialects without IF NOT EXISTS the runner relies on StatementTarget + existsSql: every DDL statement
        // must be recognised, except the ones that are idempotent as they stand
        for (String id : RUNNABLE) {
            for (Dialect d : Dialects.all()) {
                for (SqlStatement st : SqlScripts.load(id, d).statements()) {
                    String t = st.text().toUpperCase().replaceAll("\\s+", " ");
                    // MODIFY (MySQL, Oracle) restates a column's full definition; T-SQL IF EXISTS ... BEGIN and DB2
                    // BEGIN ... END blocks look up what is still missing themselves
                    boolean idempotentAsIs = t.contains(" ALTER COLUMN ") || t.startsWith("CALL ") || t.startsWith("DECLARE ")
                            || t.matches("(?s)ALTER TABLE \\S+\\s+MODIFY\\b.*") || t.startsWith("BEGIN")
                            || t.matches("(?s)IF EXISTS \\(.*\\)\\s+BEGIN\\b.*");
                    if (!idempotentAsIs) {
                        StatementTarget target = d.target(st).orElseThrow(() -> new AssertionError(id + "/" + d.id() + ":" + st.line()));
                        assertTrue(target.selfGuarded() || (target.parameters().isPresent() && d.existsSql(target.kind()).isPresent()),
                                id + "/" + d.id() + ":" + st.line() + " " + target.describe());
                    }
                }
            }
        }
    }

    /**
     * WSO2's 3.1.0 AM_DB beyond the guide, in the text of every dialect (Oracle, SQL Server and DB2 cannot run here):
     * both certificate columns to 255, the old UNIQUE (NAME) of AM_SYSTEM_APPS dropped where the guide keeps it.
     */
    @Test
    void am_db_310_schema_widens_both_certificate_columns_and_drops_the_name_key_where_the_guide_keeps_it() {
        for (Dialect d : Dialects.all()) {
            String text = String.join("\n", SqlScripts.load(SqlScripts.AM_DB_310_SCHEMA, d).statements().stream()
                    .map(SqlStatement::text).toList()).replaceAll("\\s+", " ");
            for (String column : List.of("ALIAS", "END_POINT")) {
                assertTrue(text.matches("(?s).*\\b" + column + " (SET DATA TYPE |TYPE )?VARCHAR2?\\(255\\).*"), d.id() + " " + column + ": " + text);
            }
            boolean guideKeepsNameKey = List.of("h2", "mssql", "db2").contains(d.id());
            assertEquals(guideKeepsNameKey, text.contains("AM_SYSTEM_APPS"), d.id());
            assertFalse(text.contains("DROP TABLE"), d.id());
        }
        String mssql = SqlScripts.load(SqlScripts.AM_DB_310_SCHEMA, Dialects.MSSQL).text();
        assertTrue(mssql.contains("ADD CONSTRAINT [' + ISNULL(@PK, 'PK_ALIAS') + '] PRIMARY KEY (ALIAS)"), "the primary key comes back under its name");
        assertTrue(mssql.contains("KC.TYPE = 'UQ'") && mssql.contains("C.NAME = 'NAME'"), "the one-column unique key on NAME, by its columns");
        String db2 = SqlScripts.load(SqlScripts.AM_DB_310_SCHEMA, Dialects.DB2).text();
        assertTrue(db2.contains("T.TYPE = 'U'") && db2.contains("U.COLNAME = 'NAME'") && db2.contains("= 1"), db2);
    }

    /** MySQL/MariaDB: the three IDN_UMA timestamps as WSO2 4.1.0 declares them, and MODIFY for tables an earlier version made. */
    @Test
    void identity_uma_ddl_on_mysql_declares_its_timestamps_with_a_default_and_fixes_earlier_tables() {
        for (Dialect d : List.of(Dialects.MYSQL, Dialects.MARIADB)) {
            String text = SqlScripts.load(SqlScripts.IDENTITY_UMA_DDL, d).text().replaceAll("[ \\t]+", " ");
            // two CREATE TABLEs and two MODIFYs
            assertEquals(4, text.split("TIME_CREATED TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP", -1).length - 1, d.id());
            assertTrue(text.contains("EXPIRY_TIME TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"), d.id());
            assertTrue(text.contains("MODIFY EXPIRY_TIME TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP;"), d.id());
            assertTrue(text.contains("ALTER TABLE IDN_UMA_RESOURCE MODIFY TIME_CREATED TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP;"), d.id());
            assertFalse(text.matches("(?s).*TIMESTAMP NOT NULL,.*"), d.id() + ": a TIMESTAMP NOT NULL without default is left");
        }
    }

    /** The 4.0.0 -> 4.1.0 registry indexes: the same two (table, columns) in every dialect, as carbon-kernel 4.6.3 has them. */
    @Test
    void registry_indexes_400_to_410_add_the_two_kernel_463_indexes_in_every_dialect() {
        for (Dialect d : Dialects.all()) {
            List<String> shapes = SqlScripts.load(SqlScripts.REGISTRY_INDEXES_400_TO_410, d).statements().stream()
                    .map(st -> st.text().replaceAll("\\s+", " ").replaceAll(" ?, ?", ",").replaceAll("^.* ON ", "ON "))
                    .toList();
            assertEquals(List.of("ON REG_RESOURCE_TAG(REG_TAG_ID,REG_TENANT_ID)",
                    "ON REG_RESOURCE_PROPERTY(REG_TENANT_ID,REG_PROPERTY_ID)"), shapes, d.id());
        }
    }

    @Test
    void unknown_script_or_dialect_fails_clearly() {
        UpgradeException e = assertThrows(UpgradeException.class, () -> SqlScripts.load("no-such-script", Dialects.H2));
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertTrue(e.getMessage().contains("Unknown SQL script 'no-such-script'"), e.getMessage());
        UpgradeException missing = assertThrows(UpgradeException.class,
                () -> SqlScripts.load(SqlScripts.IDENTITY_UMA_DDL_SEED, Dialects.H2));
        assertTrue(missing.getMessage().contains("has no h2 version (it has: mariadb, mysql, postgresql, oracle, mssql, db2)"),
                missing.getMessage());
        assertThrows(UpgradeException.class, () -> SqlScripts.load(SqlScripts.AM_DB_300_TO_310, "sqlite"));
    }

    @Test
    void seed_texts_are_kept_as_written() {
        assertTrue(SqlScripts.load(SqlScripts.ANALYTICS_300_TO_310_SEED, Dialects.MSSQL).text()
                .contains("ALTER TABLE APILASTACCESSSUMMARYADD PRIMARY KEY"));
        assertEquals(SqlScripts.load(SqlScripts.AM_DB_300_TO_310_SEED, Dialects.MYSQL).text(),
                SqlScripts.load(SqlScripts.AM_DB_300_TO_310, Dialects.MYSQL).text());
    }
}
