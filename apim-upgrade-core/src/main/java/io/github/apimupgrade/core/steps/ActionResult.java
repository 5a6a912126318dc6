package io.github.apimupgrade.core.steps;

import java.util.List;

/**
 * What one applied action did.
 *
 * @param summary  one line for the log and the report
 * @param rows     rows changed in a database (0 for file actions)
 * @param warnings things the operator should know
 */
public record ActionResult(String summary, long rows, List<String> warnings) {

    public static ActionResult of(String summary) {
        return new ActionResult(summary, 0, List.of());
    }

    public static ActionResult rows(String summary, long rows) {
        return new ActionResult(summary, rows, List.of());
    }
}
