package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.api.DatasourceOverride;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.event.EventSink;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.journal.StepState;
import io.github.apimupgrade.core.path.PathCatalog;
import io.github.apimupgrade.core.path.UpgradePath;
import io.github.apimupgrade.core.report.RunReport;
import io.github.apimupgrade.core.server.ProcessLauncher;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepCatalog;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.testsupport.LegacyHomeFixture;
import io.github.apimupgrade.core.testsupport.NewHomeFixture;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.apimupgrade.core.config.DatasourceRole.ANALYTICS_DB;
import static io.github.apimupgrade.core.config.DatasourceRole.APIM_DB;
import static io.github.apimupgrade.core.config.DatasourceRole.CONFIG_DB;
import static io.github.apimupgrade.core.config.DatasourceRole.SHARED_DB;
import static io.github.apimupgrade.core.config.DatasourceRole.USER_DB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each goal connects to, checks and locks only the databases its steps use (issue 12). */
class DatabaseNeedsTest {
    @TempDir
    Path dir;

    /**
     * What each step really uses, read from its code: prepare-config and migrate-resources only read files; the SQL
     * steps their script's database; the server steps every database the server opens; scope roles the registry
     * holding tenant-conf.json and the user store; analytics its own database.
     */
    static final Map<String, Set<DatasourceRole>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("prepare-config", Set.of());
        // backup dumps, and verify counts, every database of the installation
        EXPECTED.put("backup", java.util.EnumSet.allOf(DatasourceRole.class));
        EXPECTED.put("verify", java.util.EnumSet.allOf(DatasourceRole.class));
        // a /_system/config mount on its own WSO2CONFIG_DB is cleaned too
        EXPECTED.put("migrate-registry-versioning", Set.of(SHARED_DB, CONFIG_DB));
        EXPECTED.put("migrate-resources", Set.of());
        EXPECTED.put("migrate-apim-db", Set.of(APIM_DB));
        EXPECTED.put("migrate-identity", Set.of(APIM_DB, SHARED_DB, USER_DB, CONFIG_DB));
        EXPECTED.put("migrate-apim", Set.of(APIM_DB, SHARED_DB, USER_DB, CONFIG_DB));
        EXPECTED.put("reindex", Set.of(APIM_DB, SHARED_DB, USER_DB, CONFIG_DB));
        EXPECTED.put("migrate-analytics", Set.of(ANALYTICS_DB));
        EXPECTED.put("migrate-scope-roles", Set.of(CONFIG_DB, SHARED_DB, USER_DB));
        EXPECTED.put("finalize", Set.of(APIM_DB, SHARED_DB, USER_DB, CONFIG_DB));
    }

    @Test
    void everyStepOfEveryPathDeclaresItsDatabases() {
        StepCatalog catalog = new StepCatalog();
        for (UpgradePath path : List.of(PathCatalog.load().find("2.6.0", "4.1.0"), PathCatalog.load().find("3.0.0", "3.1.0"))) {
            for (String id : path.steps()) {
                Step step = catalog.get(id);
                assertNotNull(step.databaseRoles(), id);
                assertEquals(EXPECTED.get(id), step.databaseRoles(), id);
            }
        }
        assertFalse(catalog.get("migrate-registry-versioning").changesNewHome());
        assertFalse(catalog.get("migrate-apim-db").changesNewHome());
        assertTrue(catalog.get("migrate-identity").changesNewHome());
    }

    @Test
    void aStepUsingADatabaseItDidNotDeclareFails() throws Exception {
        Path old = LegacyHomeFixture.at(dir.resolve("old"))
                .urls(TestDatabases.h2Url(), TestDatabases.h2Url(), TestDatabases.h2Url()).write();
        Path home = NewHomeFixture.write(dir.resolve("new"), "4.1.0");
        StepCatalog catalog = new StepCatalog();
        catalog.register("migrate-registry-versioning", () -> new Step() {
            @Override public String id() { return "migrate-registry-versioning"; }
            @Override public String title() { return "declares SHARED_DB, uses APIM_DB"; }
            @Override public Set<DatasourceRole> databaseRoles() { return Set.of(SHARED_DB); }
            @Override public StepPlan plan(StepContext c) {
                c.databases().get(APIM_DB);
                return StepPlan.builder(id()).build();
            }
        });
        UpgradeException e = assertThrows(UpgradeException.class, () -> new UpgradeEngine(EventSink.discard(),
                Clock.systemUTC(), ProcessLauncher.system(), catalog).plan(UpgradeRequest.builder().oldHome(old)
                .newHome(home).allowH2(true).reportDirectory(dir.resolve("report")).build()));
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertTrue(e.getMessage().contains("uses the database role apim_db without declaring it"), e.getMessage());
    }

    /** The old home's AM database on one unresolvable host, registry and user store on another (one login). */
    private UpgradeRequest.Builder unreachable(Path newHome) throws Exception {
        Path old = LegacyHomeFixture.at(dir.resolve("old")).urls("jdbc:postgresql://am-db.invalid:5432/apim",
                "jdbc:postgresql://reg-db.invalid:5432/wso2", "jdbc:postgresql://reg-db.invalid:5432/wso2").write();
        UpgradeRequest.Builder b = UpgradeRequest.builder().oldHome(old).newHome(newHome).reportDirectory(dir.resolve("report"));
        for (String role : List.of("sharedDb", "userDb")) {
            b.datasource(new DatasourceOverride(role, null, "wso2reg", Secret.of("regPass"), null, null));
        }
        return b;
    }

    @Test
    void configOnlyGoalsRunWithEveryDatabaseUnreachableAndPlanNamesTheHostsAndTheirSteps() throws Exception {
        Path home = NewHomeFixture.write(dir.resolve("new"), "4.1.0");
        UpgradeEngine engine = new UpgradeEngine(EventSink.discard());

        RunReport prepared = engine.runStep("prepare-config", unreachable(home).build());
        assertEquals(RunReport.Outcome.SUCCEEDED, prepared.outcome);
        assertTrue(Files.readString(home.resolve("repository/conf/deployment.toml")).contains("am-db.invalid"));
        assertTrue(prepared.findings.stream().noneMatch(f -> f.check().equals("connectivity")), prepared.findings.toString());

        RunReport resources = engine.runStep("migrate-resources", unreachable(home).outOfOrder(true).build());
        assertEquals(RunReport.Outcome.SUCCEEDED, resources.outcome);
        assertEquals(StepState.SUCCEEDED, JournalFile.open(home, Clock.systemUTC()).get("migrate-resources").state());

        UpgradeException e = assertThrows(UpgradeException.class, () -> engine.plan(unreachable(home).build()));
        assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
        String m = e.getMessage();
        assertTrue(m.contains("am-db.invalid") && m.contains("reg-db.invalid"), m);
        assertTrue(m.matches("(?s).*WSO2AM_DB \\(apim_db\\).*am-db\\.invalid.*needed by backup, migrate-identity, migrate-apim, reindex, finalize, verify.*"), m);
        assertTrue(m.matches("(?s).*WSO2REG_DB.*reg-db\\.invalid.*needed by backup, migrate-registry-versioning, migrate-identity.*"), m);
        assertFalse(m.contains("regPass") || m.contains("amPass"), m);
    }
}
