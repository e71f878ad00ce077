package dev.sonora.server;

import java.lang.management.ManagementFactory;

/**
 * Counts what the audio thread and the audio worker threads allocate after warm-up, from the
 * JVM's per-thread counter: the number {@code status().rtAllocBytes} shows and the suite asserts
 * is zero. Whichever thread enters the block loop is the audio thread (JACK makes its own), so
 * drivers report it; worker threads report themselves when they start.
 */
final class AllocationMeter {
    private volatile Thread rtThread;
    private volatile long baseline = -1;
    // the live workers and their baselines (-1: not counted yet); replaced whole, never changed in place
    private volatile Thread[] workers = new Thread[0];
    private volatile long[] workerBaselines = new long[0];

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

    /**
     * A worker thread starts (a driver's, possibly replacing the workers of a driver that closed):
     * counted from now if counting has begun, else from the next {@link #markWarm}. Any thread.
     */
    synchronized void workerStarted(Thread t) {
        int live = 0;
        for (Thread w : workers) if (w.isAlive() && w != t) live++;
        Thread[] ws = new Thread[live + 1];
        long[] bs = new long[live + 1];
        int i = 0;
        for (int k = 0; k < workers.length; k++) {
            if (workers[k].isAlive() && workers[k] != t) {
                ws[i] = workers[k];
                bs[i++] = workerBaselines[k];
            }
        }
        ws[i] = t;
        bs[i] = baseline < 0 ? -1 : allocatedBytes(t);
        workerBaselines = bs;
        workers = ws;
    }

    Thread[] workers() {
        return workers.clone();
    }

    /** Starts counting from now. Any thread. */
    synchronized void markWarm() {
        Thread t = rtThread;
        if (t != null) baseline = allocatedBytes(t);
        Thread[] ws = workers;
        long[] bs = new long[ws.length];
        for (int i = 0; i < ws.length; i++) bs[i] = allocatedBytes(ws[i]);
        workerBaselines = bs;
    }

    /** Bytes the audio thread and the workers allocated since {@link #markWarm}, or -1 when unknown. */
    long rtAllocatedBytes() {
        Thread t = rtThread;
        long base = baseline;
        if (t == null || base < 0) return -1;
        long sum = allocatedBytes(t) - base;
        Thread[] ws = workers;
        long[] bs = workerBaselines;
        for (int i = 0; i < ws.length && i < bs.length; i++) {
            long now = allocatedBytes(ws[i]);
            if (bs[i] >= 0 && now >= 0) sum += now - bs[i];
        }
        return sum;
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
