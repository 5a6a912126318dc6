package io.github.apimupgrade.core.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code git apply} the way the dry run's plan.patch says to: from the new home, with GIT_DIR=/dev/null
 * so that the paths stay relative to it even inside a git work tree (a test's temp directory may be in one).
 */
public final class GitApply {
    private GitApply() {
    }

    /** Whether git is on this machine (tests that need it are skipped without it). */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The exit code and output of git apply -v [--check] {@code patch} run in {@code dir}. */
    public record Result(int exit, String output) {
    }

    public static Result run(Path dir, Path patch, boolean checkOnly) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "apply", "-v"));
        if (checkOnly) {
            cmd.add("--check");
        }
        cmd.add(patch.toAbsolutePath().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_DIR", "/dev/null");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("git apply did not finish: " + out);
        }
        return new Result(p.exitValue(), out);
    }
}
