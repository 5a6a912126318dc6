package io.github.apimupgrade.core.server;

import java.util.ArrayList;
import java.util.List;

/**
 * How a Carbon server is started and stopped on Windows so that its shutdown hook runs (issue 15).
 * <p>
 * WSO2's own scripts have no stop command on Windows: {@code api-manager.bat} (product-apim,
 * modules/distribution/product/src/main/startup-scripts/api-manager.bat) and the kernel's {@code wso2server.bat}
 * (carbon-kernel, distribution/carbon-home/bin/wso2server.bat) only know run/restart/debug/version and skip every
 * other argument, so {@code api-manager.bat --stop} would start a second server. The server stops cleanly on
 * Ctrl-C in its console window (the JVM runs Carbon's shutdown hook on CTRL_C_EVENT); {@link Process#destroy()}
 * is TerminateProcess, which runs no hook at all.
 * <p>
 * So the server is started in a console of its own ({@code start "..." /WAIT}: a Ctrl-C there reaches the server
 * and not the Maven build), and stopped by a small PowerShell helper that detaches from the build's console,
 * attaches to the server's, ignores the event itself and sends CTRL_C_EVENT to that console's processes. The
 * forcible kill after the stop timeout stays. The server's console output goes to its own window; the supervision
 * reads repository/logs/wso2carbon.log, not the console.
 */
final class WindowsConsole {

    private WindowsConsole() {
    }

    /** {@code cmd.exe /c start "apim-upgrade: <purpose>" /WAIT /MIN cmd.exe /c <bat> <flags>}. */
    static List<String> startCommand(ServerRun run) {
        List<String> cmd = new ArrayList<>(List.of("cmd.exe", "/c", "start", "\"apim-upgrade: " + run.purpose() + "\"",
                "/WAIT", "/MIN", "cmd.exe", "/c", run.scriptFile(true).toString()));
        cmd.addAll(run.flags());
        return cmd;
    }

    /** The helper that sends Ctrl-C to the console of {@code pid} (the server's JVM or its script). */
    static List<String> ctrlCCommand(long pid) {
        String script = String.join("; ",
                "$ErrorActionPreference = 'Stop'",
                "Add-Type -Namespace ApimUpgrade -Name Console -MemberDefinition '"
                        + "[DllImport(\"kernel32.dll\")] public static extern bool FreeConsole(); "
                        + "[DllImport(\"kernel32.dll\")] public static extern bool AttachConsole(uint pid); "
                        + "[DllImport(\"kernel32.dll\")] public static extern bool SetConsoleCtrlHandler(System.IntPtr h, bool add); "
                        + "[DllImport(\"kernel32.dll\")] public static extern bool GenerateConsoleCtrlEvent(uint ev, uint group);'",
                "[void][ApimUpgrade.Console]::FreeConsole()",
                "if (-not [ApimUpgrade.Console]::AttachConsole(" + pid + ")) { exit 2 }",
                "[void][ApimUpgrade.Console]::SetConsoleCtrlHandler([IntPtr]::Zero, $true)",
                "if (-not [ApimUpgrade.Console]::GenerateConsoleCtrlEvent(0, 0)) { exit 3 }",
                "exit 0");
        return List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command", script);
    }
}
