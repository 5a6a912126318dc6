package io.github.apimupgrade.core.steps.backup;

import io.github.apimupgrade.core.api.BackupOptions;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.db.DbFixtures;
import io.github.apimupgrade.core.engine.UpgradeEngine;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.path.PathCatalog;
import io.github.apimupgrade.core.report.RunReport;
import io.github.apimupgrade.core.server.ProcessLauncher;
import io.github.apimupgrade.core.steps.StepCatalog;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.Workspace;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.testsupport.LegacyHomeFixture;
import io.github.apimupgrade.core.testsupport.NewHomeFixture;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backup step's refusals and its H2 (quickstart) dump, on in-memory H2 databases; the path's other steps are stand-ins. */
class BackupStepTest {
    @TempDir
    Path dir;
    Path oldHome;
    Path newHome;
    String amUrl;

    @BeforeEach
    void setUp() throws Exception {
        amUrl = TestDatabases.h2Url();
        oldHome = LegacyHomeFixture.at(dir.resolve("old")).urls(amUrl, TestDatabases.h2Url(), TestDatabases.h2Url()).write();
        newHome = NewHomeFixture.write(dir.resolve("new"), "4.1.0");
        try (Connection c = DriverManager.getConnection(amUrl, "amUser", "amPass"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE AM_API (API_ID INTEGER AUTO_INCREMENT PRIMARY KEY, API_PROVIDER VARCHAR(200), API_NAME VARCHAR(200))");
            s.execute("INSERT INTO AM_API (API_PROVIDER, API_NAME) VALUES ('admin', 'PizzaShackAPI'), ('alice@t.example', 'T')");
        }
    }

    private UpgradeEngine engine() {
        StepCatalog catalog = new StepCatalog();
        for (String id : List.of("prepare-config", "migrate-registry-versioning", "migrate-resources", "migrate-identity",
                "migrate-apim", "reindex", "finalize", "verify")) {
            catalog.register(id, () -> new io.github.apimupgrade.core.steps.Step() {
                @Override public String id() { return id; }
                @Override public String title() { return id; }
                @Override public java.util.Set<io.github.apimupgrade.core.config.DatasourceRole> databaseRoles() { return java.util.Set.of(); }
                @Override public StepPlan plan(StepContext ctx) {
                    Path marker = ctx.newHome().home().resolve("markers.txt");
                    String before = ctx.workspace().read(marker).orElse("");
                    return StepPlan.builder(id).action(WriteFileAction.of(marker, "markers.txt", before, before + id + "\n", s -> s)).build();
                }
            });
        }
        return new UpgradeEngine(EventSink.discard(), Clock.systemUTC(), ProcessLauncher.system(), catalog);
    }

    private UpgradeRequest.Builder request(BackupOptions backup) {
        return UpgradeRequest.builder().oldHome(oldHome).newHome(newHome).allowH2(true).reportDirectory(dir.resolve("report")).backup(backup);
    }

    @Test
    void withoutABackupDirectoryOrAnExternalStatementNothingRuns() {
        UpgradeException e = assertThrows(UpgradeException.class, () -> engine().migrate(request(BackupOptions.defaults()).build()));
        assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
        assertTrue(e.getMessage().contains("[backup] No backup"), e.getMessage());
        assertTrue(e.hint().contains("backupDirectory"), e.hint());
        assertFalse(Files.exists(newHome.resolve("markers.txt")), "no step ran");

        UpgradeException external = assertThrows(UpgradeException.class, () -> engine().migrate(request(
                new BackupOptions(null, BackupOptions.Mode.EXTERNAL, " ", false, false)).build()));
        assertTrue(external.getMessage().contains("backup=external needs the reference"), external.getMessage());
        assertFalse(Files.exists(newHome.resolve("markers.txt")));
    }

    @Test
    void aBackupDirectoryInsideAHomeIsRefused() {
        for (Path inside : List.of(newHome.resolve("backups"), oldHome.resolve("repository/backup"))) {
            UpgradeException e = assertThrows(UpgradeException.class, () -> engine().migrate(request(
                    new BackupOptions(inside, BackupOptions.Mode.DUMP, null, false, false)).build()));
            assertTrue(e.getMessage().contains("is inside the API Manager home"), e.getMessage());
            assertFalse(Files.exists(inside));
        }
    }

    @Test
    void anExternalBackupIsRecordedWithItsReferenceAndTheCountsButNoDumps() throws Exception {
        RunReport r = engine().migrate(request(new BackupOptions(null, BackupOptions.Mode.EXTERNAL, "snap-2026-12-01/vol-42", false, false)).build());
        assertEquals(RunReport.Outcome.SUCCEEDED, r.outcome);
        BackupManifest m = BackupManifest.read(newHome).orElseThrow();
        assertEquals("snap-2026-12-01/vol-42", m.reference());
        assertTrue(m.dumps().isEmpty());
        assertEquals(1L, m.inventory().get("apis[tenant=carbon.super]"));
        assertEquals(1L, m.inventory().get("apis[tenant=t.example]"));
        assertTrue(Files.readString(dir.resolve("report/report.json")).contains("snap-2026-12-01/vol-42"));
    }

    @Test
    void h2DatabasesAreDumpedWithScriptCheckedInAScratchDatabaseAndRestored() throws Exception {
        Path backups = dir.resolve("backups");
        engine().migrate(request(new BackupOptions(backups, BackupOptions.Mode.DUMP, null, false, false)).build());
        BackupManifest m = BackupManifest.read(newHome).orElseThrow();
        assertEquals(List.of("h2-script", "h2-script", "h2-script"), m.dumps().stream().map(BackupManifest.DumpRecord::format).toList());
        BackupManifest.DumpRecord am = m.dumps().stream().filter(d -> d.roles().contains("apim_db")).findFirst().orElseThrow();
        assertEquals(Map.of("am_api", 2L), am.tableCounts());
        assertTrue(am.checked().startsWith("restored into a scratch H2 database"), am.checked());

        try (Connection c = DriverManager.getConnection(amUrl, "amUser", "amPass"); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE AM_API ADD COLUMN STATUS VARCHAR(20)");
            s.execute("DELETE FROM AM_API WHERE API_NAME = 'T'");
        }
        engine().restore(request(new BackupOptions(backups, BackupOptions.Mode.DUMP, null, false, true)).build());
        try (Connection c = DriverManager.getConnection(amUrl, "amUser", "amPass")) {
            assertEquals(Map.of("am_api", 2L), Tables.counts(c));
            assertFalse(ApimShapedData.snapshot(c).get("am_api").get(0).contains("status"), "the upgrade's column is gone");
        }
    }

    @Test
    void oracleSqlServerAndDb2AreExportedByTheOperatorWithTheReportedCommandAndConfirmed() {
        Redactor redactor = new Redactor();
        Databases dbs = new Databases(Map.of(
                DatasourceRole.APIM_DB, DbFixtures.datasource("WSO2AM_DB", "jdbc:oracle:thin:@//db.example:1521/APIM", "apimadmin", "secret-1"),
                DatasourceRole.SHARED_DB, DbFixtures.datasource("WSO2REG_DB", "jdbc:sqlserver://mssql.example:1433;databaseName=WSO2REG", "reg", "secret-2"),
                DatasourceRole.USER_DB, DbFixtures.datasource("WSO2UM_DB", "jdbc:db2://db2.example:50000/WSO2UM:retrieveMessagesFromServerOnGetMessage=true;", "um", "secret-3")),
                redactor);
        Path backups = dir.resolve("backups");
        StepContext unconfirmed = context(dbs, redactor, new BackupOptions(backups, BackupOptions.Mode.DUMP, null, false, false));
        UpgradeException e = assertThrows(UpgradeException.class, () -> new BackupStep(Tools.none()).plan(unconfirmed));
        assertEquals(ErrorCode.BACKUP_REQUIRED, e.code());
        assertTrue(e.getMessage().contains("expdp apimadmin@\"//db.example:1521/APIM\" SCHEMAS=APIMADMIN DIRECTORY=DATA_PUMP_DIR"), e.getMessage());
        assertTrue(e.getMessage().contains("sqlcmd -S mssql.example,1433 -U reg -Q \"BACKUP DATABASE [WSO2REG] TO DISK"), e.getMessage());
        assertTrue(e.getMessage().contains("db2 BACKUP DATABASE WSO2UM USER um TO "), e.getMessage());
        assertFalse(e.getMessage().contains("secret-"), "no password in the commands");
        assertEquals("apim.upgrade.backupExportsConfirmed", e.location());

        StepPlan plan = new BackupStep(Tools.none()).plan(context(dbs, redactor, new BackupOptions(backups, BackupOptions.Mode.DUMP, null, true, false)));
        assertEquals(3, plan.manualActions().size());
        assertTrue(plan.actions().stream().anyMatch(a -> a.summary().startsWith("record the operator's export of WSO2AM_DB")));
        assertTrue(plan.actions().stream().anyMatch(a -> a.details().contains("RESTORE DATABASE [WSO2REG] FROM DISK")));
        assertFalse(Files.exists(backups), "planning writes nothing");
        dbs.close();
    }

    private StepContext context(Databases dbs, Redactor redactor, BackupOptions backup) {
        UpgradeRequest request = UpgradeRequest.builder().oldHome(oldHome).newHome(newHome).backup(backup).build();
        return new StepContext(request, new Installation(oldHome, "2.6.0", false, List.of(), Map.of()),
                new Installation(newHome, "4.1.0", true, List.of(), Map.of()), PathCatalog.load().find("2.6.0", "4.1.0"), new Workspace(),
                dbs, EventSink.discard(), redactor, JournalFile.open(newHome, Clock.systemUTC()), Clock.systemUTC(), ProcessLauncher.system());
    }
}
