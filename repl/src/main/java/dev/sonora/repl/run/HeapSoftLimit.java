package dev.sonora.repl.run;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/**
 * Live: keeps ZGC's soft heap limit ({@code -XX:SoftMaxHeapSize}, which the launcher sets to
 * 256 MB) at least twice the data left after a collection, so the heap stays small and warm
 * while the set's data fits and grows when it does not (a large sample library).
 *
 * <p>Why: left to its defaults, ZGC lets the heap grow to 10, 20, then 30 % of the maximum (0.6,
 * 1.2, 1.8 GB here) before its first collections, committing fresh memory all the while. The live
 * JVM pre-touches what it commits ({@code -XX:+AlwaysPreTouch}, so the audio thread never faults
 * on a fresh page), on the thread that asked for it: a JS loop making garbage stalled the Lang
 * thread by 60–130 ms whenever the heap took another 32 MB page, and the soak's few late events
 * after warm-up fell at such stalls (on this project's VM the growth also made JACK miss
 * periods). Under a soft limit the collector runs earlier and hands back memory already touched
 * (docs/performance.md, "Late events after warm-up: the heap's growth").
 *
 * <p>Only when the option was given on the command line and the collector is ZGC; otherwise
 * {@link #start} does nothing. Started and closed on any non-audio thread; the JVM calls the
 * listener on its notification thread, which alone changes the limit.
 */
public final class HeapSoftLimit implements AutoCloseable {
    static final String OPTION = "SoftMaxHeapSize";
    static final long STEP = 64L << 20;

    private final HotSpotDiagnosticMXBean hotspot;
    private final Set<String> heapPools;
    private final long max;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::collected;
    private volatile long limit;

    private HeapSoftLimit(HotSpotDiagnosticMXBean hotspot, Set<String> heapPools, long limit, long max) {
        this.hotspot = hotspot;
        this.heapPools = heapPools;
        this.limit = limit;
        this.max = max;
    }

    /**
     * The limit after a collection that left {@code usedAfter} bytes: unchanged while that is at
     * most half of it, else twice that, rounded up to {@link #STEP}, never lower than before and
     * never above {@code max}.
     */
    static long next(long limit, long usedAfter, long max) {
        if (usedAfter <= limit / 2) return limit;
        long twice = (usedAfter * 2 + STEP - 1) / STEP * STEP;
        return Math.min(max, Math.max(limit, twice));
    }

    /** Starts following collections, when the launcher set the option and the collector is ZGC. */
    public static Optional<HeapSoftLimit> start() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        VMOption option;
        try {
            option = hotspot.getVMOption(OPTION);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a JVM without the option
        }
        if (option.getOrigin() != VMOption.Origin.VM_CREATION || !option.isWriteable()) return Optional.empty();
        List<GarbageCollectorMXBean> zgc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(b -> b.getName().startsWith("ZGC")).toList();
        if (zgc.isEmpty()) return Optional.empty(); // other collectors do not follow a soft limit
        Set<String> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
        HeapSoftLimit l = new HeapSoftLimit(hotspot, heap, Long.parseLong(option.getValue()),
                Runtime.getRuntime().maxMemory());
        for (GarbageCollectorMXBean b : zgc) {
            if (b instanceof NotificationEmitter e) {
                e.addNotificationListener(l.listener, null, null);
                l.emitters.add(e);
            }
        }
        return Optional.of(l);
    }

    /** The soft limit in force, in bytes. */
    public long limit() {
        return limit;
    }

    private void collected(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        // a cycle's figures, not a pause's: a pause's "after" still holds the cycle's garbage
        if (info.getGcName().contains("Pauses")) return;
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) used += e.getValue().getUsed();
        }
        long next = next(limit, used, max);
        if (next == limit) return;
        try {
            hotspot.setVMOption(OPTION, Long.toString(next));
            limit = next;
        } catch (IllegalArgumentException | SecurityException e) {
            close(); // the JVM would not take it: its own heuristics from here on
        }
    }

    @Override
    public synchronized void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already removed
            }
        }
        emitters.clear();
    }
}
