package io.github.apimupgrade.core.steps.db;

import io.github.apimupgrade.core.db.SqlScript;
import io.github.apimupgrade.core.db.dialect.Dialect;
import io.github.apimupgrade.core.db.dialect.Dialects;
import io.github.apimupgrade.core.db.dialect.SqlStatement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text and splitting of the clean-up script of every dialect (Oracle, SQL Server and DB2 have no server here):
 * the same shape everywhere, in the order that keeps it fast and repeatable.
 */
class RegistryVersioningCleanupScriptsTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mysql", "mariadb", "postgresql", "oracle", "mssql", "db2"})
    void splitsIntoTheExpectedStatements(String id) {
        Dialect d = Dialects.byId(id).orElseThrow();
        SqlScript script = ScriptResources.load(MigrateRegistryVersioningStep.SCRIPT, id);
        List<String> kinds = d.split(script.text()).stream().map(RegistryVersioningCleanupScriptsTest::kind).toList();
        List<String> expected = switch (id) {
            case "h2" -> List.of("DELETE-LINK x4", "MERGE x4", "DELETE-TARGET x4");
            case "mysql", "mariadb" -> List.of("UPDATE x4", "DELETE-NULL-PATH x4", "DELETE-LINK x4", "DELETE-TARGET x4");
            case "postgresql" -> List.of("DELETE-LINK x4", "UPDATE x4", "CREATE-INDEX x4", "ANALYZE x4", "DELETE-TARGET x4", "DROP-INDEX x4");
            case "oracle" -> List.of("DELETE-LINK x4", "MERGE x4", "PLSQL-CREATE-INDEX x4", "DELETE-TARGET x4", "PLSQL-DROP-INDEX x4");
            case "mssql" -> List.of("DELETE-LINK x4", "UPDATE x4", "CREATE-INDEX x4", "DELETE-TARGET x4", "DROP-INDEX x4");
            default -> List.of("DELETE-LINK x4", "MERGE x4", "CREATE-INDEX x4", "DELETE-TARGET x4", "DROP-INDEX x4");
        };
        assertEquals(expected, runs(kinds), id);
        for (SqlStatement s : d.split(script.text())) {
            assertTrue(!s.text().strip().endsWith(";") || s.text().strip().endsWith("END;"), "terminator left in: " + s.text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"oracle", "postgresql", "db2", "mssql", "mysql", "h2"})
    void limitedToSomeTablesTheScriptStillSplitsAndNamesNoOtherTable(String id) {
        Dialect d = Dialects.byId(id).orElseThrow();
        List<RegistryTables.Link> noTags = RegistryTables.LINKS.stream().filter(l -> !l.table().equals("REG_RESOURCE_TAG")).toList();
        SqlScript limited = MigrateRegistryVersioningStep.script(d, noTags);
        List<SqlStatement> statements = d.split(limited.text());
        int full = d.split(ScriptResources.load(MigrateRegistryVersioningStep.SCRIPT, id).text()).size();
        assertEquals(full / 4 * 3, statements.size(), limited.text());
        for (SqlStatement s : statements) {
            assertTrue(!s.text().contains("REG_RESOURCE_TAG") && !s.text().contains("REG_TAG ") && !s.text().contains("APIMUP_TMP_RRT_ID"), s.text());
        }
    }

    private static String kind(SqlStatement s) {
        String t = s.text().strip().toUpperCase(Locale.ROOT);
        if (t.startsWith("BEGIN") && t.contains("'CREATE INDEX")) return "PLSQL-CREATE-INDEX";
        if (t.startsWith("BEGIN") && t.contains("'DROP INDEX")) return "PLSQL-DROP-INDEX";
        if (t.startsWith("DELETE") && t.contains("REG_RESOURCE R")) return "DELETE-LINK";
        if (t.startsWith("DELETE") && t.endsWith("WHERE REG_PATH_ID IS NULL")) return "DELETE-NULL-PATH";
        if (t.startsWith("DELETE")) return "DELETE-TARGET";
        return t.split("\\s+")[0] + (t.startsWith("CREATE INDEX") ? "-INDEX" : t.startsWith("DROP INDEX") ? "-INDEX" : "");
    }

    /** ["A", "A", "B"] -> ["A x2", "B x1"]. */
    private static List<String> runs(List<String> kinds) {
        List<String> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < kinds.size()) {
            int j = i;
            while (j < kinds.size() && kinds.get(j).equals(kinds.get(i))) {
                j++;
            }
            out.add(kinds.get(i) + " x" + (j - i));
            i = j;
        }
        return out;
    }
}
