package io.github.apimupgrade.core.steps.backup;

import io.github.apimupgrade.core.cluster.Placement;
import io.github.apimupgrade.core.api.BackupOptions;
import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;
import io.github.apimupgrade.core.steps.verify.Inventory;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The guides' first instruction ("back up all databases ... along with the Synapse configurations"), automated:
 * counts what the upgrade must keep, dumps every database the path changes (vendor tool, H2 SCRIPT or the JDBC
 * export), reads each dump back against the live row counts, archives the old home's data, and records it all
 * in a manifest (backup directory) and in the journal directory ({@code .apim-upgrade/backup.json}).
 * With {@code backup=external} the operator's reference replaces the dumps; with neither nothing runs.
 */
public final class BackupStep implements Step {
    public static final String ID = "backup";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Tools tools;

    public BackupStep() {
        this(Tools.onPath());
    }

    /** With the given tools (tests use {@link Tools#none()} to exercise the JDBC export). */
    public BackupStep(Tools tools) {
        this.tools = tools;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Before step 1 - back up every database and the old home's data, and count what the upgrade must keep";
    }

    /** Distributed deployments: the databases are dumped once, from the cluster's database node (the other nodes' homes are not changed by the upgrade). */
    @Override
    public Placement placement() {
        return Placement.ONCE;
    }

    /** Every database of the path: the dumps cover whatever the later steps change. */
    @Override
    public Set<DatasourceRole> databaseRoles() {
        return EnumSet.allOf(DatasourceRole.class);
    }

    @Override
    public StepPlan plan(StepContext ctx) {
        BackupOptions o = ctx.request().backup();
        StepPlan.Builder plan = StepPlan.builder(ID);
        if (o.mode() == BackupOptions.Mode.EXTERNAL && o.reference() == null) {
            throw UpgradeException.user(ErrorCode.BACKUP_REQUIRED, "backup=external needs the reference of the backup you took.",
                    "apim.upgrade.backupReference", "Set -Dapim.upgrade.backupReference=<snapshot id, ticket> (kept in the report), "
                            + "or use backup=dump with backupDirectory.");
        }
        if (o.mode() == BackupOptions.Mode.DUMP && o.directory() == null) {
            throw UpgradeException.user(ErrorCode.BACKUP_REQUIRED, "No backup: the upgrade changes the databases in place and cannot "
                            + "be undone without one, and no backupDirectory is set.", "apim.upgrade.backupDirectory",
                    "Set <backupDirectory> (or -Dapim.upgrade.backupDirectory) to a directory outside both homes for the dumps, "
                            + "or state your own snapshots with -Dapim.upgrade.backup=external -Dapim.upgrade.backupReference=<id>.");
        }
        Path runDir = null;
        if (o.directory() != null) {
            Path dir = o.directory().toAbsolutePath().normalize();
            for (Path home : List.of(ctx.newHome().home(), ctx.oldHome().home())) {
                Path h = home.toAbsolutePath().normalize();
                if (dir.startsWith(h)) {
                    throw UpgradeException.user(ErrorCode.BACKUP_REQUIRED, "The backup directory " + dir + " is inside the API Manager home "
                            + h + ".", "apim.upgrade.backupDirectory", "Choose a directory outside both homes (a backup inside an "
                            + "installation is lost or copied with it).");
                }
            }
            runDir = dir.resolve("apim-upgrade-" + ctx.path().from() + "-to-" + ctx.path().to() + "-" + STAMP.format(ctx.clock().instant()));
        }
        BackupRun run = new BackupRun(runDir);
        plan.action(new Action(PlannedAction.Kind.CHECK, "count tenants, APIs per tenant and state, revisions, applications, "
                + "subscriptions, users and roles per store, registry API artifacts (verify compares them at the end)", "",
                c -> {
                    run.inventory = Inventory.count(c.databases());
                    return ActionResult.of("counted before the upgrade: " + run.inventory);
                }));
        if (o.mode() == BackupOptions.Mode.EXTERNAL) {
            plan.note("backup=external: the operator's backup '" + o.reference() + "' replaces the dumps.");
        } else {
            List<String> unconfirmed = new ArrayList<>();
            for (Database db : ctx.databases().all()) {
                DatabaseDump dump = DatabaseDump.choose(db, tools);
                Path file = runDir.resolve(dump.fileName());
                if (dump.format() == DatabaseDump.Format.VENDOR_EXPORT) {
                    plan.manual("Export " + dump.label() + " with the database's own tool before the upgrade", dump.label(),
                            dump.vendorExportCommand(runDir));
                    if (!o.exportsConfirmed()) {
                        unconfirmed.add(dump.label() + ": " + dump.vendorExportCommand(runDir));
                    }
                } else if (dump.format() == DatabaseDump.Format.JDBC_EXPORT) {
                    plan.warning(dump.label() + ": " + dump.describe(file) + "; the JDBC export keeps tables, keys, indexes and rows, "
                            + "not views, triggers or grants: install the vendor client for a full dump.");
                }
                String details = dump.describe(file) + "\nrestore: " + dump.restoreCommand(file);
                plan.action(new Action(PlannedAction.Kind.FILE_WRITE, (dump.format() == DatabaseDump.Format.VENDOR_EXPORT
                        ? "record the operator's export of " : "dump ") + dump.label() + " (" + dump.format().id() + ")"
                        + (dump.format() == DatabaseDump.Format.VENDOR_EXPORT ? "" : " to " + file) + " and check it against the live row counts",
                        details, c -> {
                            BackupManifest.DumpRecord r = dump.take(db, run.directory(), c.redactor());
                            run.dumps.add(r);
                            return ActionResult.of(describe(r));
                        }));
            }
            if (!unconfirmed.isEmpty()) {
                throw UpgradeException.user(ErrorCode.BACKUP_REQUIRED, "The plugin cannot dump Oracle, SQL Server or DB2 databases itself; "
                                + "export them first:" + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", unconfirmed),
                        "apim.upgrade.backupExportsConfirmed", "Run the export commands, then run again with "
                                + "-Dapim.upgrade.backupExportsConfirmed=true (or backup=external with backupReference).");
            }
        }
        if (runDir != null) {
            Path zip = runDir.resolve("old-home-data.zip");
            List<String> sources = HomeArchive.present(ctx.oldHome().home());
            plan.action(new Action(PlannedAction.Kind.FILE_WRITE, "archive the old home's " + String.join(", ", sources) + " to " + zip,
                    "unzip -o " + zip + " -d " + ctx.oldHome().home().toAbsolutePath().normalize() + "   (restores them)", c -> {
                        run.directory();
                        BackupManifest.ArchiveRecord a = HomeArchive.write(c.oldHome().home(), zip);
                        run.archives.add(a);
                        return ActionResult.of("archived " + a.entries() + " files (" + a.sizeBytes() + " bytes, sha-256 " + a.sha256() + ") to " + a.file());
                    }));
        }
        if (ctx.node().clustered()) {
            // issue 17: the databases are the cluster's, dumped once; this archive is the database node's old home only
            List<String> others = ctx.node().cluster().nodes().stream().filter(n -> !n.databaseNode())
                    .map(n -> n.id() + " " + n.oldHome().toAbsolutePath().normalize()).toList();
            if (!others.isEmpty()) {
                plan.manual("Back up the other nodes' old homes (seed: \"back up the available configurations in the API Gateway "
                                + "node\"; the Synapse configurations are under repository/deployment/server/synapse-configs and "
                                + "repository/tenants): the backup step archives only node " + ctx.node().node().id() + "'s",
                        String.join(", ", others), "tar czf <node>-old-home.tgz repository/deployment repository/tenants repository/conf on each node");
            }
        }
        Path journalCopy = BackupManifest.journalFile(ctx.newHome().home());
        plan.action(new Action(PlannedAction.Kind.FILE_WRITE, "record the backup" + (runDir == null ? "" : " in " + runDir.resolve("manifest.json"))
                + " and " + journalCopy, "", c -> {
                    if (run.runDirectory != null) {
                        run.directory();
                    }
                    BackupManifest m = run.manifest(c);
                    if (m.directory() != null) {
                        m.write(run.runDirectory, c.newHome().home());
                    } else {
                        io.github.apimupgrade.core.files.SafeFiles.writeWithBackup(journalCopy, m.toJson(), c.clock());
                    }
                    return ActionResult.of("backup recorded in " + journalCopy + (m.reference() == null ? "" : " (external backup: " + m.reference() + ")")
                            + "; to return to the pre-upgrade state: mvn apim-upgrade:restore -Dapim.upgrade.restoreConfirmed=true");
                }));
        return plan.build();
    }

    static String describe(BackupManifest.DumpRecord r) {
        if (r.file() == null) {
            return r.database() + ": " + r.checked() + "; restore: " + r.restoreCommand();
        }
        return "dumped " + r.database() + " with " + r.toolVersion() + " to " + r.file() + " (" + r.sizeBytes() + " bytes, sha-256 "
                + r.sha256() + "); " + r.checked() + "; restore: " + r.restoreCommand();
    }

    /** One planned part of the backup; the plan shows its summary and details, apply runs it. */
    record Action(Kind kind, String summary, String details, Function<StepContext, ActionResult> body) implements PlannedAction {
        @Override
        public ActionResult apply(StepContext context) {
            return body.apply(context);
        }
    }
}
