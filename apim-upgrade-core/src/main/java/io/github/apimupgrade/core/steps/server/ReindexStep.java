package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.ServerOptions;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.config.toml.TomlEditor;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.SqlScript;
import io.github.apimupgrade.core.db.dialect.SqlScripts;
import io.github.apimupgrade.core.path.UpgradePath;
import io.github.apimupgrade.core.server.ServerRun;
import io.github.apimupgrade.core.steps.CopyFileAction;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepOutcome;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.steps.db.SqlScriptAction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.Set;

/**
 * Seed 000 step 5 / seed 004 step 2.6: re-index the registry artifacts. For 3.x targets reg-index.sql first trims
 * REG_LOG on SHARED_DB. Per node (the new home, then each of
 * apim.upgrade.server.nodeHomes with nodeDelay between them): [indexing] re_indexing one more than before, the solr
 * directory backed up and removed, the tenant loader in dropins for this start when the installation has tenants,
 * a plain start until "WSO2 Carbon started", stop, tenant loader removed.
 */
public final class ReindexStep implements Step {
    public static final String ID = "reindex";
    /** The REG_LOG compaction script of the SQL catalog. */
    static final String REG_INDEX = "reg-index";

    @Override
    public String id() {
        return ID;
    }

    /** REG_LOG clean-up on the registry database; the restarted server re-indexes the registry and opens every database. */
    @Override
    public Set<DatasourceRole> databaseRoles() {
        return Set.of(DatasourceRole.APIM_DB, DatasourceRole.SHARED_DB, DatasourceRole.USER_DB, DatasourceRole.CONFIG_DB);
    }

    @Override
    public String title() {
        return "Step 5 - re-index the API Manager artifacts";
    }

    @Override
    public StepPlan plan(StepContext context) {
        UpgradePath path = context.path();
        ServerOptions options = context.request().server();
        Path newHome = context.newHome().home();
        List<Path> nodes = new ArrayList<>();
        nodes.add(newHome);
        nodes.addAll(options.nodeHomes());
        nodes.forEach(n -> ServerSteps.requireScript(n, path.serverScript()));
        boolean tenants = hasTenants(context);
        StepPlan.Builder plan = StepPlan.builder(ID);
        regIndexScript(context, plan);
        if (tenants && options.tenantLoader() == null) {
            plan.warning("The installation has tenants, but no tenant loader is configured: tenant APIs stay "
                    + "un-indexed until someone logs in to each tenant.");
            plan.manual("Re-index tenant registries with tenantloader-1.0.jar (the guide's re-index step)",
                    "apim.upgrade.tenantLoader", "set it to tenantloader-1.0.jar and run reindex again");
        } else if (options.tenantLoader() != null && !Files.isRegularFile(options.tenantLoader())) {
            throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED, "The tenant loader " + options.tenantLoader()
                    + " does not exist.", "apim.upgrade.tenantLoader", "Point it at tenantloader-1.0.jar.");
        }
        for (int i = 0; i < nodes.size(); i++) {
            Path node = nodes.get(i);
            boolean main = i == 0;
            String label = main ? "" : " of node " + node;
            Path tomlFile = main ? context.deploymentToml() : node.resolve("repository/conf/deployment.toml");
            TomlEditor toml = ServerSteps.toml(context, tomlFile);
            long next = toml.getLong("indexing", "re_indexing").orElse(0L) + 1;
            toml.set("indexing", "re_indexing", next);
            WriteFileAction write = ServerSteps.tomlWrite(context, tomlFile, toml);
            if (write != null) {
                plan.action(write);
            }
            Path solr = node.resolve("solr");
            if (context.workspace().exists(solr)) {
                plan.action(new MoveToBackupAction(solr, main ? "solr" : solr.toString()));
            }
            Path loader = null;
            if (tenants && options.tenantLoader() != null) {
                loader = ServerSteps.dropins(node).resolve(options.tenantLoader().getFileName());
                CopyFileAction.unlessIdentical(options.tenantLoader(), loader, options.tenantLoader().toString(),
                        ServerSteps.display(context, loader), "the tenant loader for the re-index start" + label).ifPresent(plan::action);
            }
            ServerRun run = ServerRun.start(node, path.serverScript(), "re-index start" + label, options.startTimeout());
            plan.action(new ServerRunAction(ID, run, ServerRunAction.Mode.START, tomlFile, false, context));
            if (loader != null) {
                plan.action(new DeletePathsAction(List.of(loader), node, "the tenant loader is only for the re-index start", true));
            }
            if (i < nodes.size() - 1 && !options.nodeDelay().isZero()) {
                plan.action(new WaitAction(options.nodeDelay(), "re-indexing loads the database; one node after another"));
            }
        }
        plan.note("Re-indexing continues in the background after the start; large registries take a while before all "
                + "APIs are visible again.");
        return plan.build();
    }

    /**
     * Seed 004 step 2.6.1: the effect of WSO2's reg-index.sql on SHARED_DB before the start (from 4.0.0 on, the API-M
     * client runs it itself at the end of its migration).
     */
    private static void regIndexScript(StepContext context, StepPlan.Builder plan) {
        if (!Versions.atLeast(context.path().to(), "4.0.0")) {
            Database db = context.databases().get(DatasourceRole.SHARED_DB);
            plan.action(SqlScriptAction.of(ID, DatasourceRole.SHARED_DB, db, regIndex(db), context.redactor()));
        }
    }

    /**
     * The SQL catalog's set-based REG_LOG compaction for the database's dialect ({@code sql/reg-index/<dialect>.sql}:
     * the end state of WSO2's script, checked by RegIndexCompactionEquivalenceTest, fast on large REG_LOG tables).
     */
    static SqlScript regIndex(Database db) {
        SqlScripts.Script s = SqlScripts.load(REG_INDEX, db.dialect());
        return SqlScript.of(s.name(), db.dialect().id(), s.text());
    }

    /** Tenant directories (repository/tenants/<id>) in the old home. */
    static boolean hasTenants(StepContext context) {
        if (context.oldHome() == null) {
            return false;
        }
        Path tenants = context.oldHome().home().resolve("repository").resolve("tenants");
        if (!Files.isDirectory(tenants)) {
            return false;
        }
        try (Stream<Path> s = Files.list(tenants)) {
            return s.anyMatch(p -> Files.isDirectory(p) && p.getFileName().toString().matches("\\d+"));
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot list " + tenants + ": " + e.getMessage(),
                    tenants.toString(), "Check permissions.", e);
        }
    }

    @Override
    public StepOutcome apply(StepPlan plan, StepContext context) {
        return ServerSteps.applyWithCleanup(this, plan, context);
    }
}
