package io.github.apimupgrade.core.db.dialect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One behaviour of the splitter base or of one dialect's hook per test. */
class SplitterHooksTest {

    private static List<SqlStatement> split(String dialect, String script) {
        return Dialects.byId(dialect).orElseThrow().split(script);
    }

    private static SqlStatement st(String text, int line) {
        return new SqlStatement(text, line);
    }

    // ---- base: quotes and comments --------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mysql", "mariadb", "postgresql", "oracle", "mssql", "db2"})
    void semicolons_inside_strings_identifiers_and_comments_do_not_split(String dialect) {
        String script = """
                INSERT INTO T (A, "B;C") VALUES ('x;y', 'it''s; fine'); -- trailing; comment
                /* a; block
                   comment; */
                SELECT 1 FROM T;
                """;
        assertEquals(List.of(
                st("INSERT INTO T (A, \"B;C\") VALUES ('x;y', 'it''s; fine')", 1),
                st("SELECT 1 FROM T", 4)), split(dialect, script));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mysql", "postgresql", "oracle", "mssql", "db2"})
    void comments_before_a_statement_are_dropped_comments_inside_are_kept(String dialect) {
        String script = """
                -- header
                /* block */
                SELECT A -- the a column
                  FROM T;
                """;
        assertEquals(List.of(st("SELECT A -- the a column\n  FROM T", 3)), split(dialect, script));
    }

    @Test
    void last_statement_without_terminator_is_kept_and_comment_only_tail_is_not_a_statement() {
        assertEquals(List.of(st("SELECT 1", 1), st("SELECT 2", 2)), split("h2", "SELECT 1;\nSELECT 2\n-- done\n"));
        assertEquals(List.of(), split("h2", "-- nothing\n\n/* here */\n"));
    }

    @Test
    void windows_line_endings_and_several_statements_on_a_line() {
        assertEquals(List.of(st("SELECT 1", 1), st("SELECT 2", 1), st("SELECT\n3", 2)),
                split("postgresql", "SELECT 1; SELECT 2;\r\nSELECT\r\n3;\r\n"));
    }

    @Test
    void unterminated_string_runs_to_the_end_of_the_script() {
        assertEquals(List.of(st("SELECT 'abc;\ndef", 1)), split("h2", "SELECT 'abc;\ndef"));
    }

    // ---- MySQL: DELIMITER, # comments, backticks, backslashes --------------------------------------------------------

    @Test
    void mysql_delimiter_changes_the_terminator_until_reset() {
        String script = """
                DELIMITER //
                CREATE PROCEDURE P()
                BEGIN
                  DELETE FROM T WHERE A = ';';
                  UPDATE T SET B = 1;
                END//
                DELIMITER ;
                CALL P();
                """;
        assertEquals(List.of(
                st("CREATE PROCEDURE P()\nBEGIN\n  DELETE FROM T WHERE A = ';';\n  UPDATE T SET B = 1;\nEND", 2),
                st("CALL P()", 8)), split("mysql", script));
    }

    @Test
    void mysql_hash_comments_backticks_and_backslash_escapes() {
        String script = """
                # a comment; with semicolon
                SELECT `a;b`, 'it\\'s;' FROM T; SELECT 2;
                """;
        assertEquals(List.of(st("SELECT `a;b`, 'it\\'s;' FROM T", 2), st("SELECT 2", 2)), split("mariadb", script));
    }

    @Test
    void mysql_double_dash_needs_a_blank_and_executable_comments_are_statements() {
        assertEquals(List.of(st("SELECT 5--1", 1)), split("mysql", "SELECT 5--1;"));
        assertEquals(List.of(st("/*!40101 SET NAMES utf8 */", 1), st("SELECT 1", 2)),
                split("mysql", "/*!40101 SET NAMES utf8 */;\nSELECT 1;"));
    }

    // ---- PostgreSQL: dollar quotes, E strings, nested comments -------------------------------------------------------

    @Test
    void postgresql_dollar_quoted_bodies_keep_their_semicolons() {
        String script = """
                CREATE FUNCTION F() RETURNS trigger AS $body$
                BEGIN
                  NEW.X := 'a;b'; RETURN NEW;
                END;
                $body$ LANGUAGE plpgsql;
                DO $$ BEGIN PERFORM 1; END $$;
                SELECT $1;
                """;
        assertEquals(List.of(
                st("CREATE FUNCTION F() RETURNS trigger AS $body$\nBEGIN\n  NEW.X := 'a;b'; RETURN NEW;\nEND;\n$body$ LANGUAGE plpgsql", 1),
                st("DO $$ BEGIN PERFORM 1; END $$", 6),
                st("SELECT $1", 7)), split("postgresql", script));
    }

    @Test
    void postgresql_escape_strings_and_nested_block_comments() {
        assertEquals(List.of(st("SELECT E'it\\'s;'", 2)), split("postgresql", "/* outer /* inner; */ still; */\nSELECT E'it\\'s;';"));
    }

    // ---- Oracle: '/' lines, PL/SQL blocks, q-quotes -----------------------------------------------------------------

    @Test
    void oracle_slash_line_ends_a_statement_and_a_stray_slash_is_dropped() {
        String script = """
                CREATE TABLE T (A INTEGER)
                /
                COMMIT;
                /
                """;
        assertEquals(List.of(st("CREATE TABLE T (A INTEGER)", 1), st("COMMIT", 3)), split("oracle", script));
    }

    @Test
    void oracle_plsql_blocks_end_only_at_the_slash_line() {
        String script = """
                CREATE OR REPLACE EDITIONABLE PROCEDURE P AS
                BEGIN
                  UPDATE T SET A = 1;
                END;
                /
                DECLARE
                  N INTEGER;
                BEGIN
                  SELECT 1 INTO N FROM DUAL;
                END;
                /
                SELECT q'[it's; here]' FROM DUAL;
                """;
        assertEquals(List.of(
                st("CREATE OR REPLACE EDITIONABLE PROCEDURE P AS\nBEGIN\n  UPDATE T SET A = 1;\nEND;", 1),
                st("DECLARE\n  N INTEGER;\nBEGIN\n  SELECT 1 INTO N FROM DUAL;\nEND;", 6),
                st("SELECT q'[it's; here]' FROM DUAL", 12)), split("oracle", script));
    }

    @Test
    void oracle_create_table_named_like_a_unit_is_still_plain_sql() {
        assertEquals(List.of(st("CREATE TABLE TRIGGER_LOG (A INTEGER)", 1), st("SELECT 1 FROM DUAL", 2)),
                split("oracle", "CREATE TABLE TRIGGER_LOG (A INTEGER);\nSELECT 1 FROM DUAL;"));
    }

    // ---- SQL Server: GO, brackets, BEGIN/END, DECLARE batches --------------------------------------------------------

    @Test
    void mssql_go_lines_end_batches_and_brackets_quote() {
        String script = """
                SELECT [a;b] FROM T
                GO
                SELECT 2
                go 3
                """;
        assertEquals(List.of(st("SELECT [a;b] FROM T", 1), st("SELECT 2", 3)), split("mssql", script));
    }

    @Test
    void mssql_begin_end_block_is_one_statement_but_begin_transaction_is_not_a_block() {
        String script = """
                IF NOT EXISTS (SELECT 1 FROM T) BEGIN
                  INSERT INTO T VALUES (CASE WHEN 1 = 1 THEN 1 ELSE 0 END);
                  INSERT INTO T VALUES (2);
                END;
                BEGIN TRANSACTION;
                COMMIT;
                """;
        assertEquals(List.of(
                st("IF NOT EXISTS (SELECT 1 FROM T) BEGIN\n  INSERT INTO T VALUES (CASE WHEN 1 = 1 THEN 1 ELSE 0 END);\n  INSERT INTO T VALUES (2);\nEND", 1),
                st("BEGIN TRANSACTION", 5),
                st("COMMIT", 6)), split("mssql", script));
    }

    @Test
    void mssql_declare_unit_reaches_the_last_use_of_its_variables_within_the_batch() {
        String script = """
                DECLARE @a INT;
                SET @a = 1;
                SELECT 'no @a here';
                DECLARE @b INT = @a;
                PRINT @b;
                SELECT 3;
                GO
                PRINT 4;
                """;
        assertEquals(List.of(
                st("DECLARE @a INT;\nSET @a = 1;\nSELECT 'no @a here';\nDECLARE @b INT = @a;\nPRINT @b", 1),
                st("SELECT 3", 6),
                st("PRINT 4", 8)), split("mssql", script));
    }

    @Test
    void mssql_declare_unit_stops_at_go() {
        assertEquals(List.of(st("DECLARE @a INT", 1), st("PRINT @a", 3)), split("mssql", "DECLARE @a INT;\nGO\nPRINT @a;\n"));
    }

    @Test
    void mssql_procedure_and_trigger_bodies_run_to_go() {
        String script = """
                CREATE OR ALTER PROCEDURE P AS
                  SET NOCOUNT ON;
                  UPDATE T SET A = 1;
                GO
                CREATE TRIGGER TR ON T AFTER INSERT AS
                  UPDATE T SET B = 2;
                GO
                SELECT 1;
                """;
        assertEquals(List.of(
                st("CREATE OR ALTER PROCEDURE P AS\n  SET NOCOUNT ON;\n  UPDATE T SET A = 1;", 1),
                st("CREATE TRIGGER TR ON T AFTER INSERT AS\n  UPDATE T SET B = 2;", 5),
                st("SELECT 1", 8)), split("mssql", script));
    }

    // ---- DB2: '/' at line end, BEGIN ATOMIC, --#SET TERMINATOR ------------------------------------------------------

    @Test
    void db2_terminators_count_only_at_the_end_of_a_line() {
        String script = """
                SELECT A / B FROM T /
                SELECT 1 FROM T; SELECT 2 FROM T;
                """;
        assertEquals(List.of(st("SELECT A / B FROM T", 1), st("SELECT 1 FROM T; SELECT 2 FROM T", 2)), split("db2", script));
    }

    @Test
    void db2_begin_atomic_body_keeps_its_semicolons_with_semicolon_terminators() {
        String script = """
                CREATE TRIGGER TR NO CASCADE BEFORE INSERT ON T
                REFERENCING NEW AS N FOR EACH ROW MODE DB2SQL
                BEGIN ATOMIC
                  IF N.A IS NULL THEN
                    SET N.A = 1;
                  END IF;
                  SET N.B = CASE WHEN N.A > 0 THEN 1 ELSE 0 END;
                END;
                SELECT 1 FROM T;
                """;
        List<SqlStatement> s = split("db2", script);
        assertEquals(2, s.size());
        assertEquals(1, s.get(0).line());
        assertEquals(true, s.get(0).text().endsWith("ELSE 0 END;\nEND"));
        assertEquals(st("SELECT 1 FROM T", 9), s.get(1));
    }

    @Test
    void db2_set_terminator_switches_the_terminator() {
        String script = """
                --#SET TERMINATOR @
                CREATE PROCEDURE P() BEGIN UPDATE T SET A = 1; END@
                --#SET TERMINATOR ;
                SELECT 1 FROM T;
                """;
        assertEquals(List.of(st("CREATE PROCEDURE P() BEGIN UPDATE T SET A = 1; END", 2), st("SELECT 1 FROM T", 4)),
                split("db2", script));
    }
}
