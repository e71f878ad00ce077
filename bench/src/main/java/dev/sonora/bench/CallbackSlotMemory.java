package dev.sonora.bench;

import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;

import dev.sonora.server.callback.CallbackSlot;

/**
 * Memory per callback-slot strategy (seed rt_thread_cb's memory column), measured with JOL:
 * the size of a new slot's object graph, and what each registration it holds adds (a
 * {@code Registration} object; the callback itself is the caller's, and a single-producer slot
 * also points at its producer thread, which is not the slot's memory). The graph is measured
 * empty because a walk from a registered single-producer slot would reach the whole owner thread. JDK 25 needs {@code -Djol.magicFieldOffset=true} (JOL cannot
 * otherwise get field offsets of record classes it meets) and {@code -Djdk.attach.allowAttachSelf}.
 * Run: {@code java -Djdk.attach.allowAttachSelf -Djol.magicFieldOffset=true -cp bench/target/benchmarks.jar
 * dev.sonora.bench.CallbackSlotMemory [footprint]}.
 */
public final class CallbackSlotMemory {
    private CallbackSlotMemory() {}

    public static void main(String[] args) throws ClassNotFoundException {
        long registration = ClassLayout.parseClass(Class.forName("dev.sonora.server.callback.Registration")).instanceSize();
        long base = -1;
        System.out.printf("%-18s %8s %8s %8s %s%n", "strategy", "bytes", "objects", "vs spin", "per registration held");
        for (String name : CallbackSlots.NAMES) {
            CallbackSlot<long[]> slot = CallbackSlots.make(name);
            GraphLayout empty = GraphLayout.parseInstance(slot);
            if (base < 0) base = empty.totalSize();
            String per = name.startsWith("spinlock") ? "0 (holds the callback itself)" : "+" + registration + " B";
            System.out.printf("%-18s %8d %8d %8.1f %s%n", name, empty.totalSize(), empty.totalCount(),
                    (double) empty.totalSize() / base, per);
            if (args.length > 0) System.out.println(empty.toFootprint());
        }
    }
}
