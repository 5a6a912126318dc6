package io.github.apimupgrade.core.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One supervised start of a Carbon server.
 *
 * @param home    the server home (CARBON_HOME)
 * @param script  start script base name in {@code bin/} (api-manager, wso2server)
 * @param flags   arguments, e.g. {@code -Dmigrate -Dcomponent=identity}
 * @param purpose what the run is for, in messages ("identity migration")
 * @param timeout how long until "WSO2 Carbon started" may take
 * @param proof   log substrings of which one must appear before "started", proving the migration client really
 *                ran (a server without the client jar starts normally and migrates nothing); empty for plain starts
 */
public record ServerRun(Path home, String script, List<String> flags, String purpose, Duration timeout,
                        List<String> proof) {

    /** Log lines that prove the identity client ran. */
    public static final List<String> IDENTITY_PROOF = List.of("Executing Migration client", "Migration Versions List",
            "Migration Service Task");
    /** Log lines that prove the API-M client bundle was active (also in pre-validation mode). */
    public static final List<String> APIM_PROOF = List.of("ExtendedAPIMConfigService", "API-M Migration Task",
            "validator steps", "API Manager migration");

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
