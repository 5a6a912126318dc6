package io.github.apimupgrade.core.steps.db;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;

import io.github.apimupgrade.core.db.ScriptRunner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clean-up script, then the check that it did its job: no link row without REG_PATH_ID and no orphaned
 * REG_PROPERTY / REG_TAG / REG_COMMENT / REG_RATING row in the cleaned tables. Reports the rows removed per table.
 */
final class RegistryCleanupAction implements PlannedAction, ScriptPlan {
    private static final Pattern DELETE_FROM = Pattern.compile("(?is)^\\s*DELETE\\s+(?:\\w+\\s+)?FROM\\s+(\\w+)");
    private final SqlScriptAction script;
    private final List<RegistryTables.Link> links;

    RegistryCleanupAction(SqlScriptAction script, List<RegistryTables.Link> links) {
        this.script = script;
        this.links = List.copyOf(links);
    }

    SqlScriptAction script() {
        return script;
    }

    @Override
    public SqlScriptAction scriptAction() {
        return script;
    }

    @Override
    public Kind kind() {
        return Kind.SQL;
    }

    @Override
    public String summary() {
        return script.summary();
    }

    @Override
    public String details() {
        StringBuilder sb = new StringBuilder(script.details());
        sb.append("-- afterwards: verify that no row of ");
        sb.append(String.join(", ", links.stream().map(RegistryTables.Link::table).toList()));
        sb.append(" has a NULL REG_PATH_ID and no row of ");
        sb.append(String.join(", ", links.stream().map(RegistryTables.Link::target).toList()));
        sb.append(" is orphaned\n");
        return sb.toString();
    }

    @Override
    public ActionResult apply(StepContext context) {
        Database db = context.databases().get(DatasourceRole.SHARED_DB);
        ScriptRunner.Result ran = script.run(context);
        // rows removed per table from the DELETE statements' own counts (counting 2 M-row tables costs seconds)
        Map<String, Long> removed = new LinkedHashMap<>();
        links.forEach(l -> {
            removed.put(l.table(), 0L);
            removed.put(l.target(), 0L);
        });
        for (int i = 0; i < ran.statementRows().size(); i++) {
            Matcher m = DELETE_FROM.matcher(script.statements().get(i).text());
            if (m.find() && removed.containsKey(m.group(1).toUpperCase(Locale.ROOT))) {
                removed.merge(m.group(1).toUpperCase(Locale.ROOT), ran.statementRows().get(i), Long::sum);
            }
        }
        Map<String, Long> after = RegistryTables.counts(db, links);

        List<String> problems = new ArrayList<>();
        for (RegistryTables.Link l : links) {
            long nullPath = RegistryTables.nullPathRows(db, l);
            if (nullPath > 0) {
                problems.add(nullPath + " rows of " + l.table() + " have no REG_PATH_ID");
            }
            long orphans = RegistryTables.orphans(db, l);
            if (orphans > 0) {
                problems.add(orphans + " rows of " + l.target() + " are referenced by no " + l.table() + " row");
            }
        }
        if (!problems.isEmpty()) {
            throw UpgradeException.environment(ErrorCode.SCRIPT_FAILED,
                    "The registry versioning clean-up on " + db.label() + " left versioned data behind: "
                            + String.join("; ", problems) + ".",
                    db.datasource().origin(),
                    "Something wrote to the registry during the clean-up (is an API Manager server running on it?). "
                            + "Stop it and run the goal again.", null);
        }
        List<String> perTable = new ArrayList<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            perTable.add(e.getKey() + (ran.skipped() ? "" : " -" + removed.get(e.getKey())) + " (" + e.getValue() + " left)");
        }
        String summary = script.describe(ran) + "; verified, " + (ran.skipped() ? "rows: " : "rows removed: ")
                + String.join(", ", perTable);
        context.events().progress(MigrateRegistryVersioningStep.ID, summary);
        return new ActionResult(summary, ran.skipped() ? 0 : ran.rows(), List.of());
    }
}
