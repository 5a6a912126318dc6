package io.github.apimupgrade.core.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One supervised start of a Carbon server.
 *
 * @param home    the server home (CARBON_HOME)
 * @param script  start script base name in {@code bin/} (api-manager, wso2server)
 * @param flags   arguments, e.g. {@code -Dmigrate -Dcomponent=identity}
 * @param purpose what the run is for, in messages ("identity migration")
 * @param timeout how long until "WSO2 Carbon started" may take
 * @param proof   lines that must all appear before "started", proving the migration client did its work (a server
 *                without the client jar, a disabled client or a hop that matched nothing starts normally and
 *                migrates nothing); from client-proofs.yaml per hop; empty for plain starts
 */
public record ServerRun(Path home, String script, List<String> flags, String purpose, Duration timeout,
                        List<LogProof> proof) {

    public ServerRun {
        flags = List.copyOf(flags);
        proof = List.copyOf(proof);
    }

    /** A plain start: no migration expected. */
    public static ServerRun start(Path home, String script, String purpose, Duration timeout) {
        return new ServerRun(home, script, List.of(), purpose, timeout, List.of());
    }

    public Path scriptFile(boolean windows) {
        return home.resolve("bin").resolve(script + (windows ? ".bat" : ".sh"));
    }

    public Path logFile() {
        return home.resolve("repository").resolve("logs").resolve("wso2carbon.log");
    }

    /** The CARBON_LOGFILE layout pattern in repository/conf/log4j2.properties, if it can be read. */
    public Optional<String> configuredLogPattern() {
        Path f = home.resolve("repository").resolve("conf").resolve("log4j2.properties");
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = r.readLine()) != null) {
                String s = line.strip();
                if (s.startsWith("appender.CARBON_LOGFILE.layout.pattern")) {
                    int eq = s.indexOf('=');
                    return eq < 0 ? Optional.empty() : Optional.of(s.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The command as started: {@code sh bin/api-manager.sh ...} or {@code cmd.exe /c bin\api-manager.bat ...}. */
    public List<String> command(boolean windows) {
        List<String> cmd = new ArrayList<>(windows
                ? List.of("cmd.exe", "/c", scriptFile(true).toString())
                : List.of("sh", scriptFile(false).toString()));
        cmd.addAll(flags);
        return cmd;
    }

    /** The command as shown in plans, relative to the home. */
    public String display(boolean windows) {
        StringBuilder sb = new StringBuilder(windows ? "bin\\" + script + ".bat" : "sh bin/" + script + ".sh");
        flags.forEach(f -> sb.append(' ').append(f));
        return sb.toString();
    }
}
