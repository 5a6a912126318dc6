package io.github.apimupgrade.core.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.files.SafeFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journal of file and server steps: {@code <newHome>/.apim-upgrade/journal.json}. Database scripts are also
 * recorded in each database's APIM_UPGRADE_HISTORY table. Written atomically after every state change.
 */
public final class JournalFile {
    public static final String DIRECTORY = ".apim-upgrade";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /** The file's JSON shape. */
    public record Content(String path, String oldHome, Map<String, StepRecord> steps) {
    }

    private final Path file;
    private final Clock clock;
    private final Map<String, StepRecord> steps = new LinkedHashMap<>();
    private String path;
    private String oldHome;

    private JournalFile(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /**
     * {@code <newHome>/.apim-upgrade/<step>.run-succeeded}: a step's migration run succeeded in this home (written as
     * soon as the server's log proves it; the step's last action removes it).
     */
    public static Path runMarker(Path newHome, String stepId) {
        return newHome.resolve(DIRECTORY).resolve(stepId + ".run-succeeded");
    }

    public static Path location(Path newHome) {
        return newHome.resolve(DIRECTORY).resolve("journal.json");
    }

    /** Reads the journal of a new home; an absent file is an empty journal. */
    public static JournalFile open(Path newHome, Clock clock) {
        JournalFile j = new JournalFile(location(newHome), clock);
        if (Files.isRegularFile(j.file)) {
            try {
                Content c = JSON.readValue(j.file.toFile(), Content.class);
                j.path = c.path();
                j.oldHome = c.oldHome();
                if (c.steps() != null) {
                    j.steps.putAll(c.steps());
                }
            } catch (IOException e) {
                throw UpgradeException.user(ErrorCode.MALFORMED_FILE, "The journal " + j.file + " cannot be read: "
                        + e.getMessage(), j.file.toString(),
                        "Restore it from its .bak file next to it, or move it away to start the journal anew.", e);
            }
        }
        return j;
    }

    /**
     * Reads the file again, replacing what this object holds: the engine reads the state once more after it took the
     * locks, so a run that finished meanwhile is seen (see UpgradeEngine).
     */
    public synchronized void reload() {
        JournalFile fresh = open(file.getParent().getParent(), clock);
        steps.clear();
        steps.putAll(fresh.steps);
        path = fresh.path;
        oldHome = fresh.oldHome;
    }

    public Path file() {
        return file;
    }

    public synchronized StepRecord get(String stepId) {
        return steps.getOrDefault(stepId, StepRecord.pending(stepId));
    }

    public synchronized Map<String, StepRecord> all() {
        return Map.copyOf(steps);
    }

    /** The path id and old home this journal belongs to (null before the first run). */
    public synchronized String pathId() {
        return path;
    }

    public synchronized String oldHome() {
        return oldHome;
    }

    public synchronized void bind(String pathId, Path old) {
        this.path = pathId;
        this.oldHome = old.toAbsolutePath().normalize().toString();
    }

    public synchronized void started(String stepId) {
        started(stepId, false);
    }

    /** RUNNING; {@code outOfOrder}: run on purpose before earlier steps were done (kept until the next attempt). */
    public synchronized void started(String stepId, boolean outOfOrder) {
        StepRecord prev = get(stepId);
        put(new StepRecord(stepId, StepState.RUNNING, clock.instant(), null, prev.attempts() + 1, null, 0,
                outOfOrder ? Boolean.TRUE : null));
    }

    public synchronized void succeeded(String stepId, String message, long rows) {
        StepRecord prev = get(stepId);
        put(new StepRecord(stepId, StepState.SUCCEEDED, prev.started(), clock.instant(), prev.attempts(), message, rows,
                prev.outOfOrder()));
    }

    public synchronized void failed(String stepId, String message) {
        StepRecord prev = get(stepId);
        put(new StepRecord(stepId, StepState.FAILED, prev.started(), clock.instant(), prev.attempts(), message, 0,
                prev.outOfOrder()));
    }

    public synchronized void set(String stepId, StepState state, String message) {
        StepRecord prev = get(stepId);
        Instant now = clock.instant();
        put(new StepRecord(stepId, state, prev.started() == null ? now : prev.started(), now, prev.attempts(), message,
                prev.rows()));
    }

    private void put(StepRecord r) {
        steps.put(r.stepId(), r);
        save();
    }

    private void save() {
        try {
            byte[] bytes = JSON.writeValueAsBytes(new Content(path, oldHome, steps));
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "journal", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot write the journal " + file + ": "
                    + e.getMessage(), file.toString(), "Check that the new home is writable.", e);
        }
    }

    /** For tests and status output: the JSON text. */
    static String sha(Path f) {
        return SafeFiles.sha256(f);
    }
}
