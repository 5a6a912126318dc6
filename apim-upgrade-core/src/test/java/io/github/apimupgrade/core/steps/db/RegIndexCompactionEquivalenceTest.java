package io.github.apimupgrade.core.steps.db;

import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.DbFixtures;
import io.github.apimupgrade.core.db.ScriptRunner;
import io.github.apimupgrade.core.db.SqlScript;
import io.github.apimupgrade.core.db.dialect.Dialects;
import io.github.apimupgrade.core.db.dialect.SqlStatement;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.testsupport.RegistryFixture;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sql/reg-index/&lt;dialect&gt;.sql leaves REG_LOG exactly as WSO2's reg-index.sql does; a second run changes nothing. */
class RegIndexCompactionEquivalenceTest {

    @Test
    void h2() throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            check("h2", () -> track(open, null, DbFixtures.h2(TestDatabases.h2Url())));
        } finally {
            close(open);
        }
    }

    @Test
    void postgres() throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            check("postgresql", () -> {
                TestDatabases.TestDb t = TestDatabases.postgres();
                return track(open, t, DbFixtures.database(t));
            });
        } finally {
            close(open);
        }
    }

    @Test
    void mariadb() throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            check("mariadb", () -> {
                TestDatabases.TestDb t = TestDatabases.mariadb();
                return track(open, t, DbFixtures.database(t));
            });
        } finally {
            close(open);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"oracle", "mssql", "db2", "mysql"})
    void otherDialectsSplitIntoTheSameShape(String id) {
        SqlScript s = SqlScript.load("reg-index", id);
        List<SqlStatement> st = Dialects.byId(id).orElseThrow().split(s.text());
        assertTrue(st.stream().anyMatch(x -> x.text().contains("SELECT MAX(REG_LOG_ID)") && x.text().contains("GROUP BY REG_PATH, REG_TENANT_ID")));
        assertEquals(1, st.stream().filter(x -> x.text().startsWith("DELETE")).count(), "one pass over REG_LOG");
        assertTrue(st.stream().filter(x -> x.text().startsWith("DELETE")).allMatch(x -> x.text().contains("REG_ACTION = 7")));
        int expected = switch (id) {
            case "oracle" -> 5; // drop-if-left block, create as select, index, delete, drop
            case "mssql" -> 4;
            case "mysql" -> 5;
            default -> 5;
        };
        assertEquals(expected, st.size(), st.toString());
    }

    interface DbFactory {
        Database create() throws Exception;
    }

    private static void check(String dialect, DbFactory factory) throws Exception {
        Database wso2 = regLog(factory);
        Map<String, List<String>> expected;
        try (Connection c = wso2.connect()) {
            RegistryFixture.runSemicolonScript(c, RegistryFixture.resource("/seed-sql/reg-index/all.sql"));
            expected = RegistryFixture.dump(c);
        }
        assertEquals(List.of(
                "REG_LOG_ID=12 REG_PATH=/a REG_USER_ID=admin REG_LOGGED_TIME=2020-01-02T03:04:05 REG_ACTION=3 REG_ACTION_DATA=null REG_TENANT_ID=-1234",
                "REG_LOG_ID=31 REG_PATH=/c REG_USER_ID=admin REG_LOGGED_TIME=2020-01-02T03:04:05 REG_ACTION=2 REG_ACTION_DATA=null REG_TENANT_ID=-1234",
                "REG_LOG_ID=41 REG_PATH=null REG_USER_ID=admin REG_LOGGED_TIME=2020-01-02T03:04:05 REG_ACTION=2 REG_ACTION_DATA=null REG_TENANT_ID=-1234",
                "REG_LOG_ID=50 REG_PATH=/d REG_USER_ID=admin REG_LOGGED_TIME=2020-01-02T03:04:05 REG_ACTION=2 REG_ACTION_DATA=null REG_TENANT_ID=-1234",
                "REG_LOG_ID=50 REG_PATH=/x REG_USER_ID=admin REG_LOGGED_TIME=2020-01-02T03:04:05 REG_ACTION=2 REG_ACTION_DATA=null REG_TENANT_ID=1",
                "REG_LOG_ID=51 REG_PATH=/d REG_USER_ID=admin REG_LOGGED_TIME=2020-01-02T03:04:05 REG_ACTION=2 REG_ACTION_DATA=null REG_TENANT_ID=-1234",
                "REG_LOG_ID=62 REG_PATH=/a REG_USER_ID=admin REG_LOGGED_TIME=2020-01-02T03:04:05 REG_ACTION=2 REG_ACTION_DATA=null REG_TENANT_ID=1"),
                expected.get("REG_LOG"));

        Database ours = regLog(factory);
        SqlScript script = SqlScript.load("reg-index", dialect);
        ScriptRunner.of(ours, EventSink.discard(), new Redactor(), Clock.systemUTC()).run("reindex", script);
        try (Connection c = ours.connect()) {
            assertEquals(expected, RegistryFixture.dump(c));
            long changed = 0;
            c.setAutoCommit(!ours.dialect().supportsDdlTransactions()); // as the runner runs it
            for (SqlStatement s : ours.dialect().split(script.text())) {
                try (Statement st = c.createStatement()) {
                    st.execute(s.text());
                    if (s.text().startsWith("DELETE")) {
                        changed += Math.max(0, st.getUpdateCount());
                    }
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
                c.setAutoCommit(true);
            }
            assertEquals(0, changed, "a second run deletes nothing");
            assertEquals(expected, RegistryFixture.dump(c));
        }
    }

    private static Database regLog(DbFactory factory) throws Exception {
        Database db = factory.create();
        try (Connection c = db.connect()) {
            RegistryFixture.createSchema(c);
            RegistryFixture.loadRegLog(c);
        }
        return db;
    }

    private static Database track(List<AutoCloseable> open, AutoCloseable server, Database db) {
        if (server != null) {
            open.add(server);
        }
        open.add(db);
        return db;
    }

    private static void close(List<AutoCloseable> open) throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }
}
