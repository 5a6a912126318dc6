package io.github.apimupgrade.core.steps.path31;

import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.files.SafeFiles;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.StepContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Replaces one tenant's tenant-conf.json in the registry database. The stored bytes are first copied to
 * {@code backup} (a file under the new home's {@code .apim-upgrade/backups/tenant-conf/}, named by tenant, content
 * id and the old content's hash, so a repeated run never overwrites an older backup with newer content).
 *
 * @param role     the datasource role holding the registry (config or shared_db)
 * @param conf     what the plan read
 * @param after    the new content
 * @param diff     unified diff of the pretty-printed JSON, shown by the plan
 * @param changes  one line per scope changed
 * @param backup   where the old content is kept
 */
public record UpdateTenantConfAction(DatasourceRole role, TenantConfRepository.TenantConf conf, String after,
                                     String diff, List<String> changes, Path backup) implements PlannedAction {

    public UpdateTenantConfAction {
        changes = List.copyOf(changes);
    }

    @Override
    public Kind kind() {
        return Kind.DATA_UPDATE;
    }

    @Override
    public String summary() {
        return "update " + conf.collection() + "/" + TenantConfRepository.NAME + " of " + conf.label()
                + " in " + role.tomlName() + " (" + changes.size() + " scope" + (changes.size() == 1 ? "" : "s")
                + " gain roles)";
    }

    @Override
    public String details() {
        return String.join("\n", changes) + "\n" + diff
                + "old content kept in " + backup + " before the update\n";
    }

    /** Writes the stored bytes to {@link #backup()} unless that file already holds them. */
    void keepBackup(StepContext context) {
        if (!Files.isRegularFile(backup) || !SafeFiles.sha256(backup).equals(conf.sha256())) {
            SafeFiles.writeWithBackup(backup, conf.content(), context.clock());
        }
    }

    @Override
    public ActionResult apply(StepContext context) {
        Database registry = context.databases().get(role);
        keepBackup(context);
        int rows = TenantConfRepository.replace(registry, conf, ScopeRoleMapper.utf8(after));
        return ActionResult.rows("updated the " + TenantConfRepository.NAME + " of " + conf.label() + " in "
                + registry.label() + " (old content in " + backup.getFileName() + ")", rows);
    }
}
