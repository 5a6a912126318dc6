package io.github.apimupgrade.core.steps.backup;

import io.github.apimupgrade.core.api.ErrorCode;
import io.github.apimupgrade.core.api.UpgradeException;
import io.github.apimupgrade.core.config.DatasourceRole;
import io.github.apimupgrade.core.db.Database;
import io.github.apimupgrade.core.files.SafeFiles;
import io.github.apimupgrade.core.journal.JournalFile;
import io.github.apimupgrade.core.steps.ActionResult;
import io.github.apimupgrade.core.steps.PlannedAction;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepOutcome;
import io.github.apimupgrade.core.steps.StepPlan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The way back (the restore goal, not part of a path): every recorded dump loaded into its emptied database and
 * checked against the recorded row counts, the old home's archived files that differ put back, and the new home's
 * journal moved aside (the new home itself is upgraded: unpack a fresh one before upgrading again). Refuses to
 * change anything without {@code restoreConfirmed}; the plan (dry run) lists the exact commands.
 */
public final class RestoreStep implements Step {
    public static final String ID = "restore";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private final Tools tools;

    public RestoreStep() {
        this(Tools.onPath());
    }

    public RestoreStep(Tools tools) {
        this.tools = tools;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Restore the pre-upgrade state from the recorded dumps";
    }

    @Override
    public Set<DatasourceRole> databaseRoles() {
        return EnumSet.allOf(DatasourceRole.class);
    }

    @Override
    public StepPlan plan(StepContext ctx) {
        Path record = BackupManifest.journalFile(ctx.newHome().home());
        BackupManifest m = BackupManifest.read(ctx.newHome().home()).orElseThrow(() -> UpgradeException.user(ErrorCode.BACKUP_REQUIRED,
                "No backup is recorded for this new home (" + record + " is missing).", record.toString(),
                "Restore from the manifest.json of your backup directory by hand (each dump's restoreCommand), or from your own snapshots."));
        StepPlan.Builder plan = StepPlan.builder(ID);
        if (m.dumps().isEmpty()) {
            plan.manual("Restore your external backup", m.reference(), "the plugin took no dumps (backup=external)");
        }
        for (BackupManifest.DumpRecord d : m.dumps()) {
            if (d.file() == null) {
                plan.manual("Restore " + d.database() + " from the operator's export", d.database(), d.restoreCommand());
                continue;
            }
            DatasourceRole role = DatasourceRole.fromParameterName(d.roles().get(0)).orElseThrow();
            plan.action(new Action(PlannedAction.Kind.SQL, "empty " + d.database() + " and load " + d.file() + " (" + d.format() + ", sha-256 "
                    + d.sha256() + "), then compare " + d.tableCounts().size() + " tables' row counts", "restore: " + d.restoreCommand(), c -> {
                        Database db = c.databases().get(role);
                        var after = DatabaseDump.restore(d, db, tools, c.redactor());
                        return ActionResult.rows("restored " + d.database() + " from " + d.file() + ": " + after.size()
                                + " tables, row counts equal to the backup", after.values().stream().mapToLong(Long::longValue).sum());
                    }));
        }
        for (BackupManifest.ArchiveRecord a : m.archives()) {
            plan.action(new Action(PlannedAction.Kind.FILE_COPY, "put back the old home's files that differ from " + a.file(),
                    "unzip -o " + a.file() + " -d " + m.oldHome(), c -> restoreArchive(a, Path.of(m.oldHome()))));
        }
        Path journal = JournalFile.location(ctx.newHome().home());
        plan.action(new Action(PlannedAction.Kind.FILE_COPY, "move the journal " + journal + " and " + record + " aside", "", c -> {
            String suffix = ".restored-" + STAMP.format(c.clock().instant());
            try {
                for (Path f : List.of(journal, record)) {
                    if (Files.exists(f)) {
                        Files.move(f, f.resolveSibling(f.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
                    }
                }
            } catch (IOException e) {
                throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot move the journal aside: " + e.getMessage(), journal.toString(), null, e);
            }
            return ActionResult.of("journal moved aside (" + suffix + "): unpack a fresh " + c.newHome().version()
                    + " home before upgrading again");
        }));
        return plan.build();
    }

    @Override
    public StepOutcome apply(StepPlan plan, StepContext ctx) {
        if (!ctx.request().backup().restoreConfirmed()) {
            List<String> lines = new ArrayList<>();
            plan.actions().forEach(a -> lines.add(a.summary()));
            throw UpgradeException.user(ErrorCode.RESTORE_NOT_CONFIRMED, "restore empties the upgrade's databases and loads the "
                            + "pre-upgrade dumps; it needs an explicit confirmation. It would:" + System.lineSeparator() + "  - "
                            + String.join(System.lineSeparator() + "  - ", lines), "apim.upgrade.restoreConfirmed",
                    "Stop every API Manager node, then run mvn apim-upgrade:restore -Dapim.upgrade.restoreConfirmed=true "
                            + "(or the commands in the plan: -Dapim.upgrade.dryRun=true).");
        }
        return Step.super.apply(plan, ctx);
    }

    private static ActionResult restoreArchive(BackupManifest.ArchiveRecord a, Path oldHome) {
        Path zip = Path.of(a.file());
        if (!Files.isRegularFile(zip) || !SafeFiles.sha256(zip).equals(a.sha256())) {
            throw UpgradeException.user(ErrorCode.BACKUP_FAILED, "The archive " + zip + " is missing or no longer has its recorded sha-256.",
                    zip.toString(), "Put the original archive back; the databases are already restored.");
        }
        int restored = 0;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            Path root = oldHome.toAbsolutePath().normalize();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || e.isDirectory()) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = z.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                if (Files.isRegularFile(target) && SafeFiles.sha256(target).equals(SafeFiles.sha256(bytes))) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                SafeFiles.writeWithBackup(target, bytes, java.time.Clock.systemUTC());
                restored++;
            }
        } catch (IOException e) {
            throw UpgradeException.environment(ErrorCode.IO_ERROR, "Cannot read " + zip + ": " + e.getMessage(), zip.toString(), null, e);
        }
        return ActionResult.of("old home: " + restored + " file(s) put back from " + zip + " (the others were unchanged)");
    }

    record Action(Kind kind, String summary, String details, java.util.function.Function<StepContext, ActionResult> body) implements PlannedAction {
        @Override
        public ActionResult apply(StepContext context) {
            return body.apply(context);
        }
    }
}
