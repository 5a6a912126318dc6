package io.github.apimupgrade.core.engine;

import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.db.SqlScript;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.report.ReportWriter;
import io.github.apimupgrade.core.report.RunReport;
import io.github.apimupgrade.core.server.ProcessLauncher;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepCatalog;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.steps.db.SqlScriptAction;
import io.github.apimupgrade.core.testsupport.GitApply;
import io.github.apimupgrade.core.testsupport.LegacyHomeFixture;
import io.github.apimupgrade.core.testsupport.NewHomeFixture;
import io.github.apimupgrade.core.testsupport.NoOpSteps;
import io.github.apimupgrade.core.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 18: a dry run leaves plan.patch, which the real git apply accepts from the new home and which turns the home
 * into what migrate then writes (a file rewritten entirely, a new file without a final line break, a file two steps
 * write); plan-&lt;role&gt;-&lt;datasource&gt;.sql with the statements as the run sends them; and, last, the line that says
 * what to run. Secrets under odd keys reach neither file: the file holding one is left out of the patch by name, the
 * statement holding one is masked and says so. Then the reports last: a plan keeps nothing under the new home,
 * migrate does, and status lists both runs, newest first, with both places.
 */
class DryRunPlanFilesTest {
    private static final List<String> STEPS = List.of("prepare-config", "backup", "migrate-registry-versioning",
            "migrate-resources", "migrate-identity", "migrate-apim", "reindex", "finalize", "verify");
    private static final List<String> SECRETS = List.of("amPass", "regPass", "umPass");
    private static final String REWRITTEN = """
            [server]
            hostname = "apim.example.com"
            node_ip = "10.0.0.5"

            [database.shared_db]
            type = "h2"
            url = "jdbc:h2:./repository/database/WSO2SHARED_DB"
            username = "wso2carbon"
            password = "wso2carbon"
            """;

    @TempDir
    Path dir;
    Path oldHome;
    Path newHome;
    final List<UpgradeEvent> events = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        oldHome = LegacyHomeFixture.at(dir.resolve("old"))
                .urls(TestDatabases.h2Url(), TestDatabases.h2Url(), TestDatabases.h2Url()).write();
        newHome = NewHomeFixture.write(dir.resolve("new"), "4.1.0");
    }

    /** A step whose plan is the actions {@code plan} builds. */
    private static Step step(String id, Set<DatasourceRole> roles, Function<StepContext, List<PlannedAction>> plan) {
        return new Step() {
            @Override public String id() { return id; }
            @Override public String title() { return "test step " + id; }
            @Override public Set<DatasourceRole> databaseRoles() { return roles; }
            @Override public StepPlan plan(StepContext c) {
                StepPlan.Builder b = StepPlan.builder(id);
                plan.apply(c).forEach(b::action);
                return b.build();
            }
        };
    }

    private static WriteFileAction write(StepContext c, String rel, Function<String, String> change) {
        Path f = c.newHome().home().resolve(rel);
        String before = c.workspace().read(f).orElse("");
        return WriteFileAction.of(f, rel, before, change.apply(before), c.redactor()::redact);
    }

    private UpgradeEngine engine() {
        StepCatalog catalog = new StepCatalog();
        NoOpSteps.register(catalog, "backup", "migrate-identity", "migrate-apim", "reindex", "finalize", "verify");
        catalog.register("prepare-config", () -> step("prepare-config", Set.of(), c -> List.of(
                write(c, "repository/conf/deployment.toml", before -> REWRITTEN),
                write(c, "repository/conf/new-feature.xml", before -> "<feature>\n  <enabled>true</enabled>\n</feature>"))));
        catalog.register("migrate-resources", () -> step("migrate-resources", Set.of(), c -> List.of(
                write(c, "repository/conf/deployment.toml", before -> before + "\n[apim.devportal]\nenable_ratings = false\n"),
                // a registered secret (the registry datasource's password) under a key no pattern knows
                write(c, "repository/conf/odd.toml", before -> "[custom]\nflavour = \"regPass\"\n"))));
        catalog.register("migrate-registry-versioning", () -> step("migrate-registry-versioning", Set.of(DatasourceRole.SHARED_DB),
                c -> List.of(SqlScriptAction.of("migrate-registry-versioning", DatasourceRole.SHARED_DB,
                        c.databases().get(DatasourceRole.SHARED_DB), SqlScript.of("test/odd-values.sql", "h2", """
                                CREATE TABLE REPORT18_T (V VARCHAR(50));
                                -- a secret in a value, under a column named like nothing secret
                                INSERT INTO REPORT18_T (V) VALUES ('umPass');
                                INSERT INTO REPORT18_T (V) VALUES ('plain');
                                """), c.redactor()))));
        return new UpgradeEngine(e -> { synchronized (events) { events.add(e); } }, Clock.systemUTC(), ProcessLauncher.system(), catalog);
    }

    private UpgradeRequest.Builder request() {
        return UpgradeRequest.builder().oldHome(oldHome).newHome(newHome).allowH2(true).reportDirectory(dir.resolve("report"));
    }

    @Test
    void theDryRunsPatchAppliesAndGivesWhatMigrateWrites() throws Exception {
        assumeTrue(GitApply.available(), "git is not installed");
        Path report = dir.resolve("report");
        RunReport plan = engine().migrate(request().dryRun(true).build());
        assertEquals(RunReport.Outcome.PLANNED, plan.outcome);

        // the last line says what to run, with the counts of this plan
        String last = events.get(events.size() - 1).message();
        assertEquals("Run mvn apim-upgrade:migrate to apply 5 changes (3 statements on WSO2REG_DB (shared_db)).", last);
        assertEquals(last, plan.next.line);

        Path patch = report.resolve("plan.patch");
        String patchText = Files.readString(patch);
        assertTrue(patchText.contains("#   - repository/conf/odd.toml: holds a secret"), patchText);
        assertFalse(patchText.contains("diff --git a/repository/conf/odd.toml"), patchText);

        // the real git apply accepts it from a copy of the new home, and the copy becomes what migrate writes
        Path copy = dir.resolve("copy");
        copyTree(newHome, copy);
        GitApply.Result check = GitApply.run(copy, patch, true);
        assertEquals(0, check.exit(), check.output());
        assertTrue(check.output().contains("Checking patch repository/conf/deployment.toml")
                && check.output().contains("Checking patch repository/conf/new-feature.xml"), check.output());
        assertEquals(0, GitApply.run(copy, patch, false).exit());

        engine().migrate(request().build());
        for (String f : List.of("repository/conf/deployment.toml", "repository/conf/new-feature.xml")) {
            assertEquals(Files.readString(newHome.resolve(f)), Files.readString(copy.resolve(f)), f);
        }
        assertEquals(REWRITTEN + "\n[apim.devportal]\nenable_ratings = false\n", Files.readString(copy.resolve("repository/conf/deployment.toml")));
        assertFalse(Files.exists(copy.resolve("repository/conf/odd.toml")), "the file with a secret is not in the patch");
        assertTrue(Files.exists(newHome.resolve("repository/conf/odd.toml")), "migrate writes it");
    }

    @Test
    void theSqlFileHasTheStatementsAsTheyRunAndNoSecret() throws Exception {
        Path report = dir.resolve("report");
        engine().plan(request().build());
        List<Path> sql;
        try (Stream<Path> s = Files.list(report)) {
            sql = s.filter(p -> p.getFileName().toString().matches("plan-.*\\.sql")).toList();
        }
        assertEquals(List.of("plan-shared_db-WSO2REG_DB.sql"), sql.stream().map(p -> p.getFileName().toString()).toList());
        String text = Files.readString(sql.get(0));
        assertTrue(text.contains("\nCREATE TABLE REPORT18_T (V VARCHAR(50));\n"), text);
        assertTrue(text.contains("\nINSERT INTO REPORT18_T (V) VALUES ('plain');\n"), text);
        assertTrue(text.contains("-- statement 2 is masked here (****) because it holds a secret; the run sends the real value\nINSERT INTO REPORT18_T (V) VALUES ('****');\n"), text);
        for (Path f : List.of(sql.get(0), report.resolve("plan.patch"), report.resolve("plan.txt"), report.resolve("report.html"),
                report.resolve("report.json"))) {
            String t = Files.readString(f);
            for (String secret : SECRETS) {
                assertFalse(t.contains(secret), secret + " in " + f.getFileName());
            }
        }
    }

    @Test
    void reportsLastAndStatusListsThemNewestFirst() throws Exception {
        Path report = dir.resolve("report");
        Path home = newHome.resolve(ReportWriter.HOME_REPORTS);
        RunReport plan = engine().plan(request().build());
        assertFalse(Files.exists(home), "a plan changes nothing under the new home");
        RunReport migrate = engine().migrate(request().build());
        assertFalse(Files.exists(report.resolve("plan.patch")), "after migrate, the earlier plan's patch is gone");
        assertTrue(Files.isRegularFile(home.resolve(migrate.reportFile + ".html")));
        assertTrue(Files.isRegularFile(home.resolve(migrate.reportFile + ".json")));
        RunReport status = engine().status(request().build());

        assertTrue(Files.isRegularFile(report.resolve(plan.reportFile + ".html")), "the plan's report is still there");
        assertTrue(Files.isRegularFile(report.resolve(migrate.reportFile + ".html")), "the migrate report is still there");
        assertTrue(Files.readString(report.resolve("report.json")).contains("\"goal\" : \"status\""), "report.json is the latest");
        assertFalse(Files.exists(home.resolve(status.reportFile + ".json")), "status changes nothing under the new home");

        assertEquals(List.of(migrate.reportFile, plan.reportFile), status.history.stream().map(RunReport.HistoryLine::file).toList());
        assertEquals(2, status.history.get(0).where().size(), "the migrate run is kept in both places");
        assertEquals("SUCCEEDED", status.history.get(0).outcome());
        assertEquals("PLANNED", status.history.get(1).outcome());
        assertTrue(events.stream().anyMatch(e -> e.message().contains(migrate.reportFile + ".html")), "status prints the history");
        assertTrue(Files.readString(report.resolve("report.html")).contains(migrate.reportFile + ".html"));
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
