package io.github.apimupgrade.core.steps.backup;

import io.github.apimupgrade.core.api.BackupOptions;
import io.github.apimupgrade.core.steps.StepContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What one applied backup step has taken so far; its actions fill it, the last one writes it as the manifest. */
final class BackupRun {
    final Path runDirectory;
    final List<BackupManifest.DumpRecord> dumps = new ArrayList<>();
    final List<BackupManifest.ArchiveRecord> archives = new ArrayList<>();
    Map<String, Long> inventory = Map.of();

    BackupRun(Path runDirectory) {
        this.runDirectory = runDirectory;
    }

    /** Creates the user's directory (700 when new) and this run's directory (always 700). */
    Path directory() {
        if (runDirectory != null && !Files.isDirectory(runDirectory)) {
            Path parent = runDirectory.getParent();
            if (parent != null && !Files.exists(parent)) {
                PrivateFiles.directory(parent);
            }
            PrivateFiles.directory(runDirectory);
        }
        return runDirectory;
    }

    BackupManifest manifest(StepContext ctx) {
        BackupOptions o = ctx.request().backup();
        return new BackupManifest(ctx.clock().instant(), ctx.path().id(), ctx.oldHome().home().toAbsolutePath().normalize().toString(),
                o.mode().name().toLowerCase(java.util.Locale.ROOT), o.reference(),
                runDirectory == null ? null : runDirectory.toAbsolutePath().toString(), List.copyOf(dumps), List.copyOf(archives),
                Map.copyOf(inventory));
    }
}
