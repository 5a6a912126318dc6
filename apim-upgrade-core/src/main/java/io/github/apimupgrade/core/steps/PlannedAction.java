package io.github.apimupgrade.core.steps;

/**
 * One change a step will make: a file written, copied or removed, a SQL script, a server run. The plan holds
 * these; dry run prints {@link #summary()} and {@link #details()}; the run calls {@link #apply(StepContext)}.
 */
public interface PlannedAction {

    enum Kind { FILE_WRITE, FILE_COPY, FILE_DELETE, SQL, SERVER_RUN, DATA_UPDATE, CHECK }

    Kind kind();

    /** One line: "write repository/conf/deployment.toml (+12 -1 lines)". */
    String summary();

    /** Everything the plan shows for it: a unified diff, the SQL text, the command line. Redacted. May be empty. */
    String details();

    /** Carries the change out. */
    ActionResult apply(StepContext context);

    /**
     * Dry run only: makes the change visible to the plans of later steps without touching the disk
     * (e.g. a planned TOML write is read back by the next step). Most actions have nothing to simulate.
     */
    default void simulate(Workspace workspace) {
    }

    /**
     * Where reports count this action instead of listing it with its details (a directory as shown, e.g.
     * "[new] repository/tenants/1"): routine file copies of a big tree are counted per directory and listed in
     * files.txt. Null (the default): the action is listed with its details.
     */
    default String countedUnder() {
        return null;
    }

    /**
     * The files and directories {@link #apply} creates, replaces or deletes on disk (a file's directory also gets
     * its temp file and backup). The engine checks every pending step's before the first change (issue 13: with
     * dropins read-only the run rewrote deployment.toml and deleted registry rows before failing). Database
     * changes are not paths: none by default.
     */
    default java.util.List<java.nio.file.Path> writes() {
        return java.util.List.of();
    }
}
