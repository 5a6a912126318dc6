package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.testsupport.StandinServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: on Windows the server is stopped so that Carbon's shutdown hook runs. WSO2's .bat scripts have no stop
 * command (see {@link WindowsConsole}), so the supervisor starts the script in a console of its own and stops it
 * with Ctrl-C sent to that console. The command lines are asserted through the injected {@link ProcessLauncher};
 * the processes behind them are POSIX stand-ins: a shell (the script) running a child that plays the server JVM,
 * and, for the Ctrl-C helper, a signal to that child, so the stop sequence (helper, wait for the JVM, end the
 * shells) really runs.
 */
@Timeout(60)
class WindowsStopTest {

    @TempDir
    Path home;

    @Test
    void theServerStartsInItsOwnConsoleAndIsStoppedByCtrlCToIt() throws Exception {
        Assumptions.assumeTrue(StandinServer.posix(), "POSIX stand-ins for the Windows processes");
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/api-manager.bat"), "@echo off\r\nrem never run\r\n");
        Path log = Files.createDirectories(home.resolve("repository/logs")).resolve("wso2carbon.log");
        List<List<String>> commands = new CopyOnWriteArrayList<>();
        long[] jvm = {0};
        ProcessLauncher launcher = pb -> {
            commands.add(List.copyOf(pb.command()));
            if (pb.command().get(0).equals("cmd.exe")) {
                // the "script": a shell that stays after its "JVM" ends (as cmd.exe asks "Terminate batch job?")
                Process p = new ProcessBuilder("sh", "-c", "sleep 30 & echo $! > jvm.pid; wait; sleep 30")
                        .directory(home.toFile()).start();
                Path pidFile = home.resolve("jvm.pid");
                while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        throw new java.io.IOException(e);
                    }
                }
                jvm[0] = Long.parseLong(Files.readString(pidFile).strip());
                Files.writeString(log, "TID: [-1234] [] [2022-07-22 10:15:03,582]  INFO "
                        + "{org.wso2.carbon.core.internal.StartupFinalizerServiceComponent} - WSO2 Carbon started in 31 sec\n",
                        java.nio.file.StandardOpenOption.APPEND);
                return p;
            }
            // the Ctrl-C helper: the stand-in "console event" is a SIGTERM to the server JVM stand-in
            return new ProcessBuilder("kill", "-TERM", String.valueOf(jvm[0])).start(); // (a background job ignores SIGINT)
        };
        List<UpgradeEvent> events = new CopyOnWriteArrayList<>();
        Files.writeString(log, "");
        CarbonServer server = new CarbonServer(launcher, events::add, "migrate-identity", StandinServer.options(Duration.ofSeconds(20)),
                Clock.systemUTC(), Sleeper.system(), true);

        ServerResult r = server.run(ServerRun.start(home, "api-manager", "server start", Duration.ofSeconds(20)));

        assertEquals(ServerResult.Status.SUCCEEDED, r.status());
        assertEquals(List.of("cmd.exe", "/c", "start", "\"apim-upgrade: server start\"", "/WAIT", "/MIN", "cmd.exe", "/c",
                home.resolve("bin").resolve("api-manager.bat").toString()), commands.get(0));
        assertEquals(2, commands.size(), commands.toString());
        List<String> helper = commands.get(1);
        assertEquals(List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command"),
                helper.subList(0, 6));
        String script = helper.get(6);
        assertTrue(script.contains("FreeConsole()") && script.contains("AttachConsole(" + jvm[0] + ")")
                && script.contains("SetConsoleCtrlHandler([IntPtr]::Zero, $true)") && script.contains("GenerateConsoleCtrlEvent(0, 0)"), script);
        assertTrue(script.indexOf("FreeConsole()") < script.indexOf("AttachConsole(") , "detach from the build's console first");
        assertFalse(ProcessHandle.of(jvm[0]).map(ProcessHandle::isAlive).orElse(false), "the server JVM stand-in is left");
        assertTrue(events.stream().noneMatch(e -> e.message().contains("did not stop within")),
                "stopped by Ctrl-C, not by the forcible kill: " + events);
    }

    @Test
    void theDisplayedCommandStaysTheScriptItself() {
        ServerRun run = new ServerRun(home, "wso2server", List.of("-Dmigrate", "-Dcomponent=identity"), "identity migration",
                Duration.ofHours(6), List.of());
        assertEquals("bin\\wso2server.bat -Dmigrate -Dcomponent=identity", run.display(true));
        assertEquals(List.of("cmd.exe", "/c", "start", "\"apim-upgrade: identity migration\"", "/WAIT", "/MIN", "cmd.exe", "/c",
                run.scriptFile(true).toString(), "-Dmigrate", "-Dcomponent=identity"), WindowsConsole.startCommand(run));
    }
}
