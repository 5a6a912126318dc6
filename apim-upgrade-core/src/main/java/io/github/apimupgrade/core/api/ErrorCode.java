package io.github.apimupgrade.core.api;

/** Stable error codes: printed with every failure so operators and scripts can match on them. */
public enum ErrorCode {
    HOME_NOT_FOUND,
    VERSION_UNDETECTED,
    VERSION_MISMATCH,
    UNSUPPORTED_PATH,
    MALFORMED_FILE,
    DATASOURCE_MISSING,
    DATASOURCE_UNREACHABLE,
    CREDENTIALS,
    DRIVER_MISSING,
    H2_NOT_ALLOWED,
    PRECONDITION_FAILED,
    LOCK_HELD,
    PENDING_CHANGES,
    STEP_FAILED_EARLIER,
    UNKNOWN_STEP,
    SCRIPT_FAILED,
    SCRIPT_CHANGED,
    SERVER_FAILED,
    SERVER_TIMEOUT,
    MIGRATION_ERRORS_LOGGED,
    IO_ERROR,
    INTERNAL,

    // database sessions and locks (issues 12, 13)
    /** The run's database lock is no longer held by its session (the server closed it): the run stops. */
    LOCK_LOST,
    /** Sessions of an earlier apim-upgrade run still execute on a database, and waiting for them timed out. */
    EARLIER_RUN_ACTIVE,
    /** Other clients (a WSO2 server, typically) are connected to a database the run would change. */
    CLIENTS_CONNECTED,
    // backup, verify and restore (issue 16)
    BACKUP_REQUIRED,
    BACKUP_FAILED,
    VERIFY_FAILED,
    RESTORE_NOT_CONFIRMED,
    // run safety (issue 13): a signal stopped the run; a server of the home is already running; a path the plan
    // writes is not writable
    CANCELLED,
    SERVER_RUNNING,
    NOT_WRITABLE,
    // engine (issues 12, 13): a single goal before the steps ahead of it (the way out is in the message)
    STEP_OUT_OF_ORDER,
    // distributed deployments (issue 17): a bad <nodes> model (unknown profile or node id, duplicate id, a profile
    // the home's own configuration contradicts); a node's step waits for the cluster step another node runs
    CLUSTER_CONFIG,
    CLUSTER_STEP_PENDING
}
