package io.github.apimupgrade.core.steps.backup;

import io.github.apimupgrade.core.api.BackupOptions;
import io.github.apimupgrade.core.api.DatasourceOverride;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.engine.UpgradeEngine;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.report.RunReport;
import io.github.apimupgrade.core.server.ProcessLauncher;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepCatalog;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.testsupport.LegacyHomeFixture;
import io.github.apimupgrade.core.testsupport.NewHomeFixture;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backup, verify and restore goals on the local PostgreSQL and MariaDB: migrate (the path's backup and verify
 * steps, the steps between them stand-ins that change the databases as an upgrade does) takes the dumps; a restore
 * into fresh databases gives row for row the pre-upgrade contents; the restore goal puts the upgraded databases
 * back; verify fails when an API row is deleted between the counts.
 */
class BackupVerifyRestoreTest {
    private static final List<String> MIDDLE = List.of("prepare-config", "migrate-registry-versioning", "migrate-resources",
            "migrate-identity", "migrate-apim", "reindex", "finalize");

    @TempDir
    Path dir;
    final List<UpgradeEvent> events = new ArrayList<>();

    /** Two databases of one server kind: WSO2AM_DB, and WSO2REG_DB that also holds the user store. */
    private final class Installation implements AutoCloseable {
        final String kind;
        final TestDatabases.TestDb am;
        final TestDatabases.TestDb reg;
        final String user;
        final String password;
        final Path oldHome;
        final Path newHome;

        Installation(String kind) throws Exception {
            this.kind = kind;
            am = kind.equals("postgresql") ? TestDatabases.postgres() : TestDatabases.mariadb();
            reg = kind.equals("postgresql") ? TestDatabases.postgres() : TestDatabases.mariadb();
            if (kind.equals("mariadb")) {
                // a user with a password, so the dump and restore must pass it (defaults file) to the tools
                user = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                password = "p'w\"d\\" + UUID.randomUUID().toString().substring(0, 8);
                try (Connection c = DriverManager.getConnection(am.adminUrl(), am.user(), am.password()); Statement s = c.createStatement()) {
                    s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password.replace("\\", "\\\\").replace("'", "\\'") + "'");
                    for (TestDatabases.TestDb db : List.of(am, reg)) {
                        s.execute("GRANT ALL PRIVILEGES ON " + db.name() + ".* TO '" + user + "'@'%'");
                    }
                }
            } else {
                user = am.user();
                password = am.password();
            }
            try (Connection c = connect(am)) {
                ApimShapedData.apimDb(c, kind.equals("postgresql"));
            }
            try (Connection c = connect(reg)) {
                ApimShapedData.sharedDb(c, kind.equals("postgresql"));
            }
            oldHome = LegacyHomeFixture.at(dir.resolve("old")).urls(am.url(), reg.url(), reg.url()).userStoreInRegistry().write();
            Files.createDirectories(oldHome.resolve("repository/deployment/server/synapse-configs/default/api"));
            Files.writeString(oldHome.resolve("repository/deployment/server/synapse-configs/default/api/admin--PizzaShackAPI_v1.0.0.xml"),
                    "<api xmlns=\"http://ws.apache.org/ns/synapse\" name=\"admin--PizzaShackAPI\" context=\"/pizzashack/1.0.0\"/>\n");
            Files.createDirectories(oldHome.resolve("repository/tenants/1/synapse-configs/default/api"));
            Files.writeString(oldHome.resolve("repository/tenants/1/synapse-configs/default/api/alice-AT-tenant.example--TenantAPI_v1.0.0.xml"),
                    "<api xmlns=\"http://ws.apache.org/ns/synapse\" name=\"alice-AT-tenant.example--TenantAPI\"/>\n");
            newHome = NewHomeFixture.write(dir.resolve("new"), "4.1.0");
        }

        Connection connect(TestDatabases.TestDb db) throws SQLException {
            return DriverManager.getConnection(db.url(), am.user(), am.password());
        }

        UpgradeRequest.Builder request() {
            UpgradeRequest.Builder b = UpgradeRequest.builder().oldHome(oldHome).newHome(newHome).reportDirectory(dir.resolve("report"))
                    .backup(new BackupOptions(dir.resolve("backups"), BackupOptions.Mode.DUMP, null, false, false));
            for (String role : new String[] {"apimDb", "sharedDb"}) {
                b.datasource(new DatasourceOverride(role, null, user, Secret.of(password), null, null));
            }
            return b;
        }

        Map<String, Map<String, List<String>>> snapshot() throws SQLException {
            try (Connection a = connect(am); Connection r = connect(reg)) {
                return Map.of("am", ApimShapedData.snapshot(a), "reg", ApimShapedData.snapshot(r));
            }
        }

        @Override
        public void close() {
            am.close();
            reg.close();
            if (kind.equals("mariadb")) {
                try (Connection c = DriverManager.getConnection(am.adminUrl(), am.user(), am.password()); Statement s = c.createStatement()) {
                    s.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                } catch (SQLException ignored) {
                    // a leftover test user is harmless
                }
            }
        }
    }

    /** A stand-in for a path step: runs {@code body} once on apply. */
    private static final class StandIn implements Step {
        private final String id;
        private final Consumer<StepContext> body;

        StandIn(String id, Consumer<StepContext> body) {
            this.id = id;
            this.body = body;
        }

        @Override public String id() { return id; }
        @Override public String title() { return "stand-in " + id; }
        /** As the real steps: prepare-config reads files only; the others may touch any database. */
        @Override public java.util.Set<io.github.apimupgrade.core.config.DatasourceRole> databaseRoles() {
            return id.equals("prepare-config") ? java.util.Set.of()
                    : java.util.EnumSet.allOf(io.github.apimupgrade.core.config.DatasourceRole.class);
        }

        @Override
        public StepPlan plan(StepContext ctx) {
            return StepPlan.builder(id).action(new PlannedAction() {
                @Override public Kind kind() { return Kind.DATA_UPDATE; }
                @Override public String summary() { return "stand-in " + id; }
                @Override public String details() { return ""; }
                @Override public ActionResult apply(StepContext c) {
                    body.accept(c);
                    return ActionResult.of("ran " + id);
                }
            }).build();
        }
    }

    private UpgradeEngine engine(Tools tools, Consumer<StepContext> apimStep) {
        StepCatalog catalog = new StepCatalog();
        MIDDLE.forEach(id -> catalog.register(id, () -> new StandIn(id, c -> { })));
        catalog.register("backup", () -> new BackupStep(tools));
        catalog.register("restore", () -> new RestoreStep(tools));
        catalog.register("migrate-identity", () -> new StandIn("migrate-identity", BackupVerifyRestoreTest::upgradeLikeChanges));
        catalog.register("migrate-apim", () -> new StandIn("migrate-apim", apimStep));
        catalog.register("finalize", () -> new StandIn("finalize", BackupVerifyRestoreTest::serverStarted));
        return new UpgradeEngine(e -> { synchronized (events) { events.add(e); } }, Clock.systemUTC(), ProcessLauncher.system(), catalog);
    }

    /** What an upgrade does to the schema and rows: a new column filled in, a new table, updated rows. */
    private static void upgradeLikeChanges(StepContext c) {
        sql(c, DatasourceRole.APIM_DB, "ALTER TABLE AM_API ADD COLUMN STATUS VARCHAR(30)", "UPDATE AM_API SET STATUS = 'PUBLISHED'",
                "CREATE TABLE AM_REVISION (ID INTEGER NOT NULL, API_UUID VARCHAR(256) NOT NULL, PRIMARY KEY (ID))",
                "INSERT INTO AM_REVISION (ID, API_UUID) VALUES (1, 'a1')", "UPDATE AM_APPLICATION SET DESCRIPTION = 'migrated'");
        sql(c, DatasourceRole.SHARED_DB, "UPDATE UM_USER SET UM_USER_PASSWORD = 'rehashed'",
                "INSERT INTO UM_HYBRID_ROLE (UM_ROLE_NAME, UM_TENANT_ID) VALUES ('Internal/creator', -1234)");
    }

    private static void serverStarted(StepContext c) {
        try {
            Path log = c.newHome().home().resolve("repository/logs/wso2carbon.log");
            Files.createDirectories(log.getParent());
            Files.writeString(log, "TID: [-1234] [] [2026-12-02 01:00:00,000]  INFO {org.wso2.carbon.core.internal.CarbonCoreActivator} - Starting WSO2 Carbon...\n"
                    + "TID: [-1234] [] [2026-12-02 01:00:40,000]  INFO {org.wso2.carbon.core.internal.StartupFinalizerServiceComponent} - WSO2 Carbon started in 40 sec\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void sql(StepContext c, DatasourceRole role, String... statements) {
        try (Connection conn = c.databases().get(role).connect(); Statement s = conn.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}, vendor tools {1}")
    @CsvSource({"postgresql, true", "postgresql, false", "mariadb, true", "mariadb, false"})
    void migrateDumpsEveryDatabaseAndARestoreGivesBackThePreUpgradeRows(String kind, boolean vendorTools) throws Exception {
        Tools tools = vendorTools ? Tools.onPath() : Tools.none();
        if (vendorTools) {
            org.junit.jupiter.api.Assumptions.assumeTrue(tools.find(kind.equals("postgresql") ? "pg_dump" : "mariadb-dump").isPresent()
                    || tools.find("mysqldump").isPresent(), "no vendor dump tool on the PATH");
        }
        try (Installation inst = new Installation(kind)) {
            Map<String, Map<String, List<String>>> before = inst.snapshot();

            RunReport run = engine(tools, c -> { }).migrate(inst.request().build());

            assertEquals(RunReport.Outcome.SUCCEEDED, run.outcome);
            assertNotEquals(before, inst.snapshot(), "the stand-in upgrade changed the databases");
            BackupManifest m = BackupManifest.read(inst.newHome).orElseThrow();
            assertEquals(2, m.dumps().size());
            String format = vendorTools ? (kind.equals("postgresql") ? "pg_dump" : "mysqldump") : "jdbc-export";
            Path runDir = Path.of(m.directory());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(runDir)));
            for (BackupManifest.DumpRecord d : m.dumps()) {
                assertEquals(format, d.format());
                Path f = Path.of(d.file());
                assertTrue(f.startsWith(dir.resolve("backups")), f.toString());
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
                assertEquals(Files.size(f), d.sizeBytes());
                assertEquals(io.github.apimupgrade.core.files.SafeFiles.sha256(f), d.sha256());
                assertTrue(d.checked().contains("all equal to the live counts"), d.checked());
                assertTrue(d.toolVersion() != null && !d.restoreCommand().isBlank());
            }
            BackupManifest.DumpRecord amDump = m.dumps().stream().filter(d -> d.roles().contains("apim_db")).findFirst().orElseThrow();
            assertEquals(4L, amDump.tableCounts().get("am_api"));
            assertEquals(4L, amDump.tableCounts().get("am_subscription"));
            // the old home's Synapse configurations and tenants' directories are archived
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(m.archives().get(0).file())) {
                assertTrue(z.getEntry("repository/deployment/server/synapse-configs/default/api/admin--PizzaShackAPI_v1.0.0.xml") != null);
                assertTrue(z.getEntry("repository/tenants/1/synapse-configs/default/api/alice-AT-tenant.example--TenantAPI_v1.0.0.xml") != null);
                assertTrue(z.getEntry("repository/conf/datasources/master-datasources.xml") != null);
            }
            // the counts verify compared: taken before the first change
            assertEquals(3L, m.inventory().get("apis[tenant=carbon.super]"));
            assertEquals(1L, m.inventory().get("apis[tenant=tenant.example]"));
            assertEquals(2L, m.inventory().get("tenants"));
            assertEquals(1L, m.inventory().get("registry api artifacts[tenant=-1234]"));
            assertEquals("SUCCEEDED", run.step("verify").stateAfter);
            // sizes, checksums and restore commands are in the report; the password is nowhere
            String report = Files.readString(dir.resolve("report/report.json"));
            assertTrue(report.contains(amDump.sha256()) && report.contains("restore: "), "report lists the dumps");
            if (!inst.password.isEmpty()) {
                String all = report + Files.readString(BackupManifest.journalFile(inst.newHome)) + events;
                assertFalse(all.contains(inst.password), "password leaked");
                try (var files = Files.list(runDir)) {
                    assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".cnf")), "defaults file removed");
                }
            }

            // a restore into fresh databases gives row for row the pre-upgrade contents
            try (TestDatabases.TestDb am2 = kind.equals("postgresql") ? TestDatabases.postgres() : TestDatabases.mariadb();
                 TestDatabases.TestDb reg2 = kind.equals("postgresql") ? TestDatabases.postgres() : TestDatabases.mariadb()) {
                for (BackupManifest.DumpRecord d : m.dumps()) {
                    TestDatabases.TestDb target = d.roles().contains("apim_db") ? am2 : reg2;
                    Datasource ds = new Datasource("fresh", null, target.url(), target.user(), Secret.of(target.password()), null, null,
                            null, Map.of(), "test");
                    try (Database db = new Database(Set.of(DatasourceRole.APIM_DB), ds, new Redactor())) {
                        DatabaseDump.restore(d, db, tools, new Redactor());
                    }
                }
                Map<String, List<String>> am2Rows;
                Map<String, List<String>> reg2Rows;
                try (Connection a = DriverManager.getConnection(am2.url(), am2.user(), am2.password());
                     Connection r = DriverManager.getConnection(reg2.url(), reg2.user(), reg2.password())) {
                    am2Rows = ApimShapedData.snapshot(a);
                    reg2Rows = ApimShapedData.snapshot(r);
                }
                assertEquals(before.get("am"), am2Rows);
                assertEquals(before.get("reg"), reg2Rows);
            }

            // the restore goal refuses without confirmation, then puts the upgraded databases back
            UpgradeException refused = assertThrows(UpgradeException.class, () -> engine(tools, c -> { }).restore(inst.request().build()));
            assertEquals(ErrorCode.RESTORE_NOT_CONFIRMED, refused.code());
            assertNotEquals(before, inst.snapshot());
            engine(tools, c -> { }).restore(inst.request()
                    .backup(new BackupOptions(dir.resolve("backups"), BackupOptions.Mode.DUMP, null, false, true)).build());
            assertEquals(before, inst.snapshot());
            assertFalse(Files.exists(JournalFile.location(inst.newHome)), "journal moved aside: the next run starts anew");
        }
    }

    @Test
    void verifyFailsWhenAnApiRowIsDeletedBetweenTheCounts() throws Exception {
        try (Installation inst = new Installation("postgresql")) {
            UpgradeException e = assertThrows(UpgradeException.class, () -> engine(Tools.onPath(),
                    c -> sql(c, DatasourceRole.APIM_DB, "DELETE FROM AM_API WHERE API_NAME = 'NoSubscribers'")).migrate(inst.request().build()));

            assertEquals(ErrorCode.VERIFY_FAILED, e.code());
            assertTrue(e.getMessage().contains("apis[tenant=carbon.super]: 3 before, 2 after (must stay equal)"), e.getMessage());
            assertFalse(e.getMessage().contains("subscriptions"), "only the API row differs: " + e.getMessage());
            String report = Files.readString(dir.resolve("report/report.json"));
            assertTrue(report.contains("VERIFY_FAILED") && report.contains("apim-upgrade:restore"), "the report names the way back");
            assertEquals("FAILED", JournalFile.open(inst.newHome, Clock.systemUTC()).get("verify").state().name());
        }
    }
}
