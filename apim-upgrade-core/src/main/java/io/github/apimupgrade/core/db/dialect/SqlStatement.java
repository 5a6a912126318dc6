package io.github.apimupgrade.core.db.dialect;

/**
 * One executable statement cut out of a script, without its terminator.
 *
 * @param text the statement as the driver receives it
 * @param line 1-based line in the script where the statement starts (for error messages)
 */
public record SqlStatement(String text, int line) {
}
