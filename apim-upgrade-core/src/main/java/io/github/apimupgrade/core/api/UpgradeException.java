package io.github.apimupgrade.core.api;

import java.util.Objects;

/**
 * The one exception type the engine throws. It carries a stable {@link ErrorCode}, where the problem is
 * (a file and line, a POM element, a datasource), and the fix. {@link Kind} tells the Maven side whether the
 * user has to fix input ({@code MojoFailureException}) or the tool/environment failed ({@code MojoExecutionException}).
 * Messages never contain secrets: build them from redacted values.
 */
public class UpgradeException extends RuntimeException {

    /** Who has to act. */
    public enum Kind {
        /** Bad configuration, failed precondition, lock held, pending changes in gate mode. */
        USER,
        /** A script, the server process or the machine failed. */
        ENVIRONMENT
    }

    private final ErrorCode code;
    private final Kind kind;
    private final String location;
    private final String hint;

    public UpgradeException(ErrorCode code, Kind kind, String message, String location, String hint, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code);
        this.kind = Objects.requireNonNull(kind);
        this.location = location;
        this.hint = hint;
    }

    public static UpgradeException user(ErrorCode code, String message, String location, String hint) {
        return new UpgradeException(code, Kind.USER, message, location, hint, null);
    }

    public static UpgradeException user(ErrorCode code, String message, String location, String hint, Throwable cause) {
        return new UpgradeException(code, Kind.USER, message, location, hint, cause);
    }

    public static UpgradeException environment(ErrorCode code, String message, String location, String hint, Throwable cause) {
        return new UpgradeException(code, Kind.ENVIRONMENT, message, location, hint, cause);
    }

    public ErrorCode code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /** File[:line], POM element or datasource the problem is in; may be null. */
    public String location() {
        return location;
    }

    /** What the operator should do next; may be null. */
    public String hint() {
        return hint;
    }

    /** One multi-line text for logs: code, message, location and hint. */
    public String describe() {
        StringBuilder sb = new StringBuilder("[").append(code).append("] ").append(getMessage());
        if (location != null && !location.isBlank()) {
            sb.append(System.lineSeparator()).append("  at: ").append(location);
        }
        if (hint != null && !hint.isBlank()) {
            sb.append(System.lineSeparator()).append("  fix: ").append(hint);
        }
        return sb.toString();
    }
}
