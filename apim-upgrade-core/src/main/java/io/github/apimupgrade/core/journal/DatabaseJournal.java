package io.github.apimupgrade.core.journal;

import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.db.HistoryTable;
import io.github.apimupgrade.core.event.EventSink;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The journal the databases keep: step-level rows in the APIM_UPGRADE_HISTORY of every database a step changes
 * (distinct from the script rows by their SCRIPT value, {@link HistoryTable#STEP_COMPLETED} and
 * {@link HistoryTable#RUN_SUCCEEDED}), each saying which run wrote it from which new home. A second pipeline or a
 * second node's new home pointed at the same databases reads them, so it does not migrate the data again.
 */
public final class DatabaseJournal {

    /**
     * What a database says about a step.
     *
     * @param kind     {@link HistoryTable#STEP_COMPLETED} or {@link HistoryTable#RUN_SUCCEEDED}
     * @param database the datasource name (WSO2AM_DB)
     * @param by       who recorded it: "by run ... from home ..." (and how, in brackets)
     */
    public record Fact(String stepId, String kind, String database, Instant at, String by) {
        public boolean completed() {
            return HistoryTable.STEP_COMPLETED.equals(kind);
        }

        /** "recorded in WSO2AM_DB's APIM_UPGRADE_HISTORY at ... by run ... from home ...". */
        public String describe() {
            return (completed() ? "step completed" : "migration run succeeded") + ", recorded in " + database + "'s "
                    + HistoryTable.TABLE + " at " + at + " " + (by == null ? "by an earlier run" : by);
        }
    }

    private final Databases databases;
    private final Function<String, Set<DatasourceRole>> rolesOfStep;
    private final Clock clock;
    private final String runId;
    private final String home;
    private final EventSink events;
    /** Steps recorded for a cluster (issue 17): one without a database of its own is recorded in the API-M database. */
    private java.util.function.Predicate<String> clusterStep = id -> false;

    /**
     * @param rolesOfStep the roles a step declares ({@code Step.databaseRoles()}), by step id
     */
    public DatabaseJournal(Databases databases, Function<String, Set<DatasourceRole>> rolesOfStep, Clock clock,
                           String runId, Path newHome, EventSink events) {
        this.databases = databases;
        this.rolesOfStep = rolesOfStep;
        this.clock = clock;
        this.runId = runId;
        this.home = newHome.toAbsolutePath().normalize().toString();
        this.events = events;
    }

    public String runId() {
        return runId;
    }

    /** "by run 3f2a... from home /opt/wso2am-4.1.0": the MESSAGE of the rows this run writes. */
    public String by() {
        return "by run " + runId + " from home " + home;
    }

    /**
     * The databases that record a step: those of its declared roles that the installation has; for a cluster step
     * without one (a backup that only archives, an analytics step without an analytics database), the API-M
     * database, which every node of the cluster reads.
     */
    public List<Database> databasesOf(String stepId) {
        List<Database> own = databases.of(rolesOfStep.apply(stepId));
        if (own.isEmpty() && clusterStep.test(stepId)) {
            return databases.of(Set.of(DatasourceRole.APIM_DB));
        }
        return own;
    }

    /** Which steps run once for a cluster of several nodes (their record must exist somewhere); returns this journal. */
    public DatabaseJournal withClusterSteps(java.util.function.Predicate<String> once) {
        this.clusterStep = once;
        return this;
    }

    /** What the databases say about one step: its newest completion and its newest successful migration run. */
    public record Facts(Fact completed, Fact run) {
        public static final Facts NONE = new Facts(null, null);

        /** The completion if recorded, else the run. */
        public Optional<Fact> strongest() {
            return Optional.ofNullable(completed != null ? completed : run);
        }
    }

    /** The step-level facts about a step in its databases, skipping {@code skip} (unreachable ones). */
    public Facts read(String stepId, Collection<Database> skip) {
        Fact completed = null;
        Fact run = null;
        for (Database db : databasesOf(stepId)) {
            if (skip.contains(db)) {
                continue;
            }
            for (HistoryTable.Entry e : new HistoryTable(db, clock).stepRows(stepId)) {
                if (!e.succeeded()) {
                    continue;
                }
                Fact f = new Fact(stepId, e.script(), db.datasource().name(), e.finished() == null ? e.started() : e.finished(),
                        e.message());
                if (f.completed()) {
                    completed = newer(completed, f);
                } else {
                    run = newer(run, f);
                }
            }
        }
        return new Facts(completed, run);
    }

    private static Fact newer(Fact a, Fact b) {
        return a == null || b.at().isAfter(a.at()) ? b : a;
    }

    /**
     * Records the step's completion in every database it changes; a failure is thrown (the step is not recorded).
     *
     * @param how null, or how it was done ("marked done by repair", "out of order")
     */
    public void recordCompleted(String stepId, String how) {
        for (Database db : databasesOf(stepId)) {
            new HistoryTable(db, clock).recordStep(stepId, HistoryTable.STEP_COMPLETED, by() + (how == null ? "" : " (" + how + ")"));
        }
    }

    /** The run's success, written from the server supervision before the server stops (the engine's {@code RunHistory}); problems only warn. */
    public void migrationRunSucceeded(String stepId, String what) {
        for (Database db : databasesOf(stepId)) {
            try {
                new HistoryTable(db, clock).recordStep(stepId, HistoryTable.RUN_SUCCEEDED, by() + " (" + what + ")");
                events.detail(stepId, "Recorded the " + what + "'s success in " + db.label() + "'s " + HistoryTable.TABLE);
            } catch (UpgradeException | IllegalStateException e) {
                events.warn(stepId, "Could not record the " + what + "'s success in " + db.label() + ": " + e.getMessage()
                        + " (the new home's run marker still records it)");
            }
        }
    }
}
