package io.github.apimupgrade.core.testsupport;

import io.github.apimupgrade.core.api.UpgradeRequest;
import io.github.apimupgrade.core.engine.UpgradeEngine;
import io.github.apimupgrade.core.event.UpgradeEvent;
import io.github.apimupgrade.core.report.RunReport;
import io.github.apimupgrade.core.server.ProcessLauncher;
import io.github.apimupgrade.core.steps.Step;
import io.github.apimupgrade.core.steps.StepCatalog;
import io.github.apimupgrade.core.steps.StepContext;
import io.github.apimupgrade.core.steps.StepPlan;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the engine's {@code plan} and then {@code migrate} on a {@link ScaleHome} in this JVM (a test starts it in a
 * child JVM with -Xmx256m; the benchmark times it). The real migrate-resources step runs; the other steps of the
 * path (server runs, databases) are stand-ins that plan nothing, so that only the file side is measured.
 * Prints "outcome plan=... migrate=... lines=... peakHeapMB=... peakLiveHeapMB=..." as its last line: peakHeapMB is the
 * most heap ever in use (garbage included: the JVM lets it grow to -Xmx before collecting), peakLiveHeapMB the most
 * heap still in use right after a garbage collection (what the run really holds).
 *
 * <p>Arguments: {@code <dir> <tenants> [plan|migrate|both]}.
 */
public final class PlanAtScale {
    private PlanAtScale() {
    }

    public static void main(String[] args) {
        LiveHeap.watch();
        Path dir = Path.of(args[0]);
        int tenants = Integer.parseInt(args[1]);
        String what = args.length > 2 ? args[2] : "both";
        ScaleHome home = ScaleHome.write(dir, tenants, "jdbc:h2:mem:scale" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        AtomicLong lines = new AtomicLong();
        StepCatalog catalog = catalog();
        UpgradeEngine engine = new UpgradeEngine(e -> {
            if (e.level() == UpgradeEvent.Level.LIFECYCLE || e.level() == UpgradeEvent.Level.PROGRESS) {
                lines.incrementAndGet();
            }
        }, Clock.systemUTC(), ProcessLauncher.system(), catalog);
        StringBuilder out = new StringBuilder("outcome");
        if (!what.equals("migrate")) {
            long t0 = System.nanoTime();
            RunReport r = engine.plan(request(home, dir.resolve("report-plan")));
            out.append(" plan=").append(r.outcome).append(" planMillis=").append((System.nanoTime() - t0) / 1_000_000);
        }
        if (!what.equals("plan")) {
            long t0 = System.nanoTime();
            RunReport r = engine.migrate(request(home, dir.resolve("report-migrate")));
            out.append(" migrate=").append(r.outcome).append(" migrateMillis=").append((System.nanoTime() - t0) / 1_000_000);
        }
        out.append(" lines=").append(lines.get()).append(" peakHeapMB=").append(peakHeap() / (1024 * 1024))
                .append(" peakLiveHeapMB=").append(LiveHeap.peak() / (1024 * 1024));
        System.out.println(out);
    }

    /** The real catalog, with every step but migrate-resources planning nothing. */
    public static StepCatalog catalog() {
        StepCatalog real = new StepCatalog();
        StepCatalog catalog = NoOpSteps.backupAndVerify(new StepCatalog());
        for (String id : new String[] {"prepare-config", "migrate-registry-versioning", "migrate-apim-db", "migrate-identity",
                "migrate-apim", "reindex", "migrate-analytics", "migrate-scope-roles", "finalize"}) {
            String title = real.get(id).title();
            catalog.register(id, () -> new Step() {
                @Override public String id() { return id; }
                @Override public String title() { return title + " (stand-in: plans nothing)"; }
                @Override public java.util.Set<io.github.apimupgrade.core.config.DatasourceRole> databaseRoles() { return java.util.Set.of(); }
                @Override public StepPlan plan(StepContext c) { return StepPlan.builder(id).note("stand-in").build(); }
            });
        }
        return catalog;
    }

    private static UpgradeRequest request(ScaleHome home, Path reports) {
        return UpgradeRequest.builder().oldHome(home.oldHome).newHome(home.newHome).allowH2(true).reportDirectory(reports).build();
    }

    /** Peak used heap over all heap pools since the JVM started (after the runs: includes garbage not yet collected). */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
