package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds an API Manager already running from a home, before anything is changed under it (issue 13: after a kill -9
 * left a server running, the next run re-copied the client jar, migration-resources/ and migration-config.yaml
 * under the live server before refusing to start a second one). The evidence: {@code wso2carbon.pid} naming a live
 * process that is a JVM or names the home; any live process whose arguments name the home
 * ({@code -Dcarbon.home=<home>}, {@code <home>/bin/api-manager.sh}: the server, its script, children of a killed
 * run); the home's HTTPS port (9443 + [server] offset) accepting connections.
 */
public final class RunningServer {
    static final int HTTPS_PORT = 9443;
    private static final Pattern OFFSET = Pattern.compile("(?m)^\\s*offset\\s*=\\s*\"?(\\d+)\"?");

    private RunningServer() {
    }

    /**
     * Fails (a user error, so the engine's plan-ahead pass stops the run before its first change) when a server
     * runs from {@code home}. {@code which}: "new home", "old home".
     */
    public static void refuse(Path home, String which) {
        List<String> evidence = evidence(home);
        if (!evidence.isEmpty()) {
            throw UpgradeException.user(ErrorCode.SERVER_RUNNING, "An API Manager is running from the " + which + " "
                            + home + " (" + String.join("; ", evidence) + "); nothing was changed.", home.toString(),
                    "Stop it (bin/api-manager.sh stop, or wso2server.sh stop; kill the pids above if a killed run "
                            + "left them), then run the goal again.");
        }
    }

    /** What shows a server running from {@code home}; empty when nothing does. */
    public static List<String> evidence(Path home) {
        List<String> found = new ArrayList<>();
        Path abs = home.toAbsolutePath().normalize();
        pidFile(abs).ifPresent(found::add);
        processes(abs, found);
        port(abs).ifPresent(found::add);
        return found;
    }

    private static Optional<String> pidFile(Path home) {
        Path pidFile = home.resolve("wso2carbon.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
            Instant written = Files.getLastModifiedTime(pidFile).toInstant();
            // a process started after the file was written only reuses the pid (e.g. this Maven in a new container)
            Optional<ProcessHandle> live = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().startInstant().map(s -> !s.isAfter(written.plusSeconds(1))).orElse(true))
                    .filter(h -> isJava(h) || namesHome(h, home));
            return live.map(h -> "pid " + pid + " in wso2carbon.pid is alive");
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // unreadable or stale: no evidence
        }
    }

    private static void processes(Path home, List<String> found) {
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses()
                .filter(h -> h.pid() != self && h.isAlive() && namesHome(h, home))
                .limit(5)
                .forEach(h -> found.add("process " + h.pid() + " " + h.info().command().orElse("?") + " runs from it"));
    }

    private static Optional<String> port(Path home) {
        int port = HTTPS_PORT + offset(home);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return Optional.of("port " + port + " (9443 + offset) is in use");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** [server] offset of the home's deployment.toml (4.x) or Ports/Offset of carbon.xml (2.x); 0 when unset. */
    static int offset(Path home) {
        try {
            Path toml = home.resolve("repository/conf/deployment.toml");
            if (Files.isRegularFile(toml)) {
                String text = Files.readString(toml, StandardCharsets.UTF_8);
                int server = text.indexOf("[server]");
                if (server >= 0) {
                    int next = text.indexOf("\n[", server + 1);
                    Matcher m = OFFSET.matcher(next < 0 ? text.substring(server) : text.substring(server, next));
                    return m.find() ? Integer.parseInt(m.group(1)) : 0;
                }
                return 0;
            }
            Path carbonXml = home.resolve("repository/conf/carbon.xml");
            if (Files.isRegularFile(carbonXml)) {
                Matcher m = Pattern.compile("<Ports>\\s*(?:<!--.*?-->\\s*)*<Offset>\\s*(\\d+)\\s*</Offset>", Pattern.DOTALL)
                        .matcher(Files.readString(carbonXml, StandardCharsets.UTF_8));
                return m.find() ? Integer.parseInt(m.group(1)) : 0;
            }
        } catch (IOException | NumberFormatException | StackOverflowError e) {
            // unreadable: the default ports
        }
        return 0;
    }

    private static boolean isJava(ProcessHandle h) {
        return h.info().command().map(c -> c.toLowerCase(Locale.ROOT).replace('\\', '/'))
                .map(c -> c.endsWith("/java") || c.endsWith("/java.exe") || c.equals("java")).orElse(false);
    }

    /** Its arguments name the home: -Dcarbon.home=<home>, or a script or file under <home>/bin. */
    private static boolean namesHome(ProcessHandle h, Path home) {
        String[] args = h.info().arguments().orElse(new String[0]);
        String carbonHome = "-Dcarbon.home=" + home;
        String bin = home.resolve("bin") + java.io.File.separator;
        for (String a : args) {
            if (a.equals(carbonHome) || a.equals(carbonHome + java.io.File.separator) || a.startsWith(bin)) {
                return true;
            }
        }
        return false;
    }
}
