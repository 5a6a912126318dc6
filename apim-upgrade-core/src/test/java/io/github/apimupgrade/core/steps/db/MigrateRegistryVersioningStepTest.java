package io.github.apimupgrade.core.steps.db;

import io.github.apimupgrade.core.db.SqlScript;
import io.github.apimupgrade.core.db.dialect.SqlScripts;
import io.github.apimupgrade.core.api.ConfigOptions;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.db.DbFixtures;
import io.github.apimupgrade.core.db.HistoryTable;
import io.github.apimupgrade.core.db.dialect.SqlStatement;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepOutcome;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.Workspace;
import io.github.apimupgrade.core.testsupport.RegistryFixture;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrateRegistryVersioningStepTest {
    private static final String ALL_ON = flags(true, true, true, true);

    @TempDir
    Path tmp;

    private final List<UpgradeEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void h2VersioningOnCleansVerifiesAndTheSecondRunIsANoOp() throws Exception {
        cleansThenNoOp(TestDatabases.h2Url(), "sa", "", "h2");
    }

    @Test
    void postgresVersioningOnCleansVerifiesAndTheSecondRunIsANoOp() throws Exception {
        try (TestDatabases.TestDb t = TestDatabases.postgres()) {
            cleansThenNoOp(t.url(), t.user(), t.password(), "postgresql");
        }
    }

    @Test
    void mariadbVersioningOnCleansVerifiesAndTheSecondRunIsANoOp() throws Exception {
        try (TestDatabases.TestDb t = TestDatabases.mariadb()) {
            cleansThenNoOp(t.url(), t.user(), t.password(), "mariadb");
        }
    }

    private void cleansThenNoOp(String url, String user, String password, String dialect) throws Exception {
        Installation old = xmlHome(ALL_ON);
        try (Databases dbs = databases(url, user, password)) {
            loadRegistry(dbs);
            StepContext ctx = context(old, dbs, "auto");
            MigrateRegistryVersioningStep step = new MigrateRegistryVersioningStep();
            StepPlan plan = step.plan(ctx);
            assertEquals(1, plan.actions().size());
            PlannedAction a = plan.actions().get(0);
            assertEquals(PlannedAction.Kind.SQL, a.kind());
            int statements = ((RegistryCleanupAction) a).script().statements().size();
            assertEquals("run registry-versioning-cleanup/" + dialect + ".sql on WSO2_SHARED_DB (shared_db) ("
                    + statements + " statements)", a.summary());
            assertTrue(a.details().contains("DELETE FROM REG_RESOURCE_PROPERTY x") || a.details().contains("DELETE x FROM REG_RESOURCE_PROPERTY x"), a.details());
            assertTrue(a.details().matches("(?s).*DELETE (p )?FROM REG_PROPERTY (p|WHERE).*"), a.details());
            assertTrue(a.details().contains("-- afterwards: verify"), a.details());
            assertEquals(List.of("Removes the rows of old versions from REG_RESOURCE_PROPERTY, REG_RESOURCE_TAG, "
                    + "REG_RESOURCE_COMMENT, REG_RESOURCE_RATING in WSO2_SHARED_DB (shared_db) and the "
                    + "REG_PROPERTY/REG_TAG/REG_COMMENT/REG_RATING rows only they referred to; the rows removed per table "
                    + "are reported after the run."), plan.notes());
            assertEquals(List.of("REG_RESOURCE_PROPERTY has 1 rows without REG_VERSION (written while versioning was off); "
                    + "the clean-up deletes them, exactly as WSO2's script does."), plan.warnings());

            Map<String, List<String>> expected = seedResult(dialect);
            StepOutcome outcome = step.apply(plan, ctx);
            String summary = outcome.results().get(0).summary();
            assertTrue(summary.contains("verified, rows removed: REG_RESOURCE_PROPERTY -9 (7 left), REG_PROPERTY -8 (8 left), "
                    + "REG_RESOURCE_TAG -3 (2 left), REG_TAG -3 (3 left), REG_RESOURCE_COMMENT -1 (2 left), REG_COMMENT -1 (2 left), "
                    + "REG_RESOURCE_RATING -2 (2 left), REG_RATING -1 (2 left)"), summary);
            try (Connection c = dbs.get(DatasourceRole.SHARED_DB).connect()) {
                assertEquals(expected, RegistryFixture.dump(c));
            }

            StepPlan again = step.plan(ctx);
            assertTrue(again.isEmpty());
            assertTrue(again.notes().get(0).startsWith("The registry versioning clean-up already ran on WSO2_SHARED_DB (shared_db)"),
                    again.notes().toString());
        }
    }

    @Test
    void postgresCrashInTheMiddleThenTheStepCompletes() throws Exception {
        try (TestDatabases.TestDb t = TestDatabases.postgres()) {
            crashThenComplete(t.url(), t.user(), t.password(), "postgresql");
        }
    }

    @Test
    void mariadbCrashInTheMiddleThenTheStepCompletes() throws Exception {
        try (TestDatabases.TestDb t = TestDatabases.mariadb()) {
            crashThenComplete(t.url(), t.user(), t.password(), "mariadb");
        }
    }

    private void crashThenComplete(String url, String user, String password, String dialect) throws Exception {
        Installation old = xmlHome(ALL_ON);
        Map<String, List<String>> expected = seedResult(dialect);
        try (Databases dbs = databases(url, user, password)) {
            loadRegistry(dbs);
            StepContext ctx = context(old, dbs, "auto");
            MigrateRegistryVersioningStep step = new MigrateRegistryVersioningStep();
            StepPlan plan = step.plan(ctx);
            RegistryCleanupAction a = (RegistryCleanupAction) plan.actions().get(0);
            Database db = dbs.get(DatasourceRole.SHARED_DB);
            // the killed run: its history row has no outcome, and the first 9 statements committed
            HistoryTable h = new HistoryTable(db, Clock.systemUTC());
            h.ensure();
            h.recordStart(MigrateRegistryVersioningStep.ID, a.script().script().id(), a.script().script().sha256());
            try (Connection c = db.connect()) {
                c.setAutoCommit(true);
                for (SqlStatement s : a.script().statements().subList(0, 9)) {
                    try (Statement st = c.createStatement()) {
                        st.execute(s.text());
                    }
                }
            }
            StepPlan resumed = step.plan(ctx);
            assertEquals(1, resumed.actions().size());
            step.apply(resumed, ctx);
            try (Connection c = db.connect()) {
                assertEquals(expected, RegistryFixture.dump(c));
            }
            List<HistoryTable.Entry> rows = h.rows(MigrateRegistryVersioningStep.ID);
            assertEquals(2, rows.size());
            assertTrue(rows.get(0).unfinished());
            assertTrue(rows.get(1).succeeded());
            assertTrue(step.plan(ctx).isEmpty());
        }
    }

    @Test
    void versioningOffPlansNothingAndSaysSo() throws Exception {
        Installation old = xmlHome(flags(false, false, false, false));
        try (Databases dbs = databases(TestDatabases.h2Url(), "sa", "")) {
            StepPlan plan = new MigrateRegistryVersioningStep().plan(context(old, dbs, "auto"));
            assertTrue(plan.isEmpty());
            assertEquals(List.of("Registry versioning was off (versioningProperties=false, versioningComments=false, "
                    + "versioningTags=false, versioningRatings=false in repository/conf/registry.xml): nothing to clean in "
                    + "the registry database."), plan.notes());
        }
    }

    @Test
    void missingStaticConfigurationMeansOff() throws Exception {
        Installation old = xmlHome("<wso2registry><currentDBConfig>x</currentDBConfig></wso2registry>");
        try (Databases dbs = databases(TestDatabases.h2Url(), "sa", "")) {
            assertTrue(new MigrateRegistryVersioningStep().plan(context(old, dbs, "auto")).isEmpty());
        }
    }

    @Test
    void keepRunsNoSqlAndWarns() throws Exception {
        Installation old = xmlHome(ALL_ON);
        try (Databases dbs = databases(TestDatabases.h2Url(), "sa", "")) {
            StepPlan plan = new MigrateRegistryVersioningStep().plan(context(old, dbs, "keep"));
            assertTrue(plan.isEmpty());
            assertTrue(plan.warnings().get(0).startsWith("Registry versioning is kept (apim.upgrade.registryVersioning=keep): NOT recommended"),
                    plan.warnings().toString());
        }
    }

    @Test
    void onlyTheVersionedTablesAreCleanedWhenTheFlagsDiffer() throws Exception {
        Installation old = xmlHome(flags(true, true, false, true)); // tags not versioned
        try (Databases dbs = databases(TestDatabases.h2Url(), "sa", "")) {
            loadRegistry(dbs);
            Map<String, List<String>> before;
            try (Connection c = dbs.get(DatasourceRole.SHARED_DB).connect()) {
                before = RegistryFixture.dump(c);
            }
            StepContext ctx = context(old, dbs, "auto");
            MigrateRegistryVersioningStep step = new MigrateRegistryVersioningStep();
            StepPlan plan = step.plan(ctx);
            assertTrue(plan.notes().get(0).startsWith("Only REG_RESOURCE_PROPERTY, REG_RESOURCE_COMMENT, REG_RESOURCE_RATING were versioned"),
                    plan.notes().toString());
            assertTrue(!plan.actions().get(0).details().contains("REG_RESOURCE_TAG")
                    || plan.actions().get(0).details().indexOf("REG_RESOURCE_TAG") > plan.actions().get(0).details().indexOf("-- afterwards"));
            step.apply(plan, ctx);
            try (Connection c = dbs.get(DatasourceRole.SHARED_DB).connect()) {
                Map<String, List<String>> after = RegistryFixture.dump(c);
                assertEquals(before.get("REG_RESOURCE_TAG"), after.get("REG_RESOURCE_TAG"));
                assertEquals(before.get("REG_TAG"), after.get("REG_TAG"));
                assertEquals(7, after.get("REG_RESOURCE_PROPERTY").size());
            }
        }
    }

    @Test
    void tomlEraHomeReadsStaticConfiguration() throws Exception {
        Installation on = tomlHome("[server]\nhostname = \"x\"\n\n[registry.static_configuration]\nenable = true\n");
        Installation off = tomlHome("[server]\nhostname = \"x\"\n");
        try (Databases dbs = databases(TestDatabases.h2Url(), "sa", "")) {
            loadRegistry(dbs);
            assertEquals(1, new MigrateRegistryVersioningStep().plan(context(on, dbs, "auto")).actions().size());
            StepPlan plan = new MigrateRegistryVersioningStep().plan(context(off, dbs, "auto"));
            assertTrue(plan.isEmpty());
            assertTrue(plan.notes().get(0).contains("in repository/conf/deployment.toml"), plan.notes().toString());
        }
    }

    /**
     * 3.0.0's own default: versioning off (carbon-kernel v4.5.1 default.json: static_configuration.versioning_*.enable
     * = false, which product-apim v3.0.0's registry.xml.j2 renders); the template's own keys and the rendered
     * registry.xml of the old server are read too.
     */
    @Test
    void a300TomlThatSaysNothingHadVersioningOffAndTheTemplateKeysAndRenderedXmlAreRead() throws Exception {
        RegistryVersioningFlags silent = RegistryVersioningFlags.read(tomlHome("[server]\nhostname = \"x\"\n"), new Workspace());
        assertTrue(!silent.any(), silent.describe());
        RegistryVersioningFlags templateKeys = RegistryVersioningFlags.read(tomlHome("""
                [static_configuration]
                versioning_properties.enable = true
                versioning_tags.enable = true
                """), new Workspace());
        assertEquals(List.of("REG_RESOURCE_PROPERTY", "REG_RESOURCE_TAG"), templateKeys.versionedTables());
        // what the old server rendered wins over what its TOML seems to say
        Installation rendered = tomlHome("[registry.static_configuration]\nenable = true\n");
        Files.writeString(rendered.conf().resolve("registry.xml"), flags(false, false, false, false));
        RegistryVersioningFlags r = RegistryVersioningFlags.read(rendered, new Workspace());
        assertTrue(!r.any() && r.source().contains("rendered by the old server"), r.describe());
    }

    @Test
    void cleanupIsRefusedWhenTheOldInstallationHadVersioningOff() throws Exception {
        for (Installation old : List.of(xmlHome(flags(false, false, false, false)), tomlHome("[server]\nhostname = \"x\"\n"))) {
            try (Databases dbs = databases(TestDatabases.h2Url(), "sa", "")) {
                loadRegistry(dbs);
                UpgradeException e = assertThrows(UpgradeException.class,
                        () -> new MigrateRegistryVersioningStep().plan(context(old, dbs, "cleanup")));
                assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
                assertTrue(e.getMessage().contains("registry versioning off")
                        && e.getMessage().contains("every one written while versioning was off"), e.getMessage());
                assertEquals("apim.upgrade.registryVersioning", e.location());
            }
        }
    }

    /** A 2.6.0 registry.xml mounting /_system/config on its own WSO2CONFIG_DB: both registry databases are cleaned. */
    @Test
    void theConfigRegistryDatabaseIsCleanedToo() throws Exception {
        Datasource shared = DbFixtures.datasource("WSO2REG_DB", TestDatabases.h2Url(), "sa", "");
        Datasource config = DbFixtures.datasource("WSO2CONFIG_DB", TestDatabases.h2Url(), "sa", "");
        Installation xml = xmlHome(ALL_ON);
        Installation old = new Installation(xml.home(), "2.6.0", false, List.of(shared, config),
                Map.of(DatasourceRole.SHARED_DB, shared, DatasourceRole.CONFIG_DB, config));
        try (Databases dbs = new Databases(old.roles(), new Redactor())) {
            for (DatasourceRole role : List.of(DatasourceRole.SHARED_DB, DatasourceRole.CONFIG_DB)) {
                try (Connection c = dbs.get(role).connect()) {
                    RegistryFixture.createSchema(c);
                    RegistryFixture.loadData(c);
                }
            }
            StepContext ctx = context(old, dbs, "auto");
            MigrateRegistryVersioningStep step = new MigrateRegistryVersioningStep();
            StepPlan plan = step.plan(ctx);
            assertEquals(2, plan.actions().size(), plan.actions().toString());
            step.apply(plan, ctx);
            Map<String, List<String>> expected = seedResult("h2");
            for (DatasourceRole role : List.of(DatasourceRole.SHARED_DB, DatasourceRole.CONFIG_DB)) {
                try (Connection c = dbs.get(role).connect()) {
                    assertEquals(expected.get("REG_RESOURCE_PROPERTY"), RegistryFixture.dump(c).get("REG_RESOURCE_PROPERTY"), role.name());
                }
            }
            assertTrue(step.plan(ctx).isEmpty(), "second run: both recorded");
        }
    }

    @Test
    void aCleanUpRecordedWithAnotherScriptIsRefusedAtPlanTime() throws Exception {
        try (Databases dbs = databases(TestDatabases.h2Url(), "sa", "")) {
            loadRegistry(dbs);
            HistoryTable h = new HistoryTable(dbs.get(DatasourceRole.SHARED_DB), Clock.systemUTC());
            h.ensure();
            long id = h.recordStart(MigrateRegistryVersioningStep.ID, "registry-versioning-cleanup/h2.sql", "0".repeat(64));
            h.recordEnd(id, true, 5, "an older plugin's script");
            UpgradeException e = assertThrows(UpgradeException.class,
                    () -> new MigrateRegistryVersioningStep().plan(context(xmlHome(ALL_ON), dbs, "auto")));
            assertEquals(ErrorCode.SCRIPT_CHANGED, e.code());
            assertTrue(e.getMessage().contains("history row " + id), e.getMessage());
        }
    }

    @Test
    void badInputFailsBeforeAnyChange() throws Exception {
        try (Databases dbs = databases(TestDatabases.h2Url(), "sa", "")) {
            UpgradeException mode = assertThrows(UpgradeException.class,
                    () -> new MigrateRegistryVersioningStep().plan(context(xmlHome(ALL_ON), dbs, "sometimes")));
            assertEquals(ErrorCode.PRECONDITION_FAILED, mode.code());
            assertEquals("apim.upgrade.registryVersioning", mode.location());

            UpgradeException xml = assertThrows(UpgradeException.class, () -> new MigrateRegistryVersioningStep()
                    .plan(context(xmlHome("<wso2registry>\n<staticConfiguration>\n</wso2registry>"), dbs, "auto")));
            assertEquals(ErrorCode.MALFORMED_FILE, xml.code());
            assertTrue(xml.getMessage().contains("registry.xml at line 3"), xml.getMessage());
            assertTrue(xml.location().endsWith("repository/conf/registry.xml:3"), xml.location());

            // versioning on, but the database is not a registry
            UpgradeException notRegistry = assertThrows(UpgradeException.class,
                    () -> new MigrateRegistryVersioningStep().plan(context(xmlHome(ALL_ON), dbs, "auto")));
            assertEquals(ErrorCode.PRECONDITION_FAILED, notRegistry.code());
            assertTrue(notRegistry.getMessage().contains("WSO2_SHARED_DB (shared_db) has no table REG_RESOURCE"), notRegistry.getMessage());
        }
    }

    // --- fixtures

    private static String flags(boolean p, boolean c, boolean t, boolean r) {
        return """
                <wso2registry>
                    <currentDBConfig>wso2registry</currentDBConfig>
                    <staticConfiguration>
                        <versioningProperties>%s</versioningProperties>
                        <versioningComments>%s</versioningComments>
                        <versioningTags>%s</versioningTags>
                        <versioningRatings>%s</versioningRatings>
                        <servicePath>/trunk/services/</servicePath>
                    </staticConfiguration>
                </wso2registry>
                """.formatted(p, c, t, r);
    }

    private Installation xmlHome(String registryXml) throws Exception {
        Path home = Files.createTempDirectory(tmp, "old");
        Path conf = Files.createDirectories(home.resolve("repository/conf"));
        Files.writeString(conf.resolve("registry.xml"), registryXml, StandardCharsets.UTF_8);
        return new Installation(home, "2.6.0", false, List.of(), Map.of());
    }

    private Installation tomlHome(String toml) throws Exception {
        Path home = Files.createTempDirectory(tmp, "old");
        Path conf = Files.createDirectories(home.resolve("repository/conf"));
        Files.writeString(conf.resolve("deployment.toml"), toml, StandardCharsets.UTF_8);
        return new Installation(home, "3.0.0", true, List.of(), Map.of());
    }

    private static Databases databases(String url, String user, String password) {
        Datasource ds = DbFixtures.datasource("WSO2_SHARED_DB", url, user, password);
        return new Databases(Map.of(DatasourceRole.SHARED_DB, ds), new Redactor());
    }

    private static void loadRegistry(Databases dbs) throws Exception {
        try (Connection c = dbs.get(DatasourceRole.SHARED_DB).connect()) {
            RegistryFixture.createSchema(c);
            RegistryFixture.loadData(c);
        }
    }

    /** WSO2's own script's end state, on a fresh H2 copy of the fixture (its result is the same on every engine). */
    private static Map<String, List<String>> seedResult(String dialect) throws Exception {
        try (Database db = DbFixtures.h2(TestDatabases.h2Url()); Connection c = db.connect()) {
            RegistryFixture.createSchema(c);
            RegistryFixture.loadData(c);
            RegistryFixture.runSemicolonScript(c, SqlScript.load(SqlScripts.REGISTRY_VERSIONING_CLEANUP_SEED, "h2").text());
            return RegistryFixture.dump(c);
        }
    }

    private StepContext context(Installation old, Databases dbs, String mode) {
        UpgradeRequest request = UpgradeRequest.builder().oldHome(old.home())
                .config(new ConfigOptions(mode, false, "database_unique_id", null, Secret.empty(), null)).build();
        Installation newHome = new Installation(tmp.resolve("new"), "4.1.0", true, List.of(), Map.of());
        return new StepContext(request, old, newHome, null, new Workspace(), dbs, events::add, new Redactor(), null,
                Clock.systemUTC(), null);
    }
}
