package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;

import java.time.Duration;
import java.util.List;

/**
 * How a supervised server run ended.
 *
 * @param run             what was started
 * @param status          the outcome
 * @param migrationErrors ERROR lines that fail the run (migration loggers, SQL errors during a migration)
 * @param otherErrors     other ERROR lines (warnings)
 * @param logTail         the last lines of this run's log (or of the console when the log stayed empty)
 * @param duration        from start until the decision
 * @param exitCode        the process exit code when it exited by itself, else null
 * @param lastEvent       the last migration event seen, or null
 * @param migrationErrorCount how many migration ERROR lines there were ({@code migrationErrors} is a sample)
 * @param warnings        WARN lines of the migration clients (a sample), e.g. the validators' findings
 * @param missingProofs   what the run did not prove (the meanings of the proofs not logged)
 * @param stepStarted     a client logged that it started changing the databases
 * @param firstLine       the first line of the log when its pattern was unreadable; why the wait after the start
 *                        failed ({@link Status#AFTER_START_FAILED}); else null
 */
public record ServerResult(ServerRun run, Status status, List<String> migrationErrors, List<String> otherErrors,
                           List<String> logTail, Duration duration, Integer exitCode, String lastEvent,
                           long migrationErrorCount, List<String> warnings, List<String> missingProofs,
                           boolean stepStarted, String firstLine) {

    public enum Status {
        /** Started ("WSO2 Carbon started") without migration ERROR lines. */
        SUCCEEDED,
        /** Started, but migration ERROR lines were logged (the clients still log "Successfully completed"). */
        MIGRATION_ERRORS,
        /** Started, but no log line proves the migration client ran (its jar is missing or not matching). */
        CLIENT_DID_NOT_RUN,
        /** The identity client logged "Migration process was stopped." */
        MIGRATION_STOPPED,
        /** The identity run exhausted the registry connection pool. */
        POOL_EXHAUSTED,
        /** "Waiting for migration client.": the client jar is not in dropins. */
        CLIENT_MISSING,
        /** Repeated "Waiting for required OSGi services". */
        HUNG,
        /** The process exited before "WSO2 Carbon started". */
        CRASHED,
        /** Not one line in wso2carbon.log within the start timeout: the server logs elsewhere or never got going. */
        NO_LOG,
        /** No "WSO2 Carbon started" within the timeout. */
        TIMED_OUT,
        /** The build was interrupted; the server was stopped. */
        INTERRUPTED,
        /** An exception escaped a migration client (FrameworkEvent ERROR, the kernel's startup finalizer failed). */
        CLIENT_CRASHED,
        /** The log's lines have no level / {logger} part this supervisor can read. */
        LOG_UNREADABLE,
        /** Started, but what had to finish with the server running (re-indexing) did not. */
        AFTER_START_FAILED
    }

    /** A result without the findings of the newer fields (tests, callers that only know the status). */
    public ServerResult(ServerRun run, Status status, List<String> migrationErrors, List<String> otherErrors,
                        List<String> logTail, Duration duration, Integer exitCode, String lastEvent) {
        this(run, status, migrationErrors, otherErrors, logTail, duration, exitCode, lastEvent, migrationErrors.size(),
                List.of(), List.of(), false, null);
    }

    public ServerResult {
        migrationErrors = List.copyOf(migrationErrors);
        otherErrors = List.copyOf(otherErrors);
        logTail = List.copyOf(logTail);
        warnings = List.copyOf(warnings);
        missingProofs = List.copyOf(missingProofs);
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    /** The failure as the engine reports it (the caller decides whether to throw). */
    public UpgradeException toException() {
        String nl = System.lineSeparator();
        String log = run.logFile().toString();
        String head = "The " + run.purpose() + " (" + run.display(false) + ") ";
        return switch (status) {
            case SUCCEEDED -> throw new IllegalStateException("not a failure");
            case MIGRATION_ERRORS, MIGRATION_STOPPED -> UpgradeException.environment(ErrorCode.MIGRATION_ERRORS_LOGGED,
                    head + (status == Status.MIGRATION_STOPPED ? "was stopped by the migration client" : "logged "
                            + migrationErrorCount + " migration ERROR line(s)")
                            + " (WSO2's client still reports success; it did not succeed):" + nl + list(migrationErrors),
                    log, "Fix the cause named in these lines, restore the database backups taken before this step "
                            + "(WSO2's scripts are not idempotent), then run the goal again.", null);
            case CLIENT_DID_NOT_RUN -> UpgradeException.environment(ErrorCode.SERVER_FAILED,
                    head + "started the server, but the migration client did not do its work, so nothing (or not "
                            + "everything) was migrated. Not logged: " + String.join("; ", missingProofs)
                            + (lastEvent == null ? " (the client logged nothing)." : ". Last migration event: "
                            + lastEvent + "."), log,
                    "Check that the migration client jar is in repository/components/dropins and matches this API "
                            + "Manager version (apim.upgrade.identityMigrationClient / apimMigrationClient); for the "
                            + "identity client, that migration-resources/migration-config.yaml has migrationEnable "
                            + "\"true\" and a currentVersion listed under versions; for the API-M client, that "
                            + "-DmigrateFromVersion is a version it migrates from.", null);
            case CLIENT_CRASHED -> UpgradeException.environment(ErrorCode.MIGRATION_ERRORS_LOGGED,
                    head + (run.proof().isEmpty() ? "crashed: the kernel's start-up failed and the server will not "
                            + "finish starting:" : "crashed: an exception escaped the migration client and the server "
                            + "will not finish starting:") + nl + list(migrationErrors), log,
                    "A NoSuchMethodError or NoClassDefFoundError means a client built for another API Manager "
                            + "version or update level: use the client release for this pack. Restore the database "
                            + "backups taken before this step if a migration step had started"
                            + (stepStarted ? " (one had)" : " (none had)") + ", then run the goal again.", null);
            case AFTER_START_FAILED -> UpgradeException.environment(ErrorCode.SERVER_TIMEOUT,
                    head + "started, but " + firstLine + "; the server was stopped.", log,
                    "Large registries take long to re-index: raise apim.upgrade.server.migrationTimeout, then run "
                            + "the goal again (re-indexing is repeatable).", null);
            case LOG_UNREADABLE -> UpgradeException.environment(ErrorCode.SERVER_FAILED,
                    head + "writes log lines apim-upgrade cannot read: no line has a level followed by {logger} - "
                            + "(first line: " + firstLine + "); configured pattern: " + run.configuredLogPattern()
                            .orElse("(none found in repository/conf/log4j2.properties)") + ".", log,
                    "Keep %5p {%c} - %m%ex in appender.CARBON_LOGFILE.layout.pattern (the stock pattern is "
                            + "TID: [%tenantId] [%appName] [%d] %5p {%c} - %m%ex%n; a prefix before %5p may change).",
                    null);
            case POOL_EXHAUSTED -> UpgradeException.environment(ErrorCode.MIGRATION_ERRORS_LOGGED,
                    head + "exhausted the database connection pool:" + nl + list(migrationErrors), log,
                    "Add [indexing] frequency = 10 to deployment.toml for the identity run (or set "
                            + "apim.upgrade.retryWithIndexingFrequency=true), then run the goal again.", null);
            case CLIENT_MISSING -> UpgradeException.environment(ErrorCode.SERVER_FAILED,
                    head + "waits for a migration client that is not installed (\"Waiting for migration client.\"); "
                            + "the server would hang forever.", log,
                    "Put the identity migration client jar (org.wso2.carbon.is.migration-x.x.x.jar) into "
                            + "repository/components/dropins: check apim.upgrade.identityMigrationClient points at "
                            + "the wso2is-migration zip or directory.", null);
            case HUNG -> UpgradeException.environment(ErrorCode.SERVER_TIMEOUT,
                    head + "hangs: it keeps waiting for required OSGi services." + nl + tail(), log,
                    "A bundle the server needs did not start; the services it waits for are named in the log. "
                            + "A migration client jar that does not match this API Manager version is the usual cause.",
                    null);
            case CRASHED -> UpgradeException.environment(ErrorCode.SERVER_FAILED,
                    head + "exited" + (exitCode == null ? "" : " with code " + exitCode) + " before the server started."
                            + nl + tail(), log,
                    "See the log tail above; check JAVA_HOME (apim.upgrade.server.javaHome) and the JVM options.", null);
            case NO_LOG -> UpgradeException.environment(ErrorCode.SERVER_FAILED,
                    head + "wrote nothing to " + run.logFile() + " within the start timeout; apim-upgrade decides the "
                            + "outcome from that file." + nl + tail(), log,
                    "Keep the stock log4j2 CARBON_LOGFILE appender (repository/logs/wso2carbon.log); if the server is "
                            + "just slow to start, raise apim.upgrade.server.startTimeout.", null);
            case TIMED_OUT -> UpgradeException.environment(ErrorCode.SERVER_TIMEOUT,
                    head + "did not finish within " + run.timeout() + (lastEvent == null ? "" : "; last migration event: "
                            + lastEvent) + "." + nl + tail(), log,
                    "If it is just slow (large identity tables can take hours), raise apim.upgrade.server."
                            + "migrationTimeout or startTimeout; otherwise see the log. The server was stopped.", null);
            case INTERRUPTED -> UpgradeException.environment(ErrorCode.SERVER_FAILED,
                    head + "was interrupted; the server was stopped.", log,
                    "Restore the database backups taken before this step if the migration had started, then run the "
                            + "goal again.", null);
        };
    }

    private String tail() {
        return logTail.isEmpty() ? "(the log is empty)" : "Last log lines:" + System.lineSeparator() + list(logTail);
    }

    private static String list(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            if (sb.length() > 0) {
                sb.append(System.lineSeparator());
            }
            sb.append("  ").append(l);
        }
        return sb.toString();
    }
}
