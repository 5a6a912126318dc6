package io.github.apimupgrade.core.db.dialect;

import io.github.apimupgrade.core.db.dialect.StatementTarget.Operation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementTargetTest {

    private static StatementTarget parse(String sql) {
        return StatementTarget.parse(sql).orElseThrow(() -> new AssertionError("not recognised: " + sql));
    }

    @Test
    void create_table_in_its_forms() {
        assertEquals(new StatementTarget(Operation.CREATE, ObjectKind.TABLE, "AM_USER", "AM_USER", List.of(), false),
                parse("CREATE TABLE AM_USER (\n USER_ID VARCHAR(255) NOT NULL\n)"));
        assertEquals(new StatementTarget(Operation.CREATE, ObjectKind.TABLE, "AM_USER", "AM_USER", List.of(), true),
                parse("create table if not exists am_user (a int)"));
        assertEquals("T", parse("CREATE TABLE dbo.[T] (A INT)").name());
        assertEquals("T", parse("CREATE TABLE \"public\".\"t\" (A INT)").name());
        assertEquals("T", parse("CREATE TABLE `am`.`t` (A INT)").name());
    }

    @Test
    void mssql_if_not_exists_create_is_self_guarded() {
        StatementTarget t = parse("""
                IF NOT  EXISTS (SELECT * FROM SYS.OBJECTS WHERE OBJECT_ID = OBJECT_ID(N'[DBO].[IDN_UMA_RESOURCE]') AND TYPE IN (N'U'))
                CREATE TABLE IDN_UMA_RESOURCE (
                ID INTEGER IDENTITY NOT NULL)""");
        assertEquals(new StatementTarget(Operation.CREATE, ObjectKind.TABLE, "IDN_UMA_RESOURCE", "IDN_UMA_RESOURCE", List.of(), true), t);
        assertEquals(Optional.of(List.of("IDN_UMA_RESOURCE")), t.parameters());
    }

    @Test
    void indexes_sequences_triggers() {
        assertEquals(new StatementTarget(Operation.CREATE, ObjectKind.INDEX, "IDN_UMA_RESOURCE", "IDX_USER", List.of(), false),
                parse("CREATE INDEX IDX_USER ON IDN_UMA_RESOURCE (RESOURCE_OWNER_NAME, USER_DOMAIN)"));
        assertTrue(parse("CREATE UNIQUE INDEX IF NOT EXISTS I ON T (A)").selfGuarded());
        assertEquals(new StatementTarget(Operation.CREATE, ObjectKind.SEQUENCE, null, "IDN_UMA_RESOURCE_SEQ", List.of(), false),
                parse("CREATE SEQUENCE IDN_UMA_RESOURCE_SEQ START WITH 1 INCREMENT BY 1 NOCACHE"));
        assertEquals(new StatementTarget(Operation.CREATE, ObjectKind.TRIGGER, null, "IDN_UMA_RESOURCE_TRIG", List.of(), true),
                parse("CREATE OR REPLACE TRIGGER IDN_UMA_RESOURCE_TRIG\nBEFORE INSERT\nON IDN_UMA_RESOURCE\nBEGIN\nNULL;\nEND;"));
        assertEquals(new StatementTarget(Operation.CREATE, ObjectKind.TRIGGER, null, "TR", List.of(), false),
                parse("CREATE TRIGGER TR NO CASCADE BEFORE INSERT ON T FOR EACH ROW MODE DB2SQL BEGIN ATOMIC SET (NEW.ID) = 1; END"));
    }

    @Test
    void alter_table_add_column_and_keys() {
        StatementTarget col = parse("ALTER TABLE AM_SYSTEM_APPS\nADD TENANT_DOMAIN VARCHAR(255) DEFAULT 'carbon.super'");
        assertEquals(new StatementTarget(Operation.CREATE, ObjectKind.COLUMN, "AM_SYSTEM_APPS", "TENANT_DOMAIN", List.of(), false), col);
        assertEquals(Optional.of(List.of("AM_SYSTEM_APPS", "TENANT_DOMAIN")), col.parameters());
        assertTrue(parse("ALTER TABLE T ADD COLUMN IF NOT EXISTS C INT").selfGuarded());
        assertEquals("C", parse("ALTER TABLE T ADD (C VARCHAR2(10))").name());
        StatementTarget pk = parse("ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME, APICREATOR,APIVERSION)");
        assertEquals(new StatementTarget(Operation.CREATE, ObjectKind.PRIMARY_KEY_COLUMNS, "APILASTACCESSSUMMARY", null,
                List.of("APINAME", "APICREATOR", "APIVERSION"), false), pk);
        assertEquals(Optional.of(List.of("APILASTACCESSSUMMARY", "APINAME,APICREATOR,APIVERSION")), pk.parameters());
        assertEquals(ObjectKind.UNIQUE_KEY, parse("ALTER TABLE T ADD UNIQUE (A, B)").kind());
        assertEquals(new StatementTarget(Operation.CREATE, ObjectKind.CONSTRAINT, "T", "FK_X", List.of(), false),
                parse("ALTER TABLE T ADD CONSTRAINT FK_X FOREIGN KEY (A) REFERENCES U (A)"));
        assertTrue(StatementTarget.parse("ALTER TABLE T ADD FOREIGN KEY (A) REFERENCES U (A)").isEmpty());
    }

    @Test
    void alter_table_drops() {
        assertEquals(new StatementTarget(Operation.DROP, ObjectKind.INDEX, "AM_SYSTEM_APPS", "NAME", List.of(), false),
                parse("ALTER TABLE AM_SYSTEM_APPS\nDROP INDEX NAME"));
        assertEquals(new StatementTarget(Operation.DROP, ObjectKind.CONSTRAINT, "AM_SYSTEM_APPS", "AM_SYSTEM_APPS_NAME_KEY", List.of(), false),
                parse("ALTER TABLE AM_SYSTEM_APPS\nDROP CONSTRAINT AM_SYSTEM_APPS_NAME_KEY"));
        assertTrue(parse("ALTER TABLE T DROP CONSTRAINT IF EXISTS C").selfGuarded());
        assertEquals(new StatementTarget(Operation.DROP, ObjectKind.UNIQUE_KEY, "AM_SYSTEM_APPS", null, List.of("NAME"), false),
                parse("ALTER TABLE AM_SYSTEM_APPS\nDROP UNIQUE (NAME)"));
        assertEquals(new StatementTarget(Operation.DROP, ObjectKind.PRIMARY_KEY, "APILASTACCESSSUMMARY", null, List.of(), false),
                parse("ALTER TABLE APILASTACCESSSUMMARY DROP PRIMARY KEY"));
        assertEquals(ObjectKind.COLUMN, parse("ALTER TABLE T DROP COLUMN C").kind());
    }

    @Test
    void drop_statements_and_table_drops_are_flagged() {
        StatementTarget t = parse("DROP TABLE IF EXISTS AM_API_CATEGORIES");
        assertTrue(t.dropsTable());
        assertTrue(t.selfGuarded());
        assertTrue(t.effectPresent(false));
        assertFalse(t.effectPresent(true));
        StatementTarget idx = parse("DROP INDEX APIMUP_TMP_RRP_ID");
        assertEquals(new StatementTarget(Operation.DROP, ObjectKind.INDEX_IN_SCHEMA, null, "APIMUP_TMP_RRP_ID", List.of(), false), idx);
        assertEquals(Optional.of(List.of("APIMUP_TMP_RRP_ID")), idx.parameters());
        assertTrue(parse("DROP INDEX IF EXISTS IDX_RID").selfGuarded());
        assertEquals("T", parse("DROP INDEX I ON T").table());
        assertFalse(parse("CREATE TABLE T (A INT)").dropsTable());
    }

    @Test
    void effect_and_description() {
        StatementTarget t = parse("CREATE INDEX IDX_RID ON IDN_UMA_RESOURCE (RESOURCE_ID)");
        assertTrue(t.effectPresent(true));
        assertFalse(t.effectPresent(false));
        assertEquals("create index IDX_RID on IDN_UMA_RESOURCE", t.describe());
    }

    @Test
    void dml_and_other_statements_have_no_target() {
        for (String sql : List.of("UPDATE REG_RESOURCE_TAG SET REG_PATH_ID = 1", "delete from REG_TAG where REG_ID NOT IN (select 1)",
                "ALTER TABLE APILASTACCESSSUMMARY ALTER COLUMN APIVERSION VARCHAR(254) NOT NULL", "COMMIT",
                "DECLARE @con_com as VARCHAR(8000);\nSET @con_com = 'x';\nEXEC('ALTER TABLE T DROP CONSTRAINT ' + @con_com)",
                "CALL SYSPROC.ADMIN_CMD('REORG TABLE T')")) {
            assertTrue(StatementTarget.parse(sql).isEmpty(), sql);
        }
    }

    @Test
    void comments_inside_do_not_hide_the_target() {
        assertEquals("T", parse("CREATE /* c */ TABLE -- x\n T (A INT)").name());
    }
}
