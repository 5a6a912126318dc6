package io.github.apimupgrade.core.steps.db;

import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.ScriptRunner;
import io.github.apimupgrade.core.db.SqlScript;
import io.github.apimupgrade.core.db.dialect.SqlStatement;
import io.github.apimupgrade.core.event.Redactor;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;

import java.util.List;
import java.util.Objects;

/**
 * A SQL script in a step's plan: which database, which script, and the statements exactly as they will run.
 * Applying it runs the script through {@link ScriptRunner} (history, skip when already applied, one transaction or
 * guarded statements). The engine holds the database's {@link io.github.apimupgrade.core.db.DatabaseLock}.
 */
public final class SqlScriptAction implements PlannedAction, ScriptPlan {
    private final String stepId;
    private final DatasourceRole role;
    private final String databaseLabel;
    private final String databaseFile;
    private final String dialectId;
    private final SqlScript script;
    private final List<SqlStatement> statements;
    private final String details;

    private SqlScriptAction(String stepId, DatasourceRole role, String databaseLabel, String databaseFile, String dialectId,
                            SqlScript script, List<SqlStatement> statements, String details) {
        this.stepId = stepId;
        this.role = role;
        this.databaseLabel = databaseLabel;
        this.databaseFile = databaseFile;
        this.dialectId = dialectId;
        this.script = script;
        this.statements = List.copyOf(statements);
        this.details = details;
    }

    /** Plans {@code script} for the database playing {@code role}; splits it with that database's dialect. */
    public static SqlScriptAction of(String stepId, DatasourceRole role, Database database, SqlScript script,
                                     Redactor redactor) {
        Objects.requireNonNull(script);
        List<SqlStatement> statements = database.dialect().split(script.text());
        StringBuilder sb = new StringBuilder();
        sb.append("-- ").append(script.id()).append(" (sha-256 ").append(script.sha256()).append(") on ")
                .append(database.label()).append(", ")
                .append(database.dialect().supportsDdlTransactions() ? "one transaction" : "each statement guarded")
                .append('\n');
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement s = statements.get(i);
            sb.append("-- statement ").append(i + 1).append(" (line ").append(s.line()).append(")\n")
                    .append(s.text()).append(";\n");
        }
        String file = String.join("+", database.roles().stream().map(DatasourceRole::tomlName).sorted().toList())
                + "-" + database.datasource().name();
        return new SqlScriptAction(stepId, role, database.label(), file, database.dialect().id(), script, statements,
                redactor.redact(sb.toString()));
    }

    @Override
    public SqlScriptAction scriptAction() {
        return this;
    }

    /** The step that runs it. */
    public String stepId() {
        return stepId;
    }

    /** "WSO2REG_DB (shared_db)". */
    public String databaseLabel() {
        return databaseLabel;
    }

    /** "shared_db-WSO2REG_DB": the roles and datasource name, for a file of this database's statements. */
    public String databaseFileName() {
        return databaseFile;
    }

    /** The database's dialect id (postgresql, mysql, oracle, ...). */
    public String dialectId() {
        return dialectId;
    }

    public SqlScript script() {
        return script;
    }

    public DatasourceRole role() {
        return role;
    }

    public List<SqlStatement> statements() {
        return statements;
    }

    @Override
    public Kind kind() {
        return Kind.SQL;
    }

    @Override
    public String summary() {
        return "run " + script.id() + " on " + databaseLabel + " (" + statements.size() + " statements)";
    }

    @Override
    public String details() {
        return details;
    }

    /** Runs the script (what {@link #apply} does), returning the runner's result with rows per statement. */
    public ScriptRunner.Result run(StepContext context) {
        Database db = context.databases().get(role);
        return ScriptRunner.of(db, context.events(), context.redactor(), context.clock()).run(stepId, script);
    }

    /** One line for the result: ran or skipped, rows, time. */
    public String describe(ScriptRunner.Result r) {
        return r.skipped()
                ? script.id() + " already applied on " + databaseLabel + ": skipped"
                : "ran " + script.id() + " on " + databaseLabel + ": " + r.rows() + " rows in " + r.took().toMillis() + " ms"
                        + (r.guarded() > 0 ? " (" + r.guarded() + " statements already in effect, skipped)" : "");
    }

    @Override
    public ActionResult apply(StepContext context) {
        ScriptRunner.Result r = run(context);
        return new ActionResult(describe(r), r.skipped() ? 0 : r.rows(), List.of());
    }
}
