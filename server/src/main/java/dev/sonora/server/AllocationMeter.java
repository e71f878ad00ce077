package dev.sonora.server;

import java.lang.management.ManagementFactory;

/**
 * Counts what the audio thread allocates after warm-up, from the JVM's per-thread counter:
 * the number {@code status().rtAllocBytes} shows and the suite asserts is zero. Whichever
 * thread enters the block loop is the audio thread (JACK makes its own), so drivers report it.
 */
final class AllocationMeter {
    private volatile Thread rtThread;
    private volatile long baseline = -1;

    /** Audio thread, from its first moments; allocates nothing. A new thread starts afresh at the next {@link #markWarm}. */
    void audioThreadStarted(Thread t) {
        if (rtThread != t) {
            rtThread = t;
            baseline = -1;
        }
    }

    Thread audioThread() {
        return rtThread;
    }

    /** Starts counting from now. Any thread. */
    void markWarm() {
        Thread t = rtThread;
        if (t != null) baseline = allocatedBytes(t);
    }

    /** Bytes the audio thread allocated since {@link #markWarm}, or -1 when unknown. */
    long rtAllocatedBytes() {
        Thread t = rtThread;
        long base = baseline;
        if (t == null || base < 0) return -1;
        return allocatedBytes(t) - base;
    }

    /** Total bytes a thread has allocated; -1 if the JVM cannot say. */
    static long allocatedBytes(Thread t) {
        var mx = ManagementFactory.getThreadMXBean();
        if (mx instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
            return sun.getThreadAllocatedBytes(t.threadId());
        }
        return -1;
    }
}
