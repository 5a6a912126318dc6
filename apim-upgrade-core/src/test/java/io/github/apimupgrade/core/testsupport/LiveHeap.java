package io.github.apimupgrade.core.testsupport;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;

/** The most heap in use right after any garbage collection since {@link #watch()}: the live set's high-water mark. */
final class LiveHeap {
    private static final AtomicLong PEAK = new AtomicLong();

    private LiveHeap() {
    }

    static void watch() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(e -> !e.getKey().contains("Metaspace") && !e.getKey().contains("Code")
                                    && !e.getKey().contains("Compressed"))
                            .map(java.util.Map.Entry::getValue).mapToLong(MemoryUsage::getUsed).sum();
                    PEAK.accumulateAndGet(used, Math::max);
                }, null, null);
            }
        }
    }

    static long peak() {
        return PEAK.get();
    }
}
