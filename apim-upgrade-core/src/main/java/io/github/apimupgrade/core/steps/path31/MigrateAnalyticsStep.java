package io.github.apimupgrade.core.steps.path31;

import io.github.apimupgrade.core.cluster.Placement;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.config.toml.TomlEditor;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.SqlScript;
import io.github.apimupgrade.core.db.dialect.Dialects;
import io.github.apimupgrade.core.db.dialect.SqlScripts;
import io.github.apimupgrade.core.path.StepOptions;
import io.github.apimupgrade.core.files.SafeFiles;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.steps.db.SqlScriptAction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Seed 004 step 3 (optional, when {@code analyticsHome} is given): API-M Analytics 3.0.0 -> 3.1.0.
 * <ol>
 *   <li>3.1: the APILASTACCESSSUMMARY primary-key script on APIM_ANALYTICS_DB (the {@code analyticsDb} datasource:
 *       a 3.0.0 API-M home does not declare it, so it comes from the POM override);</li>
 *   <li>3.2: {@code conf/dashboard/deployment.yaml} (APIM_ANALYTICS_DB and AM_DB) and
 *       {@code conf/worker/deployment.yaml} (APIM_ANALYTICS_DB) pointed at the old databases, comments kept;
 *       the JDBC driver wrapped as an OSGi bundle into {@code <analyticsHome>/lib};</li>
 *   <li>3.3: {@code [apim.analytics] enable = true} in the API-M deployment.toml.</li>
 * </ol>
 * Starting the worker and dashboard profiles stays with the operator (a manual action).
 */
public final class MigrateAnalyticsStep implements Step {
    public static final String ID = "migrate-analytics";
    static final String DASHBOARD_YAML = "conf/dashboard/deployment.yaml";
    static final String WORKER_YAML = "conf/worker/deployment.yaml";
    static final String ANALYTICS_DS = "APIM_ANALYTICS_DB";
    static final String AM_DS = "AM_DB";
    static final long INNODB_MAX_KEY_BYTES = 3072;
    static final String TABLE = "APILASTACCESSSUMMARY";

    private static final Map<String, String> DRIVERS = Map.of(
            "postgresql", "org.postgresql.Driver", "mysql", "com.mysql.jdbc.Driver",
            "mariadb", "org.mariadb.jdbc.Driver", "oracle", "oracle.jdbc.OracleDriver",
            "mssql", "com.microsoft.sqlserver.jdbc.SQLServerDriver", "db2", "com.ibm.db2.jcc.DB2Driver",
            "h2", "org.h2.Driver");
    private static final Map<String, String> TEST_QUERIES = Map.of(
            "oracle", "SELECT 1 FROM DUAL", "db2", "SELECT 1 FROM SYSIBM.SYSDUMMY1");

    @Override
    public String id() {
        return ID;
    }

    /** Distributed deployments: the analytics home and its database: once for the cluster. */
    @Override
    public Placement placement() {
        return Placement.ONCE;
    }

    /** The analytics database's key change (AM_DB is only named in the analytics configuration, not opened). */
    @Override
    public Set<DatasourceRole> databaseRoles() {
        return Set.of(DatasourceRole.ANALYTICS_DB);
    }

    @Override
    public String title() {
        return "Seed 004 step 3 - migrate API-M Analytics 3.0.0 to 3.1.0 (optional)";
    }

    @Override
    public StepPlan plan(StepContext context) {
        StepPlan.Builder plan = StepPlan.builder(ID);
        Path home = context.request().analytics().analyticsHome();
        if (home == null) {
            plan.note("No analyticsHome configured: API-M Analytics is not migrated (seed 004 step 3 is optional).");
            return plan.build();
        }
        Path dashboard = home.resolve(DASHBOARD_YAML);
        Path worker = home.resolve(WORKER_YAML);
        for (Path p : List.of(dashboard, worker)) {
            if (!context.workspace().exists(p)) {
                throw UpgradeException.user(ErrorCode.HOME_NOT_FOUND, "analyticsHome " + home
                                + " is not an API-M Analytics 3.1.0 home: " + home.relativize(p) + " is missing.",
                        p.toString(), "Point analyticsHome at the unpacked (WUM-updated) API-M Analytics 3.1.0 pack.");
            }
        }
        Datasource analytics = context.oldHome().role(DatasourceRole.ANALYTICS_DB).orElseThrow(() ->
                UpgradeException.user(ErrorCode.DATASOURCE_MISSING, "analyticsHome is set but no datasource plays "
                                + "analytics_db (APIM_ANALYTICS_DB): a 3.0.0 API-M home does not declare it.",
                        "<datasources><datasource><role>analyticsDb</role>",
                        "Add <datasource><role>analyticsDb</role><url>jdbc:...</url><username>...</username>"
                                + "<serverId>...</serverId></datasource> with the old Analytics' APIM_ANALYTICS_DB."));
        Datasource am = context.oldHome().role(DatasourceRole.APIM_DB).orElseThrow(() ->
                UpgradeException.user(ErrorCode.DATASOURCE_MISSING, "No datasource plays apim_db (WSO2AM_DB).",
                        "<datasources><datasource><role>apimDb</role>",
                        "Declare [database.apim_db] in the old deployment.toml or configure the apimDb datasource."));

        planPrimaryKey(context, plan);
        planYaml(context, plan, home, dashboard, Map.of(ANALYTICS_DS, analytics, AM_DS, am));
        planYaml(context, plan, home, worker, Map.of(ANALYTICS_DS, analytics));
        planBundles(context, plan, home, List.of(analytics, am));
        planToml(context, plan);
        plan.manual("Start API-M Analytics 3.1.0 (worker, then dashboard) after the API-M server; the dashboards "
                        + "authenticate through API-M", home.resolve("bin").toString(),
                "sh worker.sh; sh dashboard.sh (then open https://<dashboard-host>:9643/analytics-dashboard)");
        return plan.build();
    }

    // ---------------------------------------------------------------- 3.1 primary key

    private static void planPrimaryKey(StepContext context, StepPlan.Builder plan) {
        Database db = context.databases().get(DatasourceRole.ANALYTICS_DB);
        Optional<PrimaryKey> key = primaryKeyOf(db);
        Optional<List<String>> pk = key.map(PrimaryKey::columns);
        if (pk.isEmpty()) {
            plan.warning("APIM_ANALYTICS_DB (" + db.label() + ") has no " + TABLE
                    + " table: nothing to migrate there. Check that analyticsDb points at the old Analytics database.");
            return;
        }
        if (pk.get().contains("APIVERSION")) {
            plan.note(TABLE + " in " + db.label() + " already has APIVERSION in its "
                    + "primary key " + pk.get() + ": nothing to change.");
            return;
        }
        long nulls = count(db, "SELECT COUNT(*) FROM " + TABLE + " WHERE APIVERSION IS NULL");
        if (nulls > 0) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, nulls + " rows of "
                            + TABLE + " in " + db.label() + " have no APIVERSION; the new "
                            + "primary key needs one.", db.label() + " " + TABLE,
                    "Delete or fill those rows (SELECT * FROM " + TABLE
                            + " WHERE APIVERSION IS NULL) and run the step again.");
        }
        String dialect = db.dialect().id();
        String pkName = key.get().name();
        if (dialect.equals("postgresql") && pkName != null && !pkName.equalsIgnoreCase(TABLE + "_pkey")) {
            // the script drops the key by PostgreSQL's default name; another name would make it add a second key
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "The primary key of " + TABLE + " in "
                            + db.label() + " is named " + pkName + ", not " + TABLE.toLowerCase(Locale.ROOT)
                            + "_pkey as the migration script expects. Nothing was changed.", db.label() + " " + TABLE,
                    "Rename it first: ALTER TABLE " + TABLE + " RENAME CONSTRAINT " + pkName + " TO "
                            + TABLE.toLowerCase(Locale.ROOT) + "_pkey; then run the step again.");
        }
        if (dialect.equals("mysql") || dialect.equals("mariadb")) {
            // The script drops the old key before adding the new one and MySQL DDL does not roll back: a new key
            // InnoDB refuses would leave the table without any. utf8mb4 makes 4 x VARCHAR(254) too long.
            long bytes = count(db, "SELECT COALESCE(SUM(CHARACTER_OCTET_LENGTH), 0) FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND UPPER(TABLE_NAME) = 'APILASTACCESSSUMMARY' AND UPPER(COLUMN_NAME)"
                    + " IN ('APINAME', 'APIVERSION', 'APICREATOR', 'APICREATORTENANTDOMAIN')");
            if (bytes > INNODB_MAX_KEY_BYTES) {
                throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "The new primary key of "
                                + TABLE + " in " + db.label() + " would be " + bytes
                                + " bytes long; InnoDB allows " + INNODB_MAX_KEY_BYTES + " (the columns' character set"
                                + " takes up to 4 bytes per character). Nothing was changed.",
                        db.label() + " " + TABLE,
                        "Convert the table to latin1 as WSO2 recommends for the analytics database (ALTER TABLE "
                                + TABLE + " CONVERT TO CHARACTER SET latin1), then run the step again.");
            }
        }
        SqlScripts.Script script = SqlScripts.load(context.path().options(StepOptions.MigrateAnalytics.class).script(),
                db.dialect());
        plan.action(SqlScriptAction.of(ID, DatasourceRole.ANALYTICS_DB, db,
                SqlScript.of(script.name(), dialect, script.text()), context.redactor()));
    }

    /** The table's primary key: its constraint name (may be null) and columns (upper case, key order). */
    record PrimaryKey(String name, List<String> columns) {
    }

    /** The table's primary-key columns (upper case, key order), or empty when the table does not exist. */
    static Optional<List<String>> primaryKey(Database db) {
        return primaryKeyOf(db).map(PrimaryKey::columns);
    }

    static Optional<PrimaryKey> primaryKeyOf(Database db) {
        try (Connection c = db.connect()) {
            DatabaseMetaData md = c.getMetaData();
            for (String name : List.of(TABLE, TABLE.toLowerCase(Locale.ROOT))) {
                boolean exists;
                try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), name, null)) {
                    exists = rs.next();
                }
                if (exists) {
                    Map<Integer, String> cols = new TreeMap<>();
                    String pkName = null;
                    try (ResultSet rs = md.getPrimaryKeys(c.getCatalog(), c.getSchema(), name)) {
                        while (rs.next()) {
                            cols.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                            pkName = rs.getString("PK_NAME");
                        }
                    }
                    return Optional.of(new PrimaryKey(pkName, List.copyOf(cols.values())));
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw UpgradeException.environment(ErrorCode.DATASOURCE_UNREACHABLE, "Cannot read the metadata of "
                    + db.label() + ": " + e.getMessage(), db.label(), "Check the analyticsDb datasource.", e);
        }
    }

    private static long count(Database db, String sql) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw UpgradeException.environment(ErrorCode.DATASOURCE_UNREACHABLE, "Cannot query " + db.label() + ": "
                    + e.getMessage(), db.label(), "Check the analyticsDb datasource.", e);
        }
    }

    // ---------------------------------------------------------------- 3.2 deployment.yaml

    private static void planYaml(StepContext context, StepPlan.Builder plan, Path home, Path file,
                                 Map<String, Datasource> datasources) {
        String display = "analytics/" + home.relativize(file).toString().replace('\\', '/');
        String before = context.workspace().require(file, "API-M Analytics " + display);
        Map<String, AnalyticsDatasourceYaml.Target> targets = new LinkedHashMap<>();
        for (String name : List.of(ANALYTICS_DS, AM_DS)) {
            Datasource ds = datasources.get(name);
            if (ds == null) {
                continue;
            }
            String password = ds.password().reveal();
            context.redactor().register(password);
            if (ds.usesSecureVault()) {
                password = null;
                plan.manual("Set the password of " + name + " by hand: the old datasource " + ds.name()
                                + " takes it from the secure vault (alias " + ds.secretAlias() + ")", display,
                        "password under wso2.datasources.dataSources[name=" + name + "].definition.configuration");
            }
            String dialect = Dialects.fromUrl(ds.url()).map(d -> d.id()).orElse(null);
            String driver = ds.driverClassName() != null && !ds.driverClassName().isBlank()
                    ? ds.driverClassName() : DRIVERS.get(dialect);
            String testQuery = ds.validationQuery() != null && !ds.validationQuery().isBlank()
                    ? ds.validationQuery() : TEST_QUERIES.get(dialect);
            targets.put(name, new AnalyticsDatasourceYaml.Target(ds.url(), ds.username(), password, driver, testQuery));
        }
        AnalyticsDatasourceYaml.Result result = AnalyticsDatasourceYaml.point(before, display, targets);
        for (String missing : result.missing()) {
            plan.manual("Add the " + missing + " datasource (the seed's step 3.2 lists it) pointing at "
                            + context.redactor().redact(datasources.get(missing).url()), display,
                    "copy an RDBMS entry under wso2.datasources.dataSources and name it " + missing);
        }
        if (result.text().equals(before)) {
            plan.note(display + " already points at the old databases.");
        } else {
            plan.action(WriteFileAction.of(file, display, before, result.text(), context.redactor()::redact));
        }
    }

    // ---------------------------------------------------------------- 3.2 JDBC driver bundle

    private static void planBundles(StepContext context, StepPlan.Builder plan, Path home, List<Datasource> datasources) {
        Set<String> classes = new LinkedHashSet<>();
        for (Datasource ds : datasources) {
            String dialect = Dialects.fromUrl(ds.url()).map(d -> d.id()).orElse("");
            if (dialect.equals("h2")) {
                continue; // API-M Analytics ships H2
            }
            String cls = ds.driverClassName() != null && !ds.driverClassName().isBlank()
                    ? ds.driverClassName() : DRIVERS.get(dialect);
            if (cls != null) {
                classes.add(cls);
            }
        }
        List<Path> libs = List.of(context.oldHome().components().resolve("lib"),
                context.newHome().components().resolve("lib"));
        for (String cls : classes) {
            Optional<Path> jar = findJarWithClass(libs, cls);
            if (jar.isEmpty()) {
                plan.manual("Copy the JDBC driver of " + cls + " into API-M Analytics as an OSGi bundle: no jar with "
                                + "that class is in " + libs.get(0) + " or " + libs.get(1), home.resolve("lib").toString(),
                        "sh " + home.resolve("bin/jartobundle.sh") + " <driver.jar> " + home.resolve("lib"));
                continue;
            }
            OsgiBundleWrapper.Bundle bundle = OsgiBundleWrapper.wrap(jar.get());
            Path target = home.resolve("lib").resolve(bundle.fileName());
            if (Files.isRegularFile(target) && SafeFiles.sha256(target).equals(SafeFiles.sha256(bundle.bytes()))) {
                plan.note("analytics/lib/" + bundle.fileName() + " is up to date (bundle of " + jar.get().getFileName() + ").");
            } else {
                plan.action(new WriteBundleAction(target, "analytics/lib/" + bundle.fileName(), jar.get(), bundle));
            }
        }
    }

    static Optional<Path> findJarWithClass(List<Path> dirs, String className) {
        String entry = className.replace('.', '/') + ".class";
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> jars;
            try (Stream<Path> s = Files.list(dir)) {
                jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            } catch (IOException e) {
                throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot list " + dir + ": " + e.getMessage(),
                        dir.toString(), "Check permissions.", e);
            }
            for (Path jar : jars) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    if (zip.getEntry(entry) != null) {
                        return Optional.of(jar);
                    }
                } catch (IOException e) {
                    // not a readable jar: not the driver
                }
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- 3.3 deployment.toml

    private static void planToml(StepContext context, StepPlan.Builder plan) {
        Path toml = context.deploymentToml();
        String display = context.newHome().display(toml);
        String before = context.workspace().require(toml, "The new API-M's deployment.toml");
        TomlEditor editor = TomlEditor.parse(before, display).set("apim.analytics", "enable", true);
        if (!editor.changed()) {
            plan.note(display + " already has [apim.analytics] enable = true.");
            return;
        }
        plan.action(WriteFileAction.of(toml, display, before, editor.text(), context.redactor()::redact));
    }

}
