package io.github.apimupgrade.core.steps.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The new server's health, from its own log: the last start recorded in {@code repository/logs/wso2carbon.log}
 * reached "WSO2 Carbon started". Kept simple on purpose; the server steps supervise each run in detail.
 */
final class ServerHealth {
    static final String STARTING = "Starting WSO2 Carbon";
    static final String STARTED = "WSO2 Carbon started";

    private ServerHealth() {
    }

    static Path log(Path newHome) {
        return newHome.resolve("repository/logs/wso2carbon.log");
    }

    /** Empty when healthy; otherwise what is wrong. */
    static Optional<String> problem(Path newHome) {
        Path log = log(newHome);
        if (!Files.isRegularFile(log)) {
            return Optional.of("the new server has no log " + log + ": it was never started");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return Optional.of("cannot read " + log + ": " + e.getMessage());
        }
        int lastStart = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(STARTING)) {
                lastStart = i;
            }
        }
        for (int i = Math.max(0, lastStart); i < lines.size(); i++) {
            if (lines.get(i).contains(STARTED)) {
                return Optional.empty();
            }
        }
        return Optional.of("the last start in " + log + " did not log \"" + STARTED + "\"");
    }
}
