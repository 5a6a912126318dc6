package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.journal.HomeLock;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.journal.StepState;
import io.github.apimupgrade.core.report.RunReport;
import io.github.apimupgrade.core.server.ProcessLauncher;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepCatalog;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.testsupport.LegacyHomeFixture;
import io.github.apimupgrade.core.testsupport.NewHomeFixture;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpgradeEngineTest {
    private static final List<String> STEPS = List.of("prepare-config", "backup", "migrate-registry-versioning",
            "migrate-resources", "migrate-identity", "migrate-apim", "reindex", "finalize", "verify");

    @TempDir
    Path dir;
    Path oldHome;
    Path newHome;
    final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
    final List<UpgradeEvent> events = new ArrayList<>();
    String failingStep;
    String badInputStep;

    @BeforeEach
    void setUp() throws Exception {
        oldHome = LegacyHomeFixture.at(dir.resolve("old"))
                .urls(TestDatabases.h2Url(), TestDatabases.h2Url(), TestDatabases.h2Url()).write();
        newHome = NewHomeFixture.write(dir.resolve("new"), "4.1.0");
    }

    /** A step that appends its id to a marker file in the new home, once per apply. */
    private final class MarkerStep implements Step {
        private final String id;

        MarkerStep(String id) {
            this.id = id;
        }

        @Override public String id() { return id; }
        @Override public String title() { return "test step " + id; }
        @Override public java.util.Set<io.github.apimupgrade.core.config.DatasourceRole> databaseRoles() {
            return new io.github.apimupgrade.core.steps.StepCatalog().get(id).databaseRoles();
        }

        @Override
        public StepPlan plan(StepContext ctx) {
            if (id.equals(badInputStep)) {
                throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, id + " has no migration client", "<identityMigrationClient>",
                        "set it");
            }
            Path marker = ctx.newHome().home().resolve("markers.txt");
            String before = ctx.workspace().read(marker).orElse("");
            return StepPlan.builder(id)
                    .action(WriteFileAction.of(marker, "markers.txt", before, before + id + "\n", ctx.redactor()::redact))
                    .build();
        }

        @Override
        public io.github.apimupgrade.core.steps.StepOutcome apply(StepPlan plan, StepContext ctx) {
            if (id.equals(failingStep)) {
                throw UpgradeException.environment(ErrorCode.SERVER_FAILED, id + " broke", null, null, null);
            }
            applied.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            return Step.super.apply(plan, ctx);
        }
    }

    private UpgradeEngine engine() {
        StepCatalog catalog = new StepCatalog();
        STEPS.forEach(id -> catalog.register(id, () -> new MarkerStep(id)));
        return new UpgradeEngine(e -> { synchronized (events) { events.add(e); } }, Clock.systemUTC(),
                ProcessLauncher.system(), catalog);
    }

    private UpgradeRequest.Builder request() {
        return UpgradeRequest.builder().oldHome(oldHome).newHome(newHome).allowH2(true)
                .reportDirectory(dir.resolve("report"));
    }

    private String markers() throws Exception {
        Path m = newHome.resolve("markers.txt");
        return Files.exists(m) ? Files.readString(m) : "";
    }

    @Test
    void planShowsEveryStepPendingAndChangesNothing() throws Exception {
        byte[] tomlBefore = Files.readAllBytes(newHome.resolve("repository/conf/deployment.toml"));
        RunReport r = engine().plan(request().build());

        assertEquals(RunReport.Outcome.PLANNED, r.outcome);
        assertEquals(STEPS, r.steps.stream().map(s -> s.id).toList());
        assertTrue(r.steps.stream().allMatch(s -> s.stateBefore.equals("PENDING") && s.actions.size() == 1));
        // later plans see earlier planned writes: the last step's diff adds its line after eight others
        assertTrue(r.steps.get(8).actions.get(0).details().contains("+verify"));
        assertTrue(r.steps.get(8).actions.get(0).details().contains(" reindex"));
        assertFalse(Files.exists(newHome.resolve("markers.txt")));
        assertFalse(Files.exists(newHome.resolve(".apim-upgrade/journal.json")));
        assertTrue(java.util.Arrays.equals(tomlBefore, Files.readAllBytes(newHome.resolve("repository/conf/deployment.toml"))));
        assertTrue(Files.exists(dir.resolve("report/report.json")));
        assertTrue(Files.readString(dir.resolve("report/report.html")).contains("prepare-config"));
        assertTrue(Files.readString(dir.resolve("report/plan.txt")).contains("+migrate-apim"));
    }

    @Test
    void dryRunMigrateChangesNothing() throws Exception {
        RunReport r = engine().migrate(request().dryRun(true).build());
        assertTrue(r.dryRun);
        assertEquals("", markers());
        assertTrue(applied.isEmpty());
        assertFalse(Files.exists(newHome.resolve(".apim-upgrade/journal.json")));
    }

    @Test
    void migrateRunsAllStepsThenASecondRunIsANoOp() throws Exception {
        RunReport first = engine().migrate(request().build());
        assertEquals(RunReport.Outcome.SUCCEEDED, first.outcome);
        assertEquals(String.join("\n", STEPS) + "\n", markers());

        RunReport second = engine().migrate(request().build());
        assertEquals(RunReport.Outcome.NOTHING_TO_DO, second.outcome);
        assertEquals(String.join("\n", STEPS) + "\n", markers());
        STEPS.forEach(id -> assertEquals(1, applied.get(id).get(), id));
        assertTrue(events.stream().anyMatch(e -> e.message().contains("already complete")));
    }

    @Test
    void aFailedStepStopsTheRunAndTheNextRunResumesThere() throws Exception {
        failingStep = "migrate-identity";
        UpgradeException e = assertThrows(UpgradeException.class, () -> engine().migrate(request().build()));
        assertEquals(ErrorCode.SERVER_FAILED, e.code());
        assertEquals("prepare-config\nbackup\nmigrate-registry-versioning\nmigrate-resources\n", markers());
        JournalFile journal = JournalFile.open(newHome, Clock.systemUTC());
        assertEquals(StepState.FAILED, journal.get("migrate-identity").state());
        assertEquals(StepState.PENDING, journal.get("migrate-apim").state());
        assertTrue(Files.readString(dir.resolve("report/report.json")).contains("\"FAILED\""));

        failingStep = null;
        engine().migrate(request().build());
        assertEquals(String.join("\n", STEPS) + "\n", markers());
        Stream.of("prepare-config", "migrate-registry-versioning", "migrate-resources")
                .forEach(id -> assertEquals(1, applied.get(id).get(), id + " must not run twice"));
        assertTrue(events.stream().anyMatch(ev -> ev.message().startsWith("Resuming at migrate-identity")));
    }

    @Test
    void badInputOfALaterStepFailsTheRunBeforeTheFirstChange() throws Exception {
        badInputStep = "migrate-identity";
        UpgradeException e = assertThrows(UpgradeException.class, () -> engine().migrate(request().build()));
        assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
        assertTrue(e.getMessage().contains("[migrate-identity] migrate-identity has no migration client"), e.getMessage());
        assertEquals("", markers());
        assertTrue(applied.isEmpty());
        assertEquals(StepState.PENDING, JournalFile.open(newHome, Clock.systemUTC()).get("prepare-config").state());
    }

    @Test
    void aSecondRunIsRefusedWhileTheLockIsHeld() {
        try (HomeLock held = HomeLock.acquire(newHome)) {
            UpgradeException e = assertThrows(UpgradeException.class, () -> engine().migrate(request().build()));
            assertEquals(ErrorCode.LOCK_HELD, e.code());
        }
        assertTrue(applied.isEmpty());
    }

    @Test
    void aSingleGoalNeedsTheEarlierStepsDone() {
        UpgradeException e = assertThrows(UpgradeException.class, () -> engine().runStep("migrate-apim", request().build()));
        assertEquals(ErrorCode.STEP_OUT_OF_ORDER, e.code());
        assertTrue(e.getMessage().contains("prepare-config"));
        engine().runStep("prepare-config", request().build());
        engine().runStep("backup", request().build());
        assertEquals(1, applied.get("prepare-config").get());
    }

    @Test
    void repairMarksAFailedStepDoneOrRetriesIt() throws Exception {
        failingStep = "prepare-config";
        assertThrows(UpgradeException.class, () -> engine().migrate(request().build()));
        engine().repair(request().build(), "prepare-config", UpgradeEngine.RepairAction.MARK_DONE);
        assertEquals(StepState.MARKED_DONE, JournalFile.open(newHome, Clock.systemUTC()).get("prepare-config").state());

        failingStep = null;
        engine().repair(request().build(), "prepare-config", UpgradeEngine.RepairAction.RETRY);
        assertEquals(1, applied.get("prepare-config").get());
        assertEquals(StepState.SUCCEEDED, JournalFile.open(newHome, Clock.systemUTC()).get("prepare-config").state());
    }

    @Test
    void failOnPendingChangesMakesPlanACiGate() {
        UpgradeException e = assertThrows(UpgradeException.class,
                () -> engine().plan(request().failOnPendingChanges(true).build()));
        assertEquals(ErrorCode.PENDING_CHANGES, e.code());
        engine().migrate(request().build());
        engine().plan(request().failOnPendingChanges(true).build());
    }

    @Test
    void h2DatabasesOfARealInstallationAreRefusedBeforeAnythingRuns() throws Exception {
        UpgradeException e = assertThrows(UpgradeException.class,
                () -> engine().migrate(request().allowH2(false).build()));
        assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
        assertTrue(e.getMessage().contains("H2"), e.getMessage());
        assertTrue(applied.isEmpty());
        assertEquals("", markers());
    }

    @Test
    void anUnsupportedPairListsTheSupportedOnes() throws Exception {
        NewHomeFixture.write(newHome, "4.2.0");
        UpgradeException e = assertThrows(UpgradeException.class, () -> engine().plan(request().build()));
        assertEquals(ErrorCode.UNSUPPORTED_PATH, e.code());
        assertTrue(e.hint().contains("2.6.0 -> 4.1.0") && e.hint().contains("3.0.0 -> 3.1.0"), e.hint());
    }

    @Test
    void passwordsNeverReachTheReport() throws Exception {
        engine().plan(request().build());
        String json = Files.readString(dir.resolve("report/report.json"));
        assertFalse(json.contains("amPass") || json.contains("regPass") || json.contains("umPass"), json);
    }
}
