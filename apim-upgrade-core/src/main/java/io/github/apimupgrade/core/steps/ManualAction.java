package io.github.apimupgrade.core.steps;

/**
 * Something the operator must still do by hand, with where and how. Reported by plan, the run and the report.
 *
 * @param stepId the step that found it
 * @param what   what has to be done
 * @param where  the file and element, datasource or directory concerned (may be null)
 * @param how    the exact command or edit (may be null)
 */
public record ManualAction(String stepId, String what, String where, String how) {

    public String describe() {
        StringBuilder sb = new StringBuilder(what);
        if (where != null && !where.isBlank()) {
            sb.append(" [").append(where).append(']');
        }
        if (how != null && !how.isBlank()) {
            sb.append(": ").append(how);
        }
        return sb.toString();
    }
}
