package io.github.apimupgrade.core.testsupport;

import io.github.apimupgrade.core.api.ServerOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A fake API Manager home driven by the stand-in start script ({@code standin/api-manager.sh} of the
 * apim-upgrade-standin test dependency): real processes, real log lines, scenarios chosen by a file. POSIX only.
 */
public final class StandinServer {
    public static final String IDENTITY_JAR = "org.wso2.carbon.is.migration-1.0.154.jar";
    public static final String APIM_JAR = "org.wso2.carbon.apimgt.migrate.client-4.1.0.30.jar";

    private final Path home;

    private StandinServer(Path home) {
        this.home = home;
    }

    /** Creates bin/api-manager.sh, bin/wso2server.sh, the dropins and conf directories under {@code home}. */
    public static StandinServer create(Path home) {
        try {
            Path bin = Files.createDirectories(home.resolve("bin"));
            byte[] script;
            try (InputStream in = StandinServer.class.getResourceAsStream("/standin/api-manager.sh")) {
                script = in.readAllBytes();
            }
            Files.write(bin.resolve("api-manager.sh"), script);
            Files.write(bin.resolve("wso2server.sh"), script);
            Files.createDirectories(home.resolve("repository/components/dropins"));
            Files.createDirectories(home.resolve("repository/conf"));
            return new StandinServer(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path home() {
        return home;
    }

    public StandinServer scenario(String scenario) {
        return write("standin-scenario", scenario + "\n");
    }

    public StandinServer toml(String text) {
        return write("repository/conf/deployment.toml", text);
    }

    /**
     * The identity client installed: its jar in dropins and a migration-config.yaml (the shape of
     * apim-identity-migration-resources 1.0.154's file, one step per version) migrating {@code current} to
     * {@code target}, enabled or not.
     */
    public StandinServer identityClient(String current, String target, boolean enabled) {
        StringBuilder yaml = new StringBuilder("migrationEnable: \"" + enabled + "\"\n")
                .append("currentVersion: \"").append(current).append("\"\n")
                .append("migrateVersion: \"").append(target).append("\"\n")
                .append("continueOnError: \"true\"\nversions:\n");
        for (String v : List.of("5.8.0", "5.9.0", "5.10.0", "5.11.0")) {
            yaml.append("  -\n    version: \"").append(v).append("\"\n    migratorConfigs:\n    -\n")
                    .append("      name: \"SchemaMigrator\"\n      order: 1\n      parameters:\n")
                    .append("        location: \"step1\"\n        schema: \"identity\"\n");
        }
        dropin(IDENTITY_JAR);
        return write("migration-resources/migration-config.yaml", yaml.toString());
    }

    public StandinServer dropin(String jarName) {
        return write("repository/components/dropins/" + jarName, "stand-in jar");
    }

    public StandinServer write(String relative, String text) {
        try {
            Path f = home.resolve(relative);
            Files.createDirectories(f.getParent());
            Files.writeString(f, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines the stand-in appended to standin-runs.log: "identity flags=... user_store=database", ... */
    public List<String> runs() {
        try {
            Path f = home.resolve("standin-runs.log");
            return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String log() {
        try {
            Path f = home.resolve("repository/logs/wso2carbon.log");
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A pid the stand-in wrote (wso2carbon.pid, standin-child.pid). */
    public Optional<Long> pid(String file) {
        try {
            Path f = home.resolve(file);
            return Files.exists(f) ? Optional.of(Long.parseLong(Files.readString(f).strip())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options with second-scale limits for tests. */
    public static ServerOptions options(Duration timeout) {
        return new ServerOptions(null, "", timeout, timeout, Duration.ofSeconds(2), Duration.ofSeconds(1),
                null, null, List.of(), true, null, Duration.ZERO);
    }

    public static boolean posix() {
        return !System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }
}
