package io.github.apimupgrade.core.steps;

/**
 * A preflight check's result. {@link Severity#ERROR} findings stop {@code migrate} before anything changes;
 * {@code plan} collects them all and fails once at the end (like maven-enforcer's rules).
 */
public record Finding(Severity severity, String check, String message, String location, String hint) {

    public enum Severity { INFO, WARN, ERROR }

    public static Finding info(String check, String message) {
        return new Finding(Severity.INFO, check, message, null, null);
    }

    public static Finding warn(String check, String message, String location, String hint) {
        return new Finding(Severity.WARN, check, message, location, hint);
    }

    public static Finding error(String check, String message, String location, String hint) {
        return new Finding(Severity.ERROR, check, message, location, hint);
    }

    public String describe() {
        StringBuilder sb = new StringBuilder("[").append(check).append("] ").append(message);
        if (location != null && !location.isBlank()) {
            sb.append(" (").append(location).append(')');
        }
        if (hint != null && !hint.isBlank()) {
            sb.append(" -> ").append(hint);
        }
        return sb.toString();
    }
}
