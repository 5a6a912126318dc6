package io.github.apimupgrade.core.steps.server;

import io.github.apimupgrade.core.cluster.Placement;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.ServerOptions;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.config.toml.TomlEditor;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.db.SqlScript;
import io.github.apimupgrade.core.db.dialect.SqlScripts;
import io.github.apimupgrade.core.path.StepOptions;
import io.github.apimupgrade.core.path.UpgradePath;
import io.github.apimupgrade.core.server.ServerRun;
import io.github.apimupgrade.core.steps.CopyFileAction;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepOutcome;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.WriteFileAction;
import io.github.apimupgrade.core.steps.db.SqlScriptAction;

import io.github.apimupgrade.core.server.CarbonServer;
import io.github.apimupgrade.core.server.Sleeper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.Set;

/**
 * Seed 000 step 5 / seed 004 step 2.6: re-index the registry artifacts. For 3.x targets reg-index.sql first trims
 * REG_LOG on SHARED_DB. On each indexing node of a distributed deployment (its own row, Publisher and Devportal /
 * control plane, one node after another: nodeDelay before a node whose predecessor re-indexed in the same run), and
 * in the one-node case on the new home: [indexing] re_indexing one more than before, the solr
 * directory backed up and removed, the tenant loader in dropins for this start when the installation has tenants
 * (active rows of UM_TENANT in the user-management database), a start that keeps the server running until the
 * registry indexer has finished ({@link IndexingWait}: the new Solr index unchanged for several indexer cycles,
 * bounded by the migration timeout), stop, tenant loader removed.
 */
public final class ReindexStep implements Step {
    public static final String ID = "reindex";
    /** The REG_LOG compaction script of the SQL catalog. */
    static final String REG_INDEX = "reg-index";

    @Override
    public String id() {
        return ID;
    }

    /** Distributed deployments: seed 000 step 5: on the Publisher and Devportal nodes, one after another. */
    @Override
    public Placement placement() {
        return Placement.INDEXING_NODES;
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
        Path node = context.newHome().home();
        ServerSteps.requireScript(node, path.serverScript());
        List<String> tenantDomains = activeTenants(context);
        boolean tenants = !tenantDomains.isEmpty();
        StepPlan.Builder plan = StepPlan.builder(ID);
        java.time.Duration wait = context.node().waitBeforeIndexing(options.nodeDelay());
        if (!wait.isZero()) {
            // seed 000 step 5: "keep a delay between nodes ... as the database can experience a large load"
            plan.action(new WaitAction(wait, "node " + context.node().indexedBefore() + " re-indexed just before; re-indexing "
                    + "loads the database, one node after another (apim.upgrade.nodeDelay " + options.nodeDelay() + ")"));
        }
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
        String label = context.node().clustered() ? " of " + context.node().label() : "";
        Path tomlFile = context.deploymentToml();
        TomlEditor toml = ServerSteps.toml(context, tomlFile);
        long next = toml.getLong("indexing", "re_indexing").orElse(0L) + 1;
        toml.set("indexing", "re_indexing", next);
        WriteFileAction write = ServerSteps.tomlWrite(context, tomlFile, toml);
        if (write != null) {
            plan.action(write);
        }
        Path solr = node.resolve("solr");
        if (context.workspace().exists(solr)) {
            plan.action(new MoveToBackupAction(solr, "solr"));
        }
        Path loader = null;
        if (tenants && options.tenantLoader() != null) {
            // seed 004 step 2.6.2: the tenant loader on the Store and Publisher nodes, the nodes that re-index
            loader = ServerSteps.dropins(node).resolve(options.tenantLoader().getFileName());
            CopyFileAction.unlessIdentical(options.tenantLoader(), loader, options.tenantLoader().toString(),
                    ServerSteps.display(context, loader), "the tenant loader for the re-index start" + label).ifPresent(plan::action);
        }
        ServerRun run = ServerRun.start(node, path.serverScript(), "re-index start" + label, options.startTimeout());
        Duration quiet = quietPeriod(toml);
        plan.action(new ServerRunAction(ID, run, ServerRunAction.Mode.START, tomlFile, false, context)
                .afterStart(c -> new IndexingWait(solr, quiet, options.migrationTimeout(), options.progressInterval(),
                                c.events(), ID, c.clock(), Sleeper.system()),
                        "keep the server running until the registry indexer has finished (the new " + solr
                                + " index unchanged for " + CarbonServer.human(quiet) + ", at most "
                                + CarbonServer.human(options.migrationTimeout()) + ")"
                                + (tenants ? "; the tenant loader loads " + tenantDomains.size() + " tenant(s)" : "")));
        if (loader != null) {
            plan.action(new DeletePathsAction(List.of(loader), node, "the tenant loader is only for the re-index start", true));
        }
        if (tenants) {
            plan.note("Tenants to index (UM_TENANT, active): " + String.join(", ", tenantDomains.size() > 20
                    ? tenantDomains.subList(0, 20) : tenantDomains) + (tenantDomains.size() > 20 ? " and "
                    + (tenantDomains.size() - 20) + " more" : "") + ".");
        }
        return plan.build();
    }

    /**
     * The path's scripts on SHARED_DB before the start: seed 004 step 2.6.1, the effect of WSO2's reg-index.sql
     * (from 4.0.0 on, the API-M client runs it itself at the end of its migration, so those paths list none).
     */
    private static void regIndexScript(StepContext context, StepPlan.Builder plan) {
        List<String> scripts = context.path().options(StepOptions.Reindex.class).sharedDbScripts();
        if (!scripts.isEmpty()) {
            Database db = context.databases().get(DatasourceRole.SHARED_DB);
            for (String id : scripts) {
                plan.action(SqlScriptAction.of(ID, DatasourceRole.SHARED_DB, db, script(id, db), context.redactor()));
            }
        }
    }

    /**
     * The SQL catalog's set-based REG_LOG compaction for the database's dialect ({@code sql/reg-index/<dialect>.sql}:
     * the end state of WSO2's script, checked by RegIndexCompactionEquivalenceTest, fast on large REG_LOG tables).
     */
    static SqlScript regIndex(Database db) {
        return script(REG_INDEX, db);
    }

    private static SqlScript script(String id, Database db) {
        SqlScripts.Script s = SqlScripts.load(id, db.dialect());
        return SqlScript.of(s.name(), db.dialect().id(), s.text());
    }

    /**
     * The indexer runs every [indexing] frequency seconds (registry.xml indexingFrequencyInSeconds); an index unchanged
     * for several of its cycles is finished. WSO2's default when the key is absent is taken as 5 s.
     */
    static Duration quietPeriod(TomlEditor toml) {
        long frequency = toml.getLong("indexing", "frequency").orElse(DEFAULT_INDEXING_FREQUENCY_SECONDS);
        return Duration.ofSeconds(Math.max(2, QUIET_CYCLES * Math.max(1, frequency)));
    }

    static final long DEFAULT_INDEXING_FREQUENCY_SECONDS = 5;
    static final int QUIET_CYCLES = 4;

    /**
     * The active tenants' domains from UM_TENANT in the user-management database (the shared database when the
     * user store was never split): the tenants the server knows, whatever directories the homes have.
     */
    static List<String> activeTenants(StepContext context) {
        Database db = context.databases().find(DatasourceRole.USER_DB)
                .orElseGet(() -> context.databases().get(DatasourceRole.SHARED_DB));
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT UM_DOMAIN_NAME, UM_ACTIVE FROM UM_TENANT ORDER BY UM_ID")) {
            while (rs.next()) {
                if (rs.getBoolean(2)) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw UpgradeException.environment(ErrorCode.PRECONDITION_FAILED, "Cannot read the tenants (UM_TENANT) from "
                    + db.label() + ": " + e.getMessage(), db.label(), "Check that the user-management tables are in "
                    + "this database (apim.upgrade datasources, role userDb or sharedDb) and readable.", e);
        }
        return out;
    }

    @Override
    public StepOutcome apply(StepPlan plan, StepContext context) {
        return ServerSteps.applyWithCleanup(this, plan, context);
    }
}
