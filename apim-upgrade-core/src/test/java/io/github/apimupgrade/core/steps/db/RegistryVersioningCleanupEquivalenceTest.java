package io.github.apimupgrade.core.steps.db;

import io.github.apimupgrade.core.db.dialect.SqlScripts;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.DbFixtures;
import io.github.apimupgrade.core.db.ScriptRunner;
import io.github.apimupgrade.core.db.SqlScript;
import io.github.apimupgrade.core.db.dialect.SqlStatement;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.testsupport.RegistryFixture;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Our set-based clean-up leaves every REG_ table exactly as WSO2's script does, on real engines with the real keys:
 * run once, run twice, and run after a crash in the middle.
 */
class RegistryVersioningCleanupEquivalenceTest {

    @Test
    void h2() throws Exception {
        List<Database> dbs = new ArrayList<>();
        try {
            check("h2", () -> {
                Database db = DbFixtures.h2(TestDatabases.h2Url());
                dbs.add(db);
                return db;
            });
        } finally {
            dbs.forEach(Database::close);
        }
    }

    @Test
    void postgres() throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            check("postgresql", () -> {
                TestDatabases.TestDb t = TestDatabases.postgres();
                Database db = DbFixtures.database(t);
                open.add(t);
                open.add(db);
                return db;
            });
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
    }

    @Test
    void mariadb() throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            check("mariadb", () -> {
                TestDatabases.TestDb t = TestDatabases.mariadb();
                Database db = DbFixtures.database(t);
                open.add(t);
                open.add(db);
                return db;
            });
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
    }

    interface DbFactory {
        Database create() throws Exception;
    }

    private static void check(String dialect, DbFactory factory) throws Exception {
        SqlScript ours = SqlScript.load("registry-versioning-cleanup", dialect);
        String seed = SqlScript.load(SqlScripts.REGISTRY_VERSIONING_CLEANUP_SEED, dialect).text();

        Database seedDb = registry(factory);
        Map<String, List<String>> before;
        Map<String, List<String>> expected;
        try (Connection c = seedDb.connect()) {
            before = RegistryFixture.dump(c);
            RegistryFixture.runSemicolonScript(c, seed);
            expected = RegistryFixture.dump(c);
        }
        assertSeedDidWhatTheFixtureExpects(before, expected);

        // once, through the runner (history, transaction or guards)
        Database once = registry(factory);
        ScriptRunner.Result r = runner(once).run("migrate-registry-versioning", ours);
        assertFalse(r.skipped());
        try (Connection c = once.connect()) {
            assertEquals(expected, RegistryFixture.dump(c));
            // twice: every statement again, straight (the runner itself would skip the recorded script)
            long changed = 0;
            for (SqlStatement s : once.dialect().split(ours.text())) {
                try (Statement st = c.createStatement()) {
                    st.execute(s.text());
                    changed += Math.max(0, st.getUpdateCount());
                }
            }
            assertEquals(0, changed, "a second run changes no row");
            assertEquals(expected, RegistryFixture.dump(c));
        }

        // a crash in the middle: the first half of the statements ran and committed, then the process died
        Database crashed = registry(factory);
        List<SqlStatement> statements = crashed.dialect().split(ours.text());
        try (Connection c = crashed.connect()) {
            c.setAutoCommit(true);
            for (SqlStatement s : statements.subList(0, statements.size() / 2)) {
                try (Statement st = c.createStatement()) {
                    st.execute(s.text());
                }
            }
        }
        runner(crashed).run("migrate-registry-versioning", ours);
        try (Connection c = crashed.connect()) {
            assertEquals(expected, RegistryFixture.dump(c));
        }
    }

    /** The fixture's cases, as WSO2's script resolves them: if the seed text changed shape, this says so. */
    private static void assertSeedDidWhatTheFixtureExpects(Map<String, List<String>> before, Map<String, List<String>> after) {
        assertEquals(16, before.get("REG_RESOURCE_PROPERTY").size());
        assertEquals(List.of(
                "REG_PROPERTY_ID=1005 REG_VERSION=103 REG_PATH_ID=3 REG_RESOURCE_NAME=api.rxt REG_TENANT_ID=-1234",
                "REG_PROPERTY_ID=1006 REG_VERSION=103 REG_PATH_ID=3 REG_RESOURCE_NAME=api.rxt REG_TENANT_ID=-1234",
                "REG_PROPERTY_ID=1007 REG_VERSION=103 REG_PATH_ID=3 REG_RESOURCE_NAME=api.rxt REG_TENANT_ID=-1234",
                "REG_PROPERTY_ID=1008 REG_VERSION=104 REG_PATH_ID=3 REG_RESOURCE_NAME=null REG_TENANT_ID=-1234",
                "REG_PROPERTY_ID=2003 REG_VERSION=203 REG_PATH_ID=11 REG_RESOURCE_NAME=api1 REG_TENANT_ID=1",
                "REG_PROPERTY_ID=2004 REG_VERSION=203 REG_PATH_ID=11 REG_RESOURCE_NAME=api1 REG_TENANT_ID=1",
                "REG_PROPERTY_ID=2010 REG_VERSION=210 REG_PATH_ID=11 REG_RESOURCE_NAME=api2 REG_TENANT_ID=1"),
                after.get("REG_RESOURCE_PROPERTY"));
        // 2003 survives in both tenants: WSO2's NOT IN matches the id alone
        assertEquals(List.of(
                "REG_ID=1005 REG_NAME=p1005 REG_VALUE=v1005 REG_TENANT_ID=-1234",
                "REG_ID=1006 REG_NAME=p1006 REG_VALUE=v1006 REG_TENANT_ID=-1234",
                "REG_ID=1007 REG_NAME=p1007 REG_VALUE=v1007 REG_TENANT_ID=-1234",
                "REG_ID=1008 REG_NAME=p1008 REG_VALUE=v1008 REG_TENANT_ID=-1234",
                "REG_ID=2003 REG_NAME=p2003 REG_VALUE=v2003 REG_TENANT_ID=-1234",
                "REG_ID=2003 REG_NAME=p2003 REG_VALUE=v2003 REG_TENANT_ID=1",
                "REG_ID=2004 REG_NAME=p2004 REG_VALUE=v2004 REG_TENANT_ID=1",
                "REG_ID=2010 REG_NAME=p2010 REG_VALUE=v2010 REG_TENANT_ID=1"),
                after.get("REG_PROPERTY"));
        assertEquals(3, after.get("REG_TAG").size()); // 3001, and 3003 in both tenants
        assertEquals(2, after.get("REG_COMMENT").size());
        assertEquals(2, after.get("REG_RATING").size());
        assertEquals(before.get("REG_RESOURCE"), after.get("REG_RESOURCE"));
        assertEquals(before.get("REG_PATH"), after.get("REG_PATH"));
    }

    private static Database registry(DbFactory factory) throws Exception {
        Database db = factory.create();
        try (Connection c = db.connect()) {
            RegistryFixture.createSchema(c);
            RegistryFixture.loadData(c);
        }
        return db;
    }

    private static ScriptRunner runner(Database db) {
        return ScriptRunner.of(db, EventSink.discard(), new Redactor(), Clock.systemUTC());
    }
}
