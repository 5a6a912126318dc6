package io.github.apimupgrade.core.steps.db;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The clean-up script, then the check that it did its job: no link row without REG_PATH_ID and no orphaned
 * REG_PROPERTY / REG_TAG / REG_COMMENT / REG_RATING row in the cleaned tables. Reports the rows removed per table.
 */
final class RegistryCleanupAction implements PlannedAction {
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
        Map<String, Long> before = RegistryTables.counts(db, links);
        ActionResult ran = script.apply(context);
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
        long removed = 0;
        List<String> perTable = new ArrayList<>();
        for (Map.Entry<String, Long> e : before.entrySet()) {
            long gone = e.getValue() - after.get(e.getKey());
            removed += gone;
            perTable.add(e.getKey() + " -" + gone + " (" + after.get(e.getKey()) + " left)");
        }
        String summary = ran.summary() + "; verified, rows removed: " + String.join(", ", perTable);
        context.events().progress(MigrateRegistryVersioningStep.ID, summary);
        return new ActionResult(summary, Math.max(ran.rows(), removed), ran.warnings());
    }
}
