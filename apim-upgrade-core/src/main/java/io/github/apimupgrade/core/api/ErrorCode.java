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
    // engine (issues 12, 13): a single goal before the steps ahead of it (the way out is in the message)
    STEP_OUT_OF_ORDER
}
