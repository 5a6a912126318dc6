package io.github.apimupgrade.core.steps.db;

import io.github.apimupgrade.core.cluster.Placement;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.SqlScript;
import io.github.apimupgrade.core.db.dialect.SqlScripts;
import io.github.apimupgrade.core.path.StepOptions;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;

import java.util.List;
import java.util.Set;

/**
 * The AM_DB scripts the path's options list, in order. 3.0.0 -> 3.1.0 (seed 004 step 2.3): the AM_DB schema changes (AM_API_CATEGORIES, AM_SYSTEM_APPS.TENANT_DOMAIN and
 * its unique index, AM_USER, AM_SECURITY_AUDIT_UUID_MAPPING) on the API-M database, followed by what WSO2's own
 * 3.1.0 AM_DB has beyond the guide (IDN_UMA_* tables, AM_CERTIFICATE_METADATA widths, AM_SYSTEM_APPS keys). A step of its own because the
 * guide runs this script before the identity migration, and the API-M client only after it. The re-runnable
 * script never drops a table (the seed's PostgreSQL text starts with DROP TABLE IF EXISTS); the runner records it
 * in APIM_UPGRADE_HISTORY and skips what is already there.
 */
public final class MigrateApimDbStep implements Step {
    public static final String ID = "migrate-apim-db";

    @Override
    public String id() {
        return ID;
    }

    /** Distributed deployments: a database script: once for the cluster. */
    @Override
    public Placement placement() {
        return Placement.ONCE;
    }

    /** The AM_DB schema script. */
    @Override
    public Set<DatasourceRole> databaseRoles() {
        return Set.of(DatasourceRole.APIM_DB);
    }

    /** Everything it changes is in the database: a database that records it done makes it done for every new home. */
    @Override
    public boolean changesNewHome() {
        return false;
    }

    @Override
    public String title() {
        return "Step 2.3 - upgrade the API Manager database (AM_DB)";
    }

    @Override
    public StepPlan plan(StepContext context) {
        Database db = context.databases().get(DatasourceRole.APIM_DB);
        List<String> scripts = context.path().options(StepOptions.MigrateApimDb.class).scripts();
        StepPlan.Builder plan = StepPlan.builder(ID);
        // 3.0.0 -> 3.1.0: the guide's script, then what WSO2's own 3.1.0 AM_DB has beyond it: the IDN_UMA_* tables
        // (3.0.0's AM_DB has none, and neither the guide nor the 5.9 -> 5.10 identity client creates them) and the
        // widths and keys of am-db-310-schema. Separate scripts, so a database that already ran the first is not refused.
        for (String id : scripts) {
            SqlScript script = SqlScript.of(SqlScripts.load(id, db.dialect()));
            plan.action(SqlScriptAction.of(ID, DatasourceRole.APIM_DB, db, script, context.redactor()));
        }
        return plan
                .note("Statements whose table, column or index already exists are skipped, so a re-run completes the step.")
                .build();
    }
}
