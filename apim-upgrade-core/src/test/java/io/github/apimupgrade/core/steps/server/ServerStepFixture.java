package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.api.ConfigOptions;
import io.github.apimupgrade.core.api.ServerOptions;
import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.config.Installation;
import io.github.apimupgrade.core.db.DbFixtures;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.path.PathCatalog;
import io.github.apimupgrade.core.server.ProcessLauncher;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.Workspace;
import io.github.apimupgrade.core.testsupport.StandinServer;
import io.github.apimupgrade.core.testsupport.TestDatabases;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** An old home, a stand-in new home, both migration clients, an H2 API-M database and a StepContext over them. */
final class ServerStepFixture implements AutoCloseable {
    static final String TOML = """
            [server]
            hostname = "localhost"
            # the user store of the old installation
            [user_store]
            type = "database_unique_id"

            [database.apim_db]
            type = "h2"
            url = "jdbc:h2:./repository/database/WSO2AM_DB;DB_CLOSE_ON_EXIT=FALSE"
            username = "wso2carbon"
            password = "wso2carbon"
            """;

    final Path root;
    final Path oldHome;
    final StandinServer server;
    final Path identityClient;
    final Path apimClient;
    final List<UpgradeEvent> events = new CopyOnWriteArrayList<>();
    final String apimDbUrl = TestDatabases.h2Url();
    private final Redactor redactor = new Redactor();
    /** API-M and registry tables in one H2 database, as in a default installation. */
    final Databases databases = new Databases(Map.of(
            DatasourceRole.APIM_DB, DbFixtures.datasource("WSO2AM_DB", apimDbUrl, "sa", ""),
            DatasourceRole.SHARED_DB, DbFixtures.datasource("WSO2_SHARED_DB", apimDbUrl, "sa", "")), redactor);
    ServerOptions options;
    ConfigOptions config = ConfigOptions.defaults();
    String from = "2.6.0";
    String to = "4.1.0";

    ServerStepFixture(Path root) throws IOException {
        this.root = root;
        this.oldHome = Files.createDirectories(root.resolve("wso2am-2.6.0"));
        this.server = StandinServer.create(root.resolve("wso2am-4.1.0")).toml(TOML);
        this.identityClient = identityClientDirectory(root.resolve("wso2is-migration-1.0.154"), StandinServer.IDENTITY_JAR);
        this.apimClient = apimClientZip(root.resolve("wso2am-migration-4.1.0.30.zip"));
        this.options = options(Duration.ofSeconds(20));
        // the super tenant is no UM_TENANT row (WSO2's dbscripts/<db>.sql: UM_TENANT holds the tenants only)
        sql("CREATE TABLE UM_TENANT (UM_ID INTEGER NOT NULL, UM_DOMAIN_NAME VARCHAR(255) NOT NULL, UM_EMAIL VARCHAR(255), "
                + "UM_ACTIVE BOOLEAN DEFAULT FALSE, UM_CREATED_DATE TIMESTAMP NOT NULL, UM_USER_CONFIG BLOB, PRIMARY KEY (UM_ID))");
    }

    /** A tenant in UM_TENANT of the shared database. */
    void tenant(int id, String domain, boolean active) {
        sql("INSERT INTO UM_TENANT (UM_ID, UM_DOMAIN_NAME, UM_ACTIVE, UM_CREATED_DATE) VALUES (" + id + ", '" + domain
                + "', " + active + ", CURRENT_TIMESTAMP)");
    }

    void sql(String statement) {
        try (java.sql.Connection c = databases.get(DatasourceRole.SHARED_DB).connect();
             java.sql.Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Path newHome() {
        return server.home();
    }

    Path toml() {
        return newHome().resolve("repository/conf/deployment.toml");
    }

    String tomlText() throws IOException {
        return Files.readString(toml(), StandardCharsets.UTF_8);
    }

    ServerOptions options(Duration timeout) {
        return new ServerOptions(null, "", timeout, timeout, Duration.ofSeconds(2), Duration.ofSeconds(1),
                identityClient, apimClient, List.of(), true, null, Duration.ZERO);
    }

    StepContext context() {
        UpgradeRequest request = UpgradeRequest.builder().oldHome(oldHome).newHome(newHome()).fromVersion(from)
                .toVersion(to).server(options).config(config).build();
        Installation oldInstall = new Installation(oldHome, from, false, List.of(), Map.of());
        Installation newInstall = new Installation(newHome(), to, true, List.of(), Map.of());
        return new StepContext(request, oldInstall, newInstall, PathCatalog.load().find(from, to), new Workspace(),
                databases, events::add, redactor, JournalFile.open(newHome(), Clock.systemUTC()),
                Clock.systemUTC(), ProcessLauncher.system());
    }

    @Override
    public void close() {
        databases.close();
    }

    static Path identityClientDirectory(Path dir, String jar) throws IOException {
        Path res = Files.createDirectories(dir.resolve("migration-resources"));
        try (InputStream in = ServerStepFixture.class.getResourceAsStream(
                "/identity-client/migration-resources/migration-config.yaml")) {
            Files.write(res.resolve("migration-config.yaml"), in.readAllBytes());
        }
        Path sql = Files.createDirectories(res.resolve("5.10.0/dbscripts/step1/identity"));
        Files.writeString(sql.resolve("postgresql.sql"), "ALTER TABLE IDN_OAUTH_CONSUMER_APPS ADD COLUMN X INT;\n");
        Files.createDirectories(dir.resolve("dropins"));
        Files.writeString(dir.resolve("dropins").resolve(jar), "not really a jar");
        return dir;
    }

    static Path apimClientZip(Path zip) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            String prefix = "wso2am-migration-4.1.0.30/";
            entry(z, prefix + "migration-resources/migration-scripts/pre-migration-scripts/migration-2.6.0_to_3.0.0/postgresql.sql",
                    "CREATE TABLE AM_SYSTEM_APPS (ID INTEGER);\n");
            entry(z, prefix + "migration-resources/rxts/4.1.0/api.rxt", "<artifactType/>\n");
            entry(z, prefix + "dropins/" + StandinServer.APIM_JAR, "not really a jar");
        }
        return zip;
    }

    private static void entry(ZipOutputStream z, String name, String text) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }

    /** Every file under the new home except the stand-in's own records, for "plan changed nothing" checks. */
    Map<String, String> snapshot() {
        try (Stream<Path> s = Files.walk(newHome())) {
            return s.filter(Files::isRegularFile).collect(java.util.stream.Collectors.toMap(
                    p -> newHome().relativize(p).toString(), p -> {
                        try {
                            return Files.readString(p, StandardCharsets.ISO_8859_1);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, (a, b) -> a, java.util.TreeMap::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String relative) {
        return Files.exists(newHome().resolve(relative));
    }
}
