package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.path.ClientProofs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads {@code wso2carbon.log} lines of one server run, one at a time as they are read, and decides what they mean.
 * WSO2's migration clients end with "Successfully completed ..." even after failures and when nothing matched
 * (client-proofs.yaml names the sources), so:
 * <ul>
 *   <li>success needs the run's proofs (the client's own step lines, per hop, from client-proofs.yaml);</li>
 *   <li>an ERROR counts against the migration when its logger is a client's, or when a client frame
 *       ({@code at org.wso2.carbon.apimgt.migration.}, {@code at org.wso2.carbon.is.migration.}) is in its stack:
 *       a DAO or SQL error raised by the client's work counts, the same error of the server's own start does not;</li>
 *   <li>a crash of the client (an exception escaping it: "FrameworkEvent ERROR" or an activate() failure with client
 *       frames, the kernel's "Cannot activate StartupFinalizerServiceComponent") ends the run at once: the server
 *       never logs "WSO2 Carbon started" after it.</li>
 * </ul>
 * Lines are parsed by their level and {@code {logger} - } part wherever it stands, so customised prefixes
 * ({@code [date] [] LEVEL {...}}, {@code TID: [-1234] Tenant: [carbon.super] [date] [corr-id] : apim : LEVEL {...}})
 * are read; a log where no line has that shape is reported at once ({@link Signal#UNREADABLE_PATTERN}).
 * ERROR and WARN lines are kept as bounded samples (first and last lines, count). Not thread-safe: one supervisor
 * thread feeds it.
 */
public final class LogClassifier {

    /** What a line means for the run. */
    public enum Signal {
        /** Nothing that ends the run. */
        NONE,
        /** "WSO2 Carbon started in": both migration clients have returned. */
        STARTED,
        /** The identity client gave up: "Migration process was stopped." */
        MIGRATION_STOPPED,
        /** Identity core waits for a client jar that is not in dropins; the server will never start. */
        CLIENT_MISSING,
        /** "Waiting for required OSGi services" again, outside a migration: a bundle never came up. */
        OSGI_HANG,
        /** The identity run exhausted the registry connection pool (seed step 3, troubleshooting). */
        POOL_EXHAUSTED,
        /** An exception escaped a migration client; the server will not finish starting. */
        CLIENT_CRASHED,
        /** No line of the log has the level / {logger} shape: a log pattern this classifier cannot read. */
        UNREADABLE_PATTERN
    }

    static final int SAMPLE = 20;
    static final int OSGI_WAITS_FOR_HANG = 2;
    /** Lines read without one log event among them before the pattern counts as unreadable. */
    static final int UNREADABLE_AFTER = 20;
    private static final String[] LEVELS = {"ERROR", "WARN", "INFO", "FATAL", "DEBUG", "TRACE"};
    private static final List<String> MIGRATION_MARKERS = List.of(
            "WSO2 API-M Migration Task", "Migration Service Task", "Executing Migration client");
    /** Where the OSGi waits stop counting as a hang: a long identity migration runs inside bundle activation. */
    private static final List<String> MIGRATION_START = List.of(
            "Executing Migration client", "Migration Versions List", "Starting API-M migration",
            "Starting WSO2 API Manager migration");
    private static final List<String> MIGRATION_END = List.of(
            "Execution was done through all the requested version list", "Migration process was stopped",
            "Successfully completed API-M migration", "Ending WSO2 API Manager migration");

    private final boolean migrationRun;
    private final List<String> frames;
    private final List<String> frameLines;
    private final List<ClientProofs.CrashMarker> crashMarkers;
    private final List<Pattern> stepStarted = new ArrayList<>();
    private final List<LogProof> proofs;
    private final List<Pattern> proofPatterns = new ArrayList<>();
    private final boolean[] proofMet;

    private final ErrorSample migrationErrors = new ErrorSample(SAMPLE);
    private final ErrorSample otherErrors = new ErrorSample(SAMPLE);
    private final ErrorSample warnings = new ErrorSample(SAMPLE);
    private String lastMigrationEvent;
    private boolean inMigration;
    private boolean started;
    private boolean poolExhausted;
    private boolean crashed;
    private boolean stepHasStarted;
    private int osgiWaits;
    private long events;
    private long nonEvents;
    private String firstUnreadable;

    /** The ERROR line read last, so its exception line and stack that follow can be attached or decide it. */
    private ErrorSample lastErrorIn;
    private boolean lastErrorHasCause;
    /** The last ERROR is not (yet) a migration error: a client frame in its stack would make it one. */
    private boolean lastErrorUndecided;
    private boolean lastErrorCrashMarker;

    /** A classifier for a migration run without proofs. */
    public LogClassifier() {
        this(true);
    }

    /**
     * @param migrationRun false for a plain start: an exhausted pool is then only reported (the identity run is
     *                     where it means a failed migration that a retry with a lower indexing load fixes)
     */
    public LogClassifier(boolean migrationRun) {
        this(migrationRun, List.of());
    }

    /**
     * @param proofs lines the run must log before "started" (client-proofs.yaml); empty: none required
     */
    public LogClassifier(boolean migrationRun, List<LogProof> proofs) {
        ClientProofs catalogue = ClientProofs.load();
        this.migrationRun = migrationRun;
        this.frames = catalogue.frames();
        this.frameLines = frames.stream().map(f -> "at " + f).toList();
        this.crashMarkers = catalogue.crashMarkers();
        catalogue.stepStarted().forEach(p -> stepStarted.add(Pattern.compile(p)));
        this.proofs = List.copyOf(proofs);
        this.proofs.forEach(p -> proofPatterns.add(p.compiled()));
        this.proofMet = new boolean[proofs.size()];
    }

    /** Level, logger and message of a log event line. */
    private record Event(String level, String logger, String message) {
    }

    /**
     * Finds {@code LEVEL {logger} - message} wherever the prefix ends (%5p pads INFO and WARN with a space): the first
     * '{' preceded by a level word and whose '}' is followed by " - ". Scans by hand rather than with a regex: every
     * line of a 20 MB/s log goes through here.
     */
    static Event parse(String line) {
        if (line.isEmpty() || line.charAt(0) == '\t' || line.startsWith("at ") || line.startsWith("Caused by")) {
            return null;
        }
        int open = line.indexOf('{');
        while (open > 0) {
            int end = open;
            while (end > 0 && line.charAt(end - 1) == ' ') {
                end--;
            }
            int start = end;
            while (start > 0 && Character.isLetter(line.charAt(start - 1))) {
                start--;
            }
            String level = end > start && end < open && (start == 0 || Character.isWhitespace(line.charAt(start - 1)))
                    ? level(line, start, end) : null;
            if (level != null) {
                int close = line.indexOf('}', open);
                if (close < 0) {
                    return null;
                }
                int dash = skipSpaces(line, close + 1);
                if (dash < line.length() && line.charAt(dash) == '-') {
                    int msg = dash + 1;
                    if (msg < line.length() && line.charAt(msg) == ' ') {
                        msg++;
                    }
                    return new Event(level, line.substring(open + 1, close).strip(), line.substring(msg));
                }
            }
            open = line.indexOf('{', open + 1);
        }
        return null;
    }

    private static String level(String line, int start, int end) {
        for (String l : LEVELS) {
            if (l.length() == end - start && line.startsWith(l, start)) {
                return l;
            }
        }
        return null;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Feeds one log line; returns what it means for the run. */
    public Signal accept(String line) {
        Event e = parse(line);
        if (e == null) {
            boolean pool = migrationRun && line.contains("PoolExhaustedException");
            poolExhausted |= pool;
            return continuation(line, pool);
        }
        events++;
        String level = e.level();
        String logger = e.logger();
        String message = e.message();
        lastErrorIn = null;
        boolean error = level.equals("ERROR") || level.equals("FATAL");
        boolean pool = error && migrationRun && message.contains("PoolExhaustedException");
        poolExhausted |= pool;

        boolean clientLogger = isClientLogger(logger);
        // the kernel's, identity core's and the clients' lines decide; the other loggers' INFO lines are skipped cheaply
        boolean kernel = logger.endsWith("StartupFinalizerServiceComponent");
        boolean identityCore = logger.endsWith("IdentityCoreServiceComponent");
        if (clientLogger || identityCore) {
            if (containsAny(message, MIGRATION_START)) {
                inMigration = true;
            }
            if ((clientLogger || containsAny(message, MIGRATION_MARKERS)) && !dotsOnly(message)) {
                lastMigrationEvent = message.strip();
            }
        }
        if (clientLogger) {
            matchProofs(message);
        }
        Signal signal = Signal.NONE;
        if (error) {
            String shown = level + " {" + logger + "} - " + message.strip();
            boolean counts = clientLogger || pool;
            lastErrorIn = counts ? migrationErrors : otherErrors;
            lastErrorIn.add(shown);
            lastErrorHasCause = false;
            lastErrorUndecided = !counts && migrationRun;
            lastErrorCrashMarker = false;
            for (ClientProofs.CrashMarker m : crashMarkers) {
                if (message.contains(m.marker())) {
                    if (m.always()) {
                        promoteLastError();
                        crashed = true;
                        signal = Signal.CLIENT_CRASHED;
                    } else {
                        lastErrorCrashMarker = true;
                    }
                }
            }
            if (signal == Signal.NONE && !clientLogger && migrationRun && hasClientFrame(message)) {
                // %ex puts the exception on the message line; a frame there decides it at once
                signal = promoteUndecided();
            }
        } else if (clientLogger && level.equals("WARN")) {
            warnings.add(level + " {" + logger + "} - " + message.strip());
        }
        if (signal != Signal.NONE) {
            return signal;
        }
        if (pool) {
            signal = Signal.POOL_EXHAUSTED;
        } else if (clientLogger && message.contains("Migration process was stopped")) {
            signal = Signal.MIGRATION_STOPPED;
        } else if (identityCore && message.contains("Waiting for migration client")) {
            migrationErrors.add(level + " {" + logger + "} - " + message.strip());
            signal = Signal.CLIENT_MISSING;
        } else if (kernel && message.contains("Waiting for required OSGi services") && !inMigration) {
            if (++osgiWaits >= OSGI_WAITS_FOR_HANG) {
                otherErrors.add(level + " {" + logger + "} - " + message.strip());
                signal = Signal.OSGI_HANG;
            }
        } else if (kernel && message.contains("WSO2 Carbon started in")) {
            started = true;
            signal = Signal.STARTED;
        }
        if (clientLogger && containsAny(message, MIGRATION_END)) {
            inMigration = false;
        }
        return signal;
    }

    private static boolean dotsOnly(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && c != ' ') {
                return false;
            }
        }
        return true;
    }

    /** A line that is no log event: an exception line or a stack frame of the ERROR before it. */
    private Signal continuation(String line, boolean pool) {
        nonEvents++;
        if (events == 0 && firstUnreadable == null && !line.isBlank()) {
            firstUnreadable = line;
        }
        if (events == 0 && nonEvents == UNREADABLE_AFTER) {
            return Signal.UNREADABLE_PATTERN;
        }
        String s = line.strip();
        if (lastErrorIn == null) {
            if (pool) {
                migrationErrors.add(s);
            }
            return pool ? Signal.POOL_EXHAUSTED : Signal.NONE;
        }
        Signal signal = pool ? Signal.POOL_EXHAUSTED : Signal.NONE;
        if (!lastErrorHasCause && !s.isEmpty() && !s.startsWith("at ") && !s.startsWith("...")) {
            lastErrorIn.appendToLast(" | " + s);
            lastErrorHasCause = true;
        }
        if (pool && lastErrorUndecided) {
            promoteLastError(); // the cause makes an unrelated ERROR line a migration failure
        }
        if (lastErrorUndecided && s.startsWith("at ") && startsWithAny(s, frameLines)) {
            Signal crash = promoteUndecided();
            if (crash != Signal.NONE) {
                signal = crash;
            }
        }
        return signal;
    }

    /** The undecided ERROR has a client frame: a migration error, and a crash when it carries a crash marker. */
    private Signal promoteUndecided() {
        promoteLastError();
        if (lastErrorCrashMarker) {
            crashed = true;
            return Signal.CLIENT_CRASHED;
        }
        return Signal.NONE;
    }

    private void promoteLastError() {
        if (lastErrorUndecided && lastErrorIn == otherErrors) {
            migrationErrors.add(otherErrors.removeLast());
            lastErrorIn = migrationErrors;
        }
        lastErrorUndecided = false;
    }

    private void matchProofs(String message) {
        for (int i = 0; i < proofMet.length; i++) {
            if (!proofMet[i] && proofPatterns.get(i).matcher(message).find()) {
                proofMet[i] = true;
            }
        }
        if (!stepHasStarted) {
            for (Pattern p : stepStarted) {
                if (p.matcher(message).find()) {
                    stepHasStarted = true;
                    break;
                }
            }
        }
    }

    private boolean isClientLogger(String logger) {
        return startsWithAny(logger, frames);
    }

    private boolean hasClientFrame(String message) {
        for (String f : frameLines) {
            if (message.contains(f)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String s, List<String> prefixes) {
        for (String p : prefixes) {
            if (s.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAny(String s, List<String> needles) {
        for (String n : needles) {
            if (s.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** ERROR lines that fail the run (a sample: the first and last ones); see {@link #migrationErrorCount()}. */
    public List<String> migrationErrors() {
        return migrationErrors.lines();
    }

    public long migrationErrorCount() {
        return migrationErrors.count();
    }

    /** Other ERROR lines (a sample): reported as warnings, they do not fail the run. */
    public List<String> otherErrors() {
        return otherErrors.lines();
    }

    /** WARN lines of the migration clients (a sample), e.g. the validators' "will be skipped at migration" findings. */
    public List<String> warnings() {
        return warnings.lines();
    }

    /** The meanings of the proofs not logged (yet); empty when all were, or none were required. */
    public List<String> missingProofs() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < proofMet.length; i++) {
            if (!proofMet[i]) {
                out.add(proofs.get(i).meaning());
            }
        }
        return out;
    }

    /** True once a client logged that it started changing the databases (a migration step, a hop, a script). */
    public boolean migrationStepStarted() {
        return stepHasStarted;
    }

    /** The last message of a migration logger, for progress lines; null before the first. */
    public String lastMigrationEvent() {
        return lastMigrationEvent;
    }

    /** The first line of an unreadable log, for the message naming the pattern. */
    public String firstUnreadableLine() {
        return firstUnreadable;
    }

    public boolean started() {
        return started;
    }

    public boolean crashed() {
        return crashed;
    }

    public boolean poolExhausted() {
        return poolExhausted;
    }
}
