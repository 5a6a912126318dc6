package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.dialect.SqlScripts;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database where an earlier shipped version of a script succeeded: the runner runs the current version over it
 * when the catalogue names that version ({@link SqlScripts#isEarlierVersion}), and still refuses any other change.
 * The case is real: identity-uma-ddl/mariadb.sql of the previous plugin version created IDN_UMA_RESOURCE.TIME_CREATED
 * with ON UPDATE CURRENT_TIMESTAMP on MariaDB <= 10.9 (reproduced here with explicit_defaults_for_timestamp=0 for the
 * runner's connections); the current version removes it.
 */
class ScriptVersionsTest {
    private final List<io.github.apimupgrade.core.event.UpgradeEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final EventSink sink = events::add;

    /** The previous plugin version's identity-uma-ddl/mariadb.sql: the seed's MySQL text with IF NOT EXISTS on indexes. */
    private static String previousMariaDbText() throws IOException {
        try (InputStream in = ScriptVersionsTest.class.getResourceAsStream("/io/github/apimupgrade/core/sql/identity-uma-ddl-seed/mysql.sql")) {
            String seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return "-- apim-upgrade: the seed's MySQL script; MariaDB also has CREATE INDEX IF NOT EXISTS, so it re-runs as is.\n"
                    + seed.replace("CREATE INDEX IDX_", "CREATE INDEX IF NOT EXISTS IDX_");
        }
    }

    @Test
    void the_current_identity_script_runs_over_its_earlier_mariadb_version_and_fixes_what_it_left() throws Exception {
        try (TestDatabases.TestDb tdb = TestDatabases.mariadb();
             Database db = new Database(Set.of(DatasourceRole.APIM_DB), DbFixtures.datasource("WSO2AM_DB",
                     tdb.url() + (tdb.url().contains("?") ? "&" : "?") + "sessionVariables=explicit_defaults_for_timestamp=0",
                     tdb.user(), tdb.password()), new Redactor())) {
            ScriptRunner runner = ScriptRunner.of(db, sink, new Redactor(), Clock.systemUTC());
            String step = "migrate-identity";
            SqlScript previous = SqlScript.of("identity-uma-ddl/mariadb.sql", "mariadb", previousMariaDbText());
            assertTrue(SqlScripts.isEarlierVersion(previous.id(), previous.sha256()), "the text above is the shipped one: " + previous.sha256());
            runner.run(step, previous);
            assertTrue(extra(tdb, "IDN_UMA_RESOURCE", "TIME_CREATED").contains("on update"), "what the earlier version left");

            SqlScript current = SqlScript.load(SqlScripts.IDENTITY_UMA_DDL, "mariadb");
            assertTrue(runner.applied(step, current).isEmpty(), "an earlier version is not the current one applied");
            ScriptRunner.Result r = runner.run(step, current);
            assertFalse(r.skipped());
            assertEquals(10, r.guarded(), "tables and indexes exist: only the two MODIFY statements ran");
            assertTrue(events.stream().anyMatch(ev -> ev.message().contains("identity-uma-ddl/mariadb.sql ran on WSO2AM_DB")
                    && ev.message().contains(previous.sha256()) && ev.message().contains("running the current version")), events::toString);
            assertFalse(extra(tdb, "IDN_UMA_RESOURCE", "TIME_CREATED").contains("on update"));
            assertTrue(runner.run(step, current).skipped(), "the current version, once applied, is skipped");

            // any other text under that name is still a changed script
            UpgradeException changed = assertThrows(UpgradeException.class, () -> runner.run(step,
                    SqlScript.of(current.id(), "mariadb", current.text() + "\n-- edited\n")));
            assertEquals(ErrorCode.SCRIPT_CHANGED, changed.code());
            List<HistoryTable.Entry> rows = new HistoryTable(db, Clock.systemUTC()).rows(step);
            assertEquals(List.of(previous.sha256(), current.sha256()), rows.stream().map(HistoryTable.Entry::sha256).toList());
        }
    }

    private static String extra(TestDatabases.TestDb tdb, String table, String column) throws Exception {
        try (Connection c = tdb.connect(); PreparedStatement ps = c.prepareStatement("SELECT EXTRA FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1).toLowerCase(java.util.Locale.ROOT);
            }
        }
    }
}
