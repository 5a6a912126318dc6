package io.github.apimupgrade.core.steps.path31;

import io.github.apimupgrade.core.api.AnalyticsOptions;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrateAnalyticsStepTest {

    static final String WORKER = """
            # Worker profile of API-M Analytics 3.1.0
            wso2.datasources:
              dataSources:
                #Data source for APIM Analytics
                - name: APIM_ANALYTICS_DB
                  description: "The datasource used for APIM statistics aggregated data."
                  jndiConfig:
                    name: jdbc/APIM_ANALYTICS_DB
                  definition:
                    type: RDBMS
                    configuration:
                      jdbcUrl: 'jdbc:h2:${sys:carbon.home}/wso2/worker/database/WSO2AM_STATS_DB;AUTO_SERVER=TRUE'
                      username: wso2carbon
                      password: wso2carbon
                      driverClassName: org.h2.Driver
                      maxPoolSize: 50
                      idleTimeout: 60000
                      connectionTestQuery: SELECT 1
            """;

    static final String TOML = """
            [server]
            hostname = "apim.example.com"
            # analytics stays off until the Analytics 3.1.0 servers are configured
            node_ip = "127.0.0.1"

            [apim.key_manager]
            service_url = "https://localhost:${mgt.transport.https.port}/services/"
            """;

    @TempDir
    Path tmp;

    private Path analyticsHome() throws Exception {
        Path home = tmp.resolve("wso2am-analytics-3.1.0");
        Files.createDirectories(home.resolve("conf/dashboard"));
        Files.createDirectories(home.resolve("conf/worker"));
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve(MigrateAnalyticsStep.DASHBOARD_YAML), AnalyticsDatasourceYamlTest.DASHBOARD, StandardCharsets.UTF_8);
        Files.writeString(home.resolve(MigrateAnalyticsStep.WORKER_YAML), WORKER, StandardCharsets.UTF_8);
        Path toml = tmp.resolve("new/repository/conf/deployment.toml");
        Files.createDirectories(toml.getParent());
        Files.writeString(toml, TOML, StandardCharsets.UTF_8);
        return home;
    }

    private StepContext context(Path31Fixture db, Path home) {
        return db.context(tmp.resolve("old"), tmp.resolve("new"), new AnalyticsOptions(home, Map.of()),
                List.of(DatasourceRole.ANALYTICS_DB, DatasourceRole.APIM_DB), true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void migratesKeyPointsYamlWrapsDriverEnablesAnalyticsAndSecondRunIsNoop(String kind) throws Exception {
        try (Path31Fixture db = Path31Fixture.of(kind).load("analytics_db")) {
            Path home = analyticsHome();
            Path lib = Files.createDirectories(tmp.resolve("old/repository/components/lib"));
            Class<?> driver = kind.equals("postgresql") ? org.postgresql.Driver.class
                    : kind.equals("mariadb") ? org.mariadb.jdbc.Driver.class : null;
            if (driver != null) {
                Path jar = Path.of(driver.getProtectionDomain().getCodeSource().getLocation().toURI());
                Files.copy(jar, lib.resolve(kind + "-driver-1.2.3.jar"));
            }
            MigrateAnalyticsStep step = new MigrateAnalyticsStep();
            StepContext ctx = context(db, home);

            StepPlan plan = step.plan(ctx);
            List<String> summaries = plan.actions().stream().map(PlannedAction::summary).toList();
            assertEquals(driver == null ? 4 : 5, summaries.size(), summaries.toString());
            assertTrue(summaries.get(0).startsWith("run analytics-300-to-310/" + kind + ".sql"), summaries.get(0));
            assertTrue(summaries.get(1).startsWith("update analytics/conf/dashboard/deployment.yaml"), summaries.get(1));
            assertTrue(summaries.get(2).startsWith("update analytics/conf/worker/deployment.yaml"), summaries.get(2));
            if (driver != null) {
                assertEquals("create analytics/lib/" + kind + "-driver-1.2.3_1.0.0.jar".replace('-', '_')
                        + " (OSGi bundle of " + kind + "-driver-1.2.3.jar)", summaries.get(3));
                assertTrue(plan.actions().get(3).details().contains("DynamicImport-Package: *"), plan.actions().get(3).details());
            }
            assertTrue(summaries.get(summaries.size() - 1).startsWith("update repository/conf/deployment.toml"));
            if (kind.equals("h2")) {
                String diff = plan.actions().get(1).details();
                assertTrue(diff.contains("+          password: ****"), diff);
                String shown = plan.actions().stream().map(a -> a.summary() + a.details()).reduce("", String::concat)
                        + plan.notes() + plan.warnings() + plan.manualActions();
                assertFalse(shown.contains("h2-Secret-pw"), "the plan never shows a password");
            }
            // planning changed nothing
            assertEquals(WORKER, Files.readString(home.resolve(MigrateAnalyticsStep.WORKER_YAML)));
            assertEquals(List.of("APINAME", "APICREATOR", "APICREATORTENANTDOMAIN"),
                    MigrateAnalyticsStep.primaryKey(ctx.databases().get(DatasourceRole.ANALYTICS_DB)).orElseThrow());

            step.apply(plan, ctx);

            List<String> pk = MigrateAnalyticsStep.primaryKey(ctx.databases().get(DatasourceRole.ANALYTICS_DB)).orElseThrow();
            assertEquals(4, pk.size(), pk.toString());
            assertTrue(pk.containsAll(List.of("APINAME", "APIVERSION", "APICREATOR", "APICREATORTENANTDOMAIN")), pk.toString());
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM APILASTACCESSSUMMARY")) {
                rs.next();
                assertEquals(2, rs.getInt(1), "rows are kept");
            }

            String worker = Files.readString(home.resolve(MigrateAnalyticsStep.WORKER_YAML));
            String driverClass = driver == null ? "org.h2.Driver" : driver.getName();
            assertEquals(WORKER
                    .replace("'jdbc:h2:${sys:carbon.home}/wso2/worker/database/WSO2AM_STATS_DB;AUTO_SERVER=TRUE'", "'" + db.url + "'")
                    .replace("username: wso2carbon", "username: " + db.user)
                    .replace("password: wso2carbon", "password: " + (db.password.isEmpty() ? "''" : db.password))
                    .replace("driverClassName: org.h2.Driver", "driverClassName: " + driverClass), worker);
            String dashboard = Files.readString(home.resolve(MigrateAnalyticsStep.DASHBOARD_YAML));
            assertTrue(dashboard.startsWith("# Carbon Configuration Parameters\n"), dashboard);
            assertTrue(dashboard.contains("      maxPoolSize: 50   # keep this\n"), dashboard);
            assertTrue(dashboard.contains("    #Main datasource used in API Manager\n"), dashboard);
            assertEquals(db.url, AnalyticsDatasourceYaml.read(dashboard, "d", "AM_DB").get("jdbcUrl"));
            assertEquals(db.url, AnalyticsDatasourceYaml.read(dashboard, "d", "APIM_ANALYTICS_DB").get("jdbcUrl"));
            assertEquals(db.password, AnalyticsDatasourceYaml.read(dashboard, "d", "AM_DB").get("password"));
            assertTrue(AnalyticsDatasourceYaml.read(dashboard, "d", "WSO2_DASHBOARD_DB").get("jdbcUrl").startsWith("jdbc:h2:"),
                    "other datasources are untouched");

            if (driver != null) {
                Path bundle = home.resolve("lib/" + (kind + "-driver-1.2.3_1.0.0.jar").replace('-', '_'));
                try (JarFile jar = new JarFile(bundle.toFile())) {
                    var main = jar.getManifest().getMainAttributes();
                    assertEquals((kind + "-driver-1.2.3").replace('-', '_'), main.getValue("Bundle-SymbolicName"));
                    assertEquals("*", main.getValue("DynamicImport-Package"));
                    assertTrue(main.getValue("Export-Package").contains(driver.getPackageName()));
                    assertTrue(jar.getEntry(driver.getName().replace('.', '/') + ".class") != null);
                }
            } else {
                try (var s = Files.list(home.resolve("lib"))) {
                    assertEquals(0, s.count(), "H2 needs no bundle: Analytics ships it");
                }
            }

            assertEquals(TOML + "\n[apim.analytics]\nenable = true\n",
                    Files.readString(tmp.resolve("new/repository/conf/deployment.toml")));

            StepPlan second = step.plan(context(db, home));
            assertTrue(second.isEmpty(), second.actions().stream().map(PlannedAction::summary).toList().toString());
            assertTrue(second.notes().stream().anyMatch(n -> n.contains("already has APIVERSION")), second.notes().toString());
        }
    }

    @Test
    void withoutAnalyticsHomeTheStepDoesNothing() throws Exception {
        try (Path31Fixture db = Path31Fixture.of("h2")) {
            StepPlan plan = new MigrateAnalyticsStep().plan(context(db, null));
            assertTrue(plan.isEmpty());
            assertTrue(plan.manualActions().isEmpty());
            assertTrue(plan.notes().get(0).startsWith("No analyticsHome configured"));
        }
    }

    @Test
    void nullApiVersionRowsFailBeforeAnyChange() throws Exception {
        try (Path31Fixture db = Path31Fixture.of("h2").load("analytics_db")) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO APILASTACCESSSUMMARY VALUES ('Legacy', NULL, 'admin', 'carbon.super', 'admin', 1)");
            }
            Path home = analyticsHome();
            UpgradeException e = assertThrows(UpgradeException.class, () -> new MigrateAnalyticsStep().plan(context(db, home)));
            assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
            assertTrue(e.getMessage().startsWith("1 rows of APILASTACCESSSUMMARY"), e.getMessage());
            assertEquals(WORKER, Files.readString(home.resolve(MigrateAnalyticsStep.WORKER_YAML)));
        }
    }

    @Test
    void aKeyTooLongForInnoDbFailsBeforeTheOldKeyIsDropped() throws Exception {
        try (Path31Fixture db = Path31Fixture.of("mariadb").load("analytics_db")) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE APILASTACCESSSUMMARY CONVERT TO CHARACTER SET utf8mb4");
            }
            Path home = analyticsHome();
            StepContext ctx = context(db, home);
            UpgradeException e = assertThrows(UpgradeException.class, () -> new MigrateAnalyticsStep().plan(ctx));
            assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
            assertTrue(e.getMessage().contains("would be 4064 bytes long"), e.getMessage());
            assertTrue(e.hint().contains("CONVERT TO CHARACTER SET latin1"), e.hint());
            assertEquals(List.of("APINAME", "APICREATOR", "APICREATORTENANTDOMAIN"),
                    MigrateAnalyticsStep.primaryKey(ctx.databases().get(DatasourceRole.ANALYTICS_DB)).orElseThrow());
        }
    }

    @Test
    void aPostgresKeyWithAnotherNameFailsBeforeAnyChange() throws Exception {
        try (Path31Fixture db = Path31Fixture.of("postgresql").load("analytics_db")) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE APILASTACCESSSUMMARY RENAME CONSTRAINT apilastaccesssummary_pkey TO siddhi_pk");
            }
            Path home = analyticsHome();
            StepContext ctx = context(db, home);
            UpgradeException e = assertThrows(UpgradeException.class, () -> new MigrateAnalyticsStep().plan(ctx));
            assertEquals(ErrorCode.PRECONDITION_FAILED, e.code());
            assertTrue(e.hint().startsWith("Rename it first: ALTER TABLE APILASTACCESSSUMMARY RENAME CONSTRAINT siddhi_pk TO"), e.hint());
        }
    }

    @Test
    void aHomeWithoutTheProfilesIsAUserError() throws Exception {
        try (Path31Fixture db = Path31Fixture.of("h2")) {
            UpgradeException e = assertThrows(UpgradeException.class,
                    () -> new MigrateAnalyticsStep().plan(context(db, tmp.resolve("not-analytics"))));
            assertEquals(ErrorCode.HOME_NOT_FOUND, e.code());
        }
    }
}
