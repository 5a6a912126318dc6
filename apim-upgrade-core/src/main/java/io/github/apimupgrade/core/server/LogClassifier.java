package io.github.apimupgrade.core.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code wso2carbon.log} lines of one server run and decides what they mean. WSO2's migration clients
 * always end with "Successfully completed ..." even after failures, so success is the absence of ERROR lines
 * from the migration loggers (and of SQL/DAO errors while a migration is running), never that line.
 * Not thread-safe: one supervisor thread feeds it.
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
        POOL_EXHAUSTED
    }

    /** TID: [-1234] [] [2022-01-01 10:00:00,000]  INFO {logger} - message (also without the TID part). */
    private static final Pattern LINE = Pattern.compile(
            "^(?:TID: \\[[^\\]]*\\] \\[[^\\]]*\\] )?\\[[^\\]]+\\]\\s+(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\\s+"
                    + "\\{([^}]+)\\}\\s+-\\s?(.*)$");
    private static final List<String> MIGRATION_LOGGERS = List.of(
            "org.wso2.carbon.apimgt.migration", "org.wso2.carbon.is.migration", "org.wso2.is.migration");
    /** SQL and DAO loggers whose errors during a migration mean a failed migration step. */
    private static final Set<String> SQL_LOGGERS = Set.of(
            "ApiMgtDAO", "APIMgtDBUtil", "SharedDAO", "SharedDBUtil", "DBUtil", "DatabaseCreator", "IdentityDatabaseUtil");
    private static final List<String> MIGRATION_MARKERS = List.of(
            "WSO2 API-M Migration Task", "Migration Service Task", "Executing Migration client");
    /**
     * Where SQL/DAO errors start to count. Not the pre-migration validation: after it the server keeps starting
     * against the old schema, and the DAO errors that causes are expected.
     */
    private static final List<String> MIGRATION_START = List.of(
            "Executing Migration client", "Migration Versions List", "Starting API-M migration",
            "Starting WSO2 API Manager migration");
    private static final List<String> MIGRATION_END = List.of(
            "Execution was done through all the requested version list", "Migration process was stopped",
            "Successfully completed API-M migration", "Ending WSO2 API Manager migration");
    static final int OSGI_WAITS_FOR_HANG = 2;

    private final boolean migrationRun;
    private final List<String> migrationErrors = new ArrayList<>();
    private final List<String> otherErrors = new ArrayList<>();
    private String lastMigrationEvent;
    private boolean inMigration;
    private boolean started;
    private boolean poolExhausted;
    private int osgiWaits;
    /** The last recorded error, so the exception line that follows it can be attached. */
    private List<String> lastErrorList;
    private boolean lastErrorHasCause;

    /** A classifier for a migration run. */
    public LogClassifier() {
        this(true);
    }

    /**
     * @param migrationRun false for a plain start: an exhausted pool is then only reported (the identity run is
     *                     where it means a failed migration that a retry with a lower indexing load fixes)
     */
    public LogClassifier(boolean migrationRun) {
        this.migrationRun = migrationRun;
    }

    /** Feeds one log line; returns what it means for the run. */
    public Signal accept(String line) {
        boolean pool = migrationRun && line.contains("PoolExhaustedException");
        poolExhausted |= pool;
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            // a stack trace line; the exhausted pool may only show here, under its ERROR line
            if (!attachCause(line) && pool) {
                migrationErrors.add(line.strip());
            }
            return pool ? Signal.POOL_EXHAUSTED : Signal.NONE;
        }
        String level = m.group(1);
        String logger = m.group(2).strip();
        String message = m.group(3).strip();
        String shown = level + " {" + logger + "} - " + message;
        lastErrorList = null;

        boolean migrationLogger = isMigrationLogger(logger) || containsAny(message, MIGRATION_MARKERS);
        if (containsAny(message, MIGRATION_START)) {
            inMigration = true;
        }
        if (migrationLogger && !message.isBlank() && !message.chars().allMatch(c -> c == '.')) {
            lastMigrationEvent = message;
        }
        Signal signal = Signal.NONE;
        if (level.equals("ERROR") || level.equals("FATAL")) {
            boolean counts = migrationLogger || (inMigration && SQL_LOGGERS.contains(simpleName(logger))) || pool;
            lastErrorList = counts ? migrationErrors : otherErrors;
            lastErrorList.add(shown);
            lastErrorHasCause = false;
        }
        if (pool) {
            signal = Signal.POOL_EXHAUSTED;
        } else if (message.contains("Migration process was stopped")) {
            signal = Signal.MIGRATION_STOPPED;
        } else if (message.contains("Waiting for migration client")) {
            migrationErrors.add(shown);
            signal = Signal.CLIENT_MISSING;
        } else if (message.contains("Waiting for required OSGi services") && !inMigration) {
            if (++osgiWaits >= OSGI_WAITS_FOR_HANG) {
                otherErrors.add(shown);
                signal = Signal.OSGI_HANG;
            }
        } else if (message.contains("WSO2 Carbon started in")) {
            started = true;
            signal = Signal.STARTED;
        }
        if (containsAny(message, MIGRATION_END)) {
            inMigration = false;
        }
        return signal;
    }

    /** The first exception line after an ERROR line ("java.sql.SQLException: ...") explains it: keep it. */
    private boolean attachCause(String line) {
        String s = line.strip();
        if (lastErrorList == null || lastErrorHasCause || s.isEmpty() || s.startsWith("at ") || s.startsWith("...")) {
            return false;
        }
        if (migrationRun && line.contains("PoolExhaustedException") && lastErrorList != migrationErrors) {
            // the cause makes an unrelated ERROR line a migration failure
            String first = otherErrors.remove(otherErrors.size() - 1);
            migrationErrors.add(first);
            lastErrorList = migrationErrors;
        }
        int i = lastErrorList.size() - 1;
        lastErrorList.set(i, lastErrorList.get(i) + " | " + s);
        lastErrorHasCause = true;
        return true;
    }

    private static boolean isMigrationLogger(String logger) {
        return MIGRATION_LOGGERS.stream().anyMatch(logger::startsWith);
    }

    private static String simpleName(String logger) {
        return logger.substring(logger.lastIndexOf('.') + 1);
    }

    private static boolean containsAny(String s, List<String> needles) {
        return needles.stream().anyMatch(s::contains);
    }

    /** ERROR lines that fail the run: migration loggers, SQL/DAO errors during a migration, pool exhaustion. */
    public List<String> migrationErrors() {
        return List.copyOf(migrationErrors);
    }

    /** Other ERROR lines: reported as warnings, they do not fail the run. */
    public List<String> otherErrors() {
        return List.copyOf(otherErrors);
    }

    /** The last message of a migration logger, for progress lines; null before the first. */
    public String lastMigrationEvent() {
        return lastMigrationEvent;
    }

    public boolean started() {
        return started;
    }

    public boolean poolExhausted() {
        return poolExhausted;
    }
}
