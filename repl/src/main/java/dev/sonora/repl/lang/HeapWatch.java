package dev.sonora.repl.lang;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * Stops the JavaScript that is filling the heap before the collector starves the machine
 * ({@code new Array(1e9).fill(0)} at the prompt once gave a minute of GC thrashing, the audio
 * stalling with it). Every heap pool that can hold half the heap or more gets a threshold at {@link #FRACTION} of it:
 * after a collection where the collector reports it ({@code setCollectionUsageThreshold}: the
 * live data, not garbage waiting), else on usage. The pools are whatever the collector has
 * (ZGC live: "ZGC Old/Young Generation"; ParallelGC in renders: "PS Old Gen"...), found by
 * type, never by name. Crossing one interrupts the running evaluation; its error line then says
 * {@code out of memory in your code}. Created and closed on the controlling thread; the JVM calls
 * the listener on its notification thread.
 */
public final class HeapWatch implements AutoCloseable {
    static final double FRACTION = 0.85;

    private final JsHost host;
    private final List<MemoryPoolMXBean> watched = new ArrayList<>();
    private final NotificationListener listener = this::notified;

    private HeapWatch(JsHost host) {
        this.host = host;
    }

    /** Starts watching for {@code host}'s evaluations. */
    public static HeapWatch start(JsHost host) {
        HeapWatch w = new HeapWatch(host);
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() != MemoryType.HEAP || !p.isValid()) continue;
            long max = p.getUsage().getMax();
            // the pools that can hold most of the heap (old generation; both of ZGC's): a small
            // survivor space is often full after a collection and says nothing about the heap
            if (max <= 0 || max < Runtime.getRuntime().maxMemory() / 2) continue;
            long limit = (long) (max * FRACTION);
            if (p.isCollectionUsageThresholdSupported()) {
                p.setCollectionUsageThreshold(limit);
                w.watched.add(p);
            } else if (p.isUsageThresholdSupported()) {
                p.setUsageThreshold(limit);
                w.watched.add(p);
            }
        }
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener(w.listener, null, null);
        return w;
    }

    /** The heap pools watched (for tests and the design notes: which the collector has). */
    public List<String> pools() {
        return watched.stream().map(MemoryPoolMXBean::getName).toList();
    }

    private void notified(Notification n, Object handback) {
        String type = n.getType();
        if (!MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(type)
                && !MemoryNotificationInfo.MEMORY_THRESHOLD_EXCEEDED.equals(type)) return;
        // a collection that ended before this evaluation began is about the one stopped before it
        // (its garbage not yet collected): the next line, 1 + 1, must not pay for it
        if (n.getTimeStamp() <= host.evalStartedMillis()) return;
        // and one whose heap a later collection has already emptied is not news either
        long max = Runtime.getRuntime().maxMemory();
        if (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() < max * FRACTION * 0.9) return;
        host.interrupt(String.format(Locale.ROOT,
                "out of memory in your code: it filled the heap (%d MB) and was stopped; the music plays on"
                        + " (keep less in memory, or give Java more: SONORA_JAVA_OPTS=-Xmx2g)", max >> 20));
    }

    @Override
    public void close() {
        try {
            ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
            // not added: nothing to remove
        }
    }
}
