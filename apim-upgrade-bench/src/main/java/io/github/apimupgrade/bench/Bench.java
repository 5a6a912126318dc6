package io.github.apimupgrade.bench;

import io.github.apimupgrade.core.api.ConfigOptions;
import io.github.apimupgrade.core.api.Secret;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.Datasource;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.db.ScriptRunner;
import io.github.apimupgrade.core.db.SqlScript;
import io.github.apimupgrade.core.db.dialect.SqlScripts;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepOutcome;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.Workspace;
import io.github.apimupgrade.core.steps.db.MigrateRegistryVersioningStep;
import io.github.apimupgrade.core.testsupport.RegistryFixture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The benchmark driver (see README.md):
 * <pre>
 * generate versioning|reglog pg|mariadb SIZE   create and fill a fresh database, print its name
 * versioning seed|ours pg|mariadb DB           run WSO2's clean-up, or our step (plan + apply + verify), on DB
 * reglog wso2|ours pg|mariadb DB               run WSO2's reg-index.sql, or ours, on DB
 * drop pg|mariadb DB
 * </pre>
 * Server URLs: APIM_UPGRADE_TEST_PG_URL / APIM_UPGRADE_TEST_MARIADB_URL (admin URLs, users postgres / root, or
 * _USER / _PASSWORD variables), as for the tests.
 */
public final class Bench {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("tailer")) {
            TailerBench.main(args);
            return;
        }
        if (args.length < 3) {
            System.err.println("usage: generate versioning|reglog pg|mariadb SIZE | versioning seed|ours pg|mariadb DB"
                    + " | reglog wso2|ours pg|mariadb DB | drop pg|mariadb DB | scale DIR TENANTS plan|migrate|both");
            System.exit(2);
        }
        if (args[0].equals("scale")) {
            // plan + migrate of a generated 3.0.0 home: scale <dir> <tenants> [plan|migrate|both] (run with -Xmx to test a heap)
            // in the core test-jar (with ScaleHome, which the core test PlanAtScaleTest uses too)
            Class.forName("io.github.apimupgrade.core.testsupport.PlanAtScale").getMethod("main", String[].class)
                    .invoke(null, (Object) java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Server server = Server.of(args[args[0].equals("drop") ? 1 : 2]);
        switch (args[0]) {
            case "generate" -> generate(server, args[1], Integer.parseInt(args[3]));
            case "versioning" -> versioning(server, args[1], args[3]);
            case "reglog" -> reglog(server, args[1], args[3]);
            case "drop" -> server.admin("DROP DATABASE IF EXISTS " + args[2]);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void generate(Server server, String what, int size) throws Exception {
        String db = "apimbench_" + what + "_" + size + "_" + UUID.randomUUID().toString().substring(0, 6);
        server.admin("CREATE DATABASE " + db);
        long t0 = System.nanoTime();
        try (Connection c = server.connect(db)) {
            RegistryFixture.createSchema(c);
            if (what.equals("versioning")) {
                Generator.versionedRegistry(c, server.kind, size);
            } else {
                Generator.regLog(c, server.kind, size);
            }
        }
        System.out.printf(Locale.ROOT, "generated %s in %.1f s%n", db, secs(t0));
        try (Connection c = server.connect(db)) {
            fingerprint(c, what);
        }
        System.out.println("DB=" + db);
    }

    private static void versioning(Server server, String run, String db) throws Exception {
        long t0 = System.nanoTime();
        if (run.equals("seed")) {
            String script = SqlScript.load(SqlScripts.REGISTRY_VERSIONING_CLEANUP_SEED, server.dialect()).text();
            try (Connection c = server.connect(db)) {
                Timed.script(c, script);
            }
        } else {
            Path home = Files.createTempDirectory("apim-bench-old");
            Files.createDirectories(home.resolve("repository/conf"));
            Files.writeString(home.resolve("repository/conf/registry.xml"), """
                    <wso2registry><staticConfiguration>
                    <versioningProperties>true</versioningProperties><versioningComments>true</versioningComments>
                    <versioningTags>true</versioningTags><versioningRatings>true</versioningRatings>
                    </staticConfiguration></wso2registry>
                    """, StandardCharsets.UTF_8);
            Installation old = new Installation(home, "2.6.0", false, List.of(), Map.of());
            Datasource ds = new Datasource("WSO2_SHARED_DB", "jdbc/WSO2_SHARED_DB", server.url(db), server.user,
                    Secret.of(server.password), null, null, null, Map.of(), "bench");
            try (Databases dbs = new Databases(Map.of(DatasourceRole.SHARED_DB, ds), new Redactor())) {
                UpgradeRequest request = UpgradeRequest.builder().oldHome(home)
                        .config(new ConfigOptions("auto", false, "database_unique_id", null, Secret.empty(), null)).build();
                StepContext ctx = new StepContext(request, old, old, null, new Workspace(), dbs,
                        e -> System.out.println("  [" + e.level() + "] " + e.message()), new Redactor(), null,
                        Clock.systemUTC(), null);
                MigrateRegistryVersioningStep step = new MigrateRegistryVersioningStep();
                long p0 = System.nanoTime();
                StepPlan plan = step.plan(ctx);
                System.out.printf(Locale.ROOT, "  plan (checks and counts) %.1f s: %s%n", secs(p0), plan.notes());
                StepOutcome outcome = step.apply(plan, ctx);
                System.out.println("  " + outcome.results().get(0).summary());
            }
        }
        System.out.printf(Locale.ROOT, "versioning %s on %s (%s): %.1f s%n", run, db, server.kind, secs(t0));
        try (Connection c = server.connect(db)) {
            fingerprint(c, "versioning");
        }
    }

    private static void reglog(Server server, String run, String db) throws Exception {
        long t0 = System.nanoTime();
        if (run.equals("wso2")) {
            try (Connection c = server.connect(db)) {
                Timed.script(c, RegistryFixture.resource("/seed-sql/reg-index/all.sql"));
            }
        } else {
            String text = SqlScript.load("reg-index", server.dialect()).text();
            Datasource ds = new Datasource("WSO2_SHARED_DB", "jdbc/WSO2_SHARED_DB", server.url(db), server.user,
                    Secret.of(server.password), null, null, null, Map.of(), "bench");
            try (Database d = new Database(java.util.Set.of(DatasourceRole.SHARED_DB), ds, new Redactor())) {
                ScriptRunner.Result r = ScriptRunner.of(d, e -> System.out.println("  [" + e.level() + "] " + e.message()),
                        new Redactor(), Clock.systemUTC()).run("reindex", SqlScript.of("reg-index/" + server.dialect() + ".sql",
                        server.dialect(), text));
                System.out.println("  " + r.rows() + " rows");
            }
        }
        System.out.printf(Locale.ROOT, "reglog %s on %s (%s): %.1f s%n", run, db, server.kind, secs(t0));
        try (Connection c = server.connect(db)) {
            fingerprint(c, "reglog");
        }
    }

    /** Row count and id sums per table: equal fingerprints after seed and ours at scale (the tests prove row equality). */
    private static void fingerprint(Connection c, String what) throws SQLException {
        List<String> queries = what.equals("reglog")
                ? List.of("SELECT 'REG_LOG', COUNT(*), SUM(REG_LOG_ID), SUM(REG_ACTION) FROM REG_LOG")
                : List.of(
                "SELECT 'REG_RESOURCE_PROPERTY', COUNT(*), SUM(REG_PROPERTY_ID), SUM(COALESCE(REG_PATH_ID, 0)) + SUM(LENGTH(COALESCE(REG_RESOURCE_NAME, ''))) FROM REG_RESOURCE_PROPERTY",
                "SELECT 'REG_PROPERTY', COUNT(*), SUM(REG_ID), 0 FROM REG_PROPERTY",
                "SELECT 'REG_RESOURCE_TAG', COUNT(*), SUM(REG_TAG_ID), SUM(COALESCE(REG_PATH_ID, 0)) + SUM(LENGTH(COALESCE(REG_RESOURCE_NAME, ''))) FROM REG_RESOURCE_TAG",
                "SELECT 'REG_TAG', COUNT(*), SUM(REG_ID), 0 FROM REG_TAG",
                "SELECT 'REG_RESOURCE_COMMENT', COUNT(*), SUM(REG_COMMENT_ID), SUM(COALESCE(REG_PATH_ID, 0)) + SUM(LENGTH(COALESCE(REG_RESOURCE_NAME, ''))) FROM REG_RESOURCE_COMMENT",
                "SELECT 'REG_COMMENT', COUNT(*), SUM(REG_ID), 0 FROM REG_COMMENT",
                "SELECT 'REG_RESOURCE_RATING', COUNT(*), SUM(REG_RATING_ID), SUM(COALESCE(REG_PATH_ID, 0)) + SUM(LENGTH(COALESCE(REG_RESOURCE_NAME, ''))) FROM REG_RESOURCE_RATING",
                "SELECT 'REG_RATING', COUNT(*), SUM(REG_ID), 0 FROM REG_RATING");
        StringBuilder sb = new StringBuilder("  fingerprint:");
        for (String q : queries) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q)) {
                rs.next();
                sb.append(' ').append(rs.getString(1)).append('=').append(rs.getLong(2)).append('/')
                        .append(rs.getLong(3)).append('/').append(rs.getLong(4));
            }
        }
        System.out.println(sb);
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Bench.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A database server from the test environment variables. */
    static final class Server {
        final String kind;
        final String adminUrl;
        final String user;
        final String password;

        private Server(String kind, String adminUrl, String user, String password) {
            this.kind = kind;
            this.adminUrl = adminUrl;
            this.user = user;
            this.password = password;
        }

        static Server of(String kind) {
            return switch (kind) {
                case "pg" -> new Server("pg", env("APIM_UPGRADE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                        env("APIM_UPGRADE_TEST_PG_USER", "postgres"), env("APIM_UPGRADE_TEST_PG_PASSWORD", ""));
                case "mariadb" -> new Server("mariadb", env("APIM_UPGRADE_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test"),
                        env("APIM_UPGRADE_TEST_MARIADB_USER", "root"), env("APIM_UPGRADE_TEST_MARIADB_PASSWORD", ""));
                default -> throw new IllegalArgumentException("pg or mariadb, not " + kind);
            };
        }

        String dialect() {
            return kind.equals("pg") ? "postgresql" : "mariadb";
        }

        String url(String db) {
            int hostStart = adminUrl.indexOf("//") + 2;
            int slash = adminUrl.indexOf('/', hostStart);
            int q = adminUrl.indexOf('?', hostStart);
            String tail = q >= 0 ? adminUrl.substring(q) : "";
            return adminUrl.substring(0, slash) + "/" + db + tail;
        }

        Connection connect(String db) throws SQLException {
            return DriverManager.getConnection(url(db), user, password);
        }

        void admin(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }

        private static String env(String k, String d) {
            String v = System.getenv(k);
            return v == null || v.isBlank() ? d : v;
        }
    }
}
