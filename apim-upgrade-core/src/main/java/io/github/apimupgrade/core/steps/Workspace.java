package io.github.apimupgrade.core.steps;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How steps read files while planning. In a dry run, planned writes of earlier steps are layered over the disk
 * ({@link #overlay(Path, String)}) so that each later step plans against the state the earlier ones would leave.
 */
public final class Workspace {
    private final Map<Path, Optional<String>> overlay = new ConcurrentHashMap<>();

    /** The file's text as the plan should see it, or empty if it does not exist. */
    public Optional<String> read(Path file) {
        Path key = file.toAbsolutePath().normalize();
        Optional<String> planned = overlay.get(key);
        if (planned != null) {
            return planned;
        }
        if (!Files.isRegularFile(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(key, StandardCharsets.UTF_8));
        } catch (java.nio.charset.MalformedInputException e) {
            try {
                return Optional.of(Files.readString(key, StandardCharsets.ISO_8859_1));
            } catch (IOException ex) {
                throw unreadable(key, ex);
            }
        } catch (IOException e) {
            throw unreadable(key, e);
        }
    }

    /** Like {@link #read(Path)} but the file must exist. */
    public String require(Path file, String whatItIs) {
        return read(file).orElseThrow(() -> UpgradeException.user(ErrorCode.MALFORMED_FILE,
                whatItIs + " not found: " + file, file.toString(),
                "Check apim.upgrade.oldHome/newHome point at the right installation."));
    }

    public boolean exists(Path file) {
        Path key = file.toAbsolutePath().normalize();
        Optional<String> planned = overlay.get(key);
        return planned != null ? planned.isPresent() : Files.exists(key);
    }

    /** Dry run: pretend the file now has this content (empty: deleted). */
    public void overlay(Path file, String content) {
        overlay.put(file.toAbsolutePath().normalize(), Optional.ofNullable(content));
    }

    private static UpgradeException unreadable(Path file, IOException e) {
        return UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot read " + file + ": " + e.getMessage(),
                file.toString(), "Check file permissions.", e);
    }
}
