package io.github.apimupgrade.core.steps.path31;

import io.github.apimupgrade.core.cluster.Placement;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.config.xml.XmlDocument;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.files.UnifiedDiff;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepOutcome;
import io.github.apimupgrade.core.steps.StepPlan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Seed 004, "Important": in 3.1.0 the Publisher and Developer Portal log in through REST API scopes, and
 * tenant-conf.json maps those scopes to the internal roles only. Given {@code scopeRoleMappings} (custom role ->
 * internal role whose scopes it needs), this step adds each custom role to every scope that names the internal
 * role, in every tenant's tenant-conf.json, directly in the registry database. Without a mapping it lists the
 * custom roles of the user store as a manual action.
 *
 * <p>Runs after the 3.1.0 server has started once (migrate-apim, migrate-identity or reindex; best between reindex
 * and finalize, so that finalize's restart loads the result): a migration run may rewrite tenant-conf.json, and a
 * server running during this step would overwrite the change from its cache.
 */
public final class ScopeRoleMappingStep implements Step {
    public static final String ID = "migrate-scope-roles";
    static final String MIGRATE_APIM = "migrate-apim";
    private static final String APPLICATION_DATA = "/apimgt/applicationdata";
    /** Steps that start the 3.1.0 server; one of them must have finished first. */
    static final List<String> SERVER_STEPS = List.of(MIGRATE_APIM, "migrate-identity", "reindex");

    @Override
    public String id() {
        return ID;
    }

    /** Distributed deployments: tenant-conf.json lives in the shared registry: once for the cluster. */
    @Override
    public Placement placement() {
        return Placement.ONCE;
    }

    /** Tenant-conf.json in the registry (config mount, else the registry database); the user store lists the roles. */
    @Override
    public Set<DatasourceRole> databaseRoles() {
        return Set.of(DatasourceRole.CONFIG_DB, DatasourceRole.SHARED_DB, DatasourceRole.USER_DB);
    }

    /** Everything it changes is in the database: a database that records it done makes it done for every new home. */
    @Override
    public boolean changesNewHome() {
        return false;
    }

    @Override
    public String title() {
        return "Seed 004 Important - map custom roles to the REST API scopes in every tenant-conf.json";
    }

    @Override
    public StepPlan plan(StepContext context) {
        StepPlan.Builder plan = StepPlan.builder(ID);
        Map<String, String> mapping = validated(context.request().analytics().scopeRoleMappings());
        DatasourceRole registryRole = context.databases().find(DatasourceRole.CONFIG_DB).isPresent()
                ? DatasourceRole.CONFIG_DB : DatasourceRole.SHARED_DB;
        Database registry = context.databases().get(registryRole);
        Database userStore = context.databases().find(DatasourceRole.USER_DB).orElse(registry);

        plan.note("Runs with the API-M servers stopped, after the 3.1.0 server has started once ("
                + String.join(", ", SERVER_STEPS) + "): a migration run may rewrite tenant-conf.json, and a running "
                + "server would overwrite this change from its cache.");
        if (context.journal() != null
                && SERVER_STEPS.stream().noneMatch(s -> context.journal().get(s).state().isDone())) {
            plan.warning("The 3.1.0 server has not run yet (none of " + String.join(", ", SERVER_STEPS) + " has "
                    + "finished): a later migration run may still rewrite tenant-conf.json. Run " + ID + " after them.");
        }

        Map<Integer, String> domains = TenantConfRepository.tenantDomains(userStore);
        String collection = configCollection(context);
        if (!collection.equals(TenantConfRepository.COLLECTION)) {
            plan.note("The old registry.xml mounts /_system/config at " + collection.substring(0,
                    collection.length() - APPLICATION_DATA.length()) + ": tenant-conf.json is stored under " + collection + ".");
        }
        List<TenantConfRepository.TenantConf> confs = TenantConfRepository.readAll(registry, collection, domains);
        var roles = UserStoreRoles.customRoles(userStore);
        if (mapping.isEmpty()) {
            planWithoutMapping(plan, roles.orElse(null), userStore);
            return plan.build();
        }
        if (confs.isEmpty()) {
            plan.warning("No " + TenantConfRepository.NAME + " found under " + collection
                    + " in " + registry.label() + ": the 3.1.0 server creates it at its first start. Run " + ID
                    + " again after it has started once.");
            return plan.build();
        }

        Set<String> rolesSeen = new HashSet<>();
        Path backups = backupDirectory(context);
        for (TenantConfRepository.TenantConf conf : confs) {
            String where = TenantConfRepository.NAME + " of " + conf.label() + " in " + registry.label();
            ScopeRoleMapper.Result result = ScopeRoleMapper.map(conf.content(), mapping, where);
            rolesSeen.addAll(ScopeRoleMapper.rolesInScopes(conf.content(), where));
            if (!result.hasScopes()) {
                plan.warning("The " + where + " has no RESTAPIScopes.Scope list: nothing to map. Check it in the "
                        + "Management Console (Main > Resource > Browse).");
            } else if (!result.changed()) {
                plan.note("The " + where + " already maps every configured custom role: nothing to change.");
            } else {
                String display = "registry/" + conf.tenantId() + conf.collection() + "/" + TenantConfRepository.NAME;
                Path backup = backups.resolve("tenant-conf.tenant" + conf.tenantId() + ".content" + conf.contentId()
                        + "." + conf.sha256().substring(0, 12) + ".json");
                plan.action(new UpdateTenantConfAction(registryRole, conf, result.after(),
                        context.redactor().redact(UnifiedDiff.of(display, result.before(), result.after())),
                        result.changes(), backup));
            }
        }
        mapping.forEach((custom, internal) -> {
            if (!rolesSeen.contains(internal.toLowerCase(Locale.ROOT))) {
                plan.warning("scopeRoleMappings maps '" + custom + "' to '" + internal + "', but no scope of any "
                        + "tenant-conf.json names '" + internal + "': that mapping adds nothing.");
            }
        });
        roles.ifPresent(found -> {
            List<String> unmapped = found.keySet().stream()
                    .filter(r -> mapping.keySet().stream().noneMatch(r::equalsIgnoreCase)).toList();
            if (!unmapped.isEmpty()) {
                plan.note("Custom roles in " + userStore.label() + " left unmapped (on purpose?): "
                        + String.join(", ", unmapped) + ".");
            }
        });
        return plan.build();
    }

    /**
     * Writes the tenants in batches of {@link TenantConfRepository#BATCH}: one transaction and three round trips per
     * batch instead of per tenant (seconds per thousand tenants on a remote database). Backups are written before
     * each batch; a tenant changed since the plan fails its batch, which is rolled back (earlier batches stay: a
     * second run finds them mapped and skips them).
     */
    @Override
    public StepOutcome apply(StepPlan plan, StepContext context) {
        StepOutcome.Builder outcome = StepOutcome.builder();
        List<UpdateTenantConfAction> batch = new ArrayList<>();
        for (PlannedAction action : plan.actions()) {
            if (action instanceof UpdateTenantConfAction u
                    && (batch.isEmpty() || batch.get(0).role() == u.role())) {
                batch.add(u);
                if (batch.size() == TenantConfRepository.BATCH) {
                    outcome.add(applyBatch(batch, context));
                    batch.clear();
                }
                continue;
            }
            if (!batch.isEmpty()) {
                outcome.add(applyBatch(batch, context));
                batch.clear();
            }
            if (action instanceof UpdateTenantConfAction u) {
                batch.add(u); // another registry role than the batch before it
                continue;
            }
            context.events().progress(ID, action.summary());
            outcome.add(action.apply(context));
        }
        if (!batch.isEmpty()) {
            outcome.add(applyBatch(batch, context));
        }
        return outcome.build();
    }

    private static ActionResult applyBatch(List<UpdateTenantConfAction> batch, StepContext context) {
        Database registry = context.databases().get(batch.get(0).role());
        List<TenantConfRepository.Replacement> replacements = new ArrayList<>();
        for (UpdateTenantConfAction a : batch) {
            a.keepBackup(context);
            replacements.add(new TenantConfRepository.Replacement(a.conf(), ScopeRoleMapper.utf8(a.after())));
        }
        String tenants = batch.size() == 1 ? batch.get(0).conf().label()
                : batch.size() + " tenants (" + batch.get(0).conf().label() + " to " + batch.get(batch.size() - 1).conf().label() + ")";
        context.events().progress(ID, "updating the " + TenantConfRepository.NAME + " of " + tenants + " in " + registry.label());
        int rows = TenantConfRepository.replaceAll(registry, replacements);
        return ActionResult.rows("updated the " + TenantConfRepository.NAME + " of " + tenants + " in " + registry.label()
                + " (old contents in " + batch.get(0).backup().getParent().getFileName() + "/)", rows);
    }

    private static void planWithoutMapping(StepPlan.Builder plan, Map<String, Set<Integer>> roles, Database userStore) {
        if (roles == null) {
            plan.note("No UM_ROLE table in " + userStore.label() + " (an LDAP or AD user store?): custom roles "
                    + "cannot be listed. If users with custom roles use the Publisher or Developer Portal, configure "
                    + "scopeRoleMappings.");
            return;
        }
        if (roles.isEmpty()) {
            plan.note("The user store (" + userStore.label() + ") has no custom roles: the default scope-role "
                    + "mapping of the internal roles is enough.");
            return;
        }
        String listed = roles.entrySet().stream()
                .map(e -> e.getKey() + " (tenant " + e.getValue().stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining(", "));
        plan.manual("Map the custom roles " + listed + " to the REST API scopes they need: in 3.1.0 users log in "
                        + "to the Publisher and Developer Portal through scopes, and tenant-conf.json grants them to "
                        + "the internal roles only",
                "registry " + TenantConfRepository.COLLECTION + "/" + TenantConfRepository.NAME + " of every tenant ("
                        + userStore.label() + ")",
                "configure scopeRoleMappings in the plugin (custom role -> internal role, e.g. apicreator -> "
                        + "Internal/creator) and run " + ID + " again, or edit each tenant-conf.json in the "
                        + "Management Console (Main > Resource > Browse > Edit as Text)");
    }

    private static Map<String, String> validated(Map<String, String> mapping) {
        Map<String, String> out = new LinkedHashMap<>();
        if (mapping == null) {
            return out;
        }
        mapping.forEach((custom, internal) -> {
            if (custom == null || custom.isBlank() || internal == null || internal.isBlank()) {
                throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED,
                        "scopeRoleMappings has an entry with an empty role: '" + custom + "' -> '" + internal + "'.",
                        "<scopeRoleMappings>",
                        "Give every entry a custom role name and the internal role it maps to, e.g. "
                                + "<apicreator>Internal/creator</apicreator>.");
            }
            if (custom.contains(",") || internal.contains(",")) {
                throw UpgradeException.user(ErrorCode.PRECONDITION_FAILED,
                        "scopeRoleMappings entry '" + custom + "' -> '" + internal + "' contains a comma; "
                                + "tenant-conf.json separates roles with commas.", "<scopeRoleMappings>",
                        "Map one role per entry.");
            }
            out.put(custom.strip(), internal.strip());
        });
        return out;
    }

    /**
     * Where /_system/config/apimgt/applicationdata is stored: registry.xml may mount /_system/config at another
     * target path (e.g. /_system/nodes in clustered set-ups), and the registry tables hold the target path.
     */
    static String configCollection(StepContext context) {
        Path registryXml = context.oldHome().conf().resolve("registry.xml");
        if (!Files.isRegularFile(registryXml)) {
            return TenantConfRepository.COLLECTION;
        }
        XmlDocument reg = XmlDocument.parse(registryXml);
        return reg.element("/wso2registry/mount[@path='/_system/config']")
                .flatMap(m -> reg.text(m, "targetPath"))
                .map(String::strip)
                .filter(t -> t.startsWith("/"))
                .map(t -> (t.endsWith("/") ? t.substring(0, t.length() - 1) : t) + APPLICATION_DATA)
                .orElse(TenantConfRepository.COLLECTION);
    }

    private static Path backupDirectory(StepContext context) {
        return context.newHome().home().resolve(JournalFile.DIRECTORY).resolve("backups").resolve("tenant-conf");
    }
}
