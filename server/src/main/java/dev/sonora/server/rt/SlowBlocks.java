package dev.sonora.server.rt;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The last blocks that took longer than their own duration, kept so a soak can line them up
 * with the JVM's own events (safepoints, compilations, GC) and name what made each one slow.
 *
 * <p>Written only by the audio thread ({@link #recordOnRt}, every block: five array stores and a
 * release store, nothing allocated); read by one NRT reader ({@link #drain}). When the reader falls a
 * whole ring behind, the oldest records are overwritten and counted as lost.
 */
public final class SlowBlocks {
    /** What a reader gets for each slow block. */
    public interface Reader {
        /** {@code cpuNanos}: the audio thread's CPU time in the block, or -1 when not measured ({@link #CPU_CLOCKED}). */
        void slowBlock(long startNanos, long tookNanos, long cpuNanos, long sampleTime, int commands);
    }

    /**
     * Whether the audio thread reads its own CPU clock at each block's start and end: only when a
     * soak asks for the slow-block log (the property is read once; off, the JIT folds the calls
     * away). A block that took long in wall time but little CPU time waited (the OS or the machine
     * did not run it); one whose CPU time is as long as its wall time worked slowly.
     */
    static final boolean CPU_CLOCKED = System.getProperty("sonora.slowBlockLog") != null;
    private static final ThreadMXBean THREADS = CPU_CLOCKED ? cpuClock() : null;

    /**
     * The JVM's thread bean, with its string literals made here. The audio thread is the first to
     * make {@code getCurrentThreadCpuTime} hot, and the C2 compile of it resolves the literals of
     * {@code ThreadImpl} and {@code VMManagementImpl} on that thread: live on JACK with the log on,
     * 880 or 1616 B in 7 of 8 runs (2026-12-03), none after this.
     */
    private static ThreadMXBean cpuClock() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringLiterals.resolve(threads.getClass());
        try { // and the VM-access class it asks whether the clock is supported (another 736 B)
            StringLiterals.resolve(Class.forName("sun.management.VMManagementImpl"));
        } catch (ClassNotFoundException e) {
            // another JDK's management: its literals, if any, are left to the first compile
        }
        return threads;
    }

    private final RecordRing ring;

    public SlowBlocks(int capacityPowerOfTwo) {
        ring = new RecordRing(capacityPowerOfTwo, 5);
    }

    /**
     * Called for every block; {@code keep} is 1 for a slow block (it is then published), 0 for
     * one that is not (its figures go into the next free slot and are written over). No branch,
     * so the JIT has nothing to compile as "never happens" (see RtEngine). The price: when the
     * reader has fallen a whole ring behind, the oldest record it has not read yet is scribbled on.
     */
    void recordOnRt(long startNanos, long tookNanos, long cpuNanos, long sampleTime, int commands, int keep) {
        long[] r = ring.records;
        int at = ring.slotOnRt();
        r[at] = startNanos;
        r[at + 1] = tookNanos;
        r[at + 2] = cpuNanos;
        r[at + 3] = sampleTime;
        r[at + 4] = commands;
        ring.publishOnRt(keep);
    }

    /**
     * The calling thread's CPU time in nanoseconds when {@link #CPU_CLOCKED}, else 0 (a constant
     * the JIT folds). One system call (clock_gettime of the thread's CPU clock), nothing allocated.
     * Audio thread.
     */
    static long cpuNowOnRt() {
        return CPU_CLOCKED ? THREADS.getCurrentThreadCpuTime() : 0L;
    }

    /** The calling thread's CPU time since {@code cpu0} (from {@link #cpuNowOnRt}), or -1 when not {@link #CPU_CLOCKED}. Audio thread. */
    static long cpuSinceOnRt(long cpu0) {
        return CPU_CLOCKED ? THREADS.getCurrentThreadCpuTime() - cpu0 : -1L;
    }

    /** Hands every record written since the last call to {@code reader}; returns how many. One reader thread. */
    public int drain(Reader reader) {
        return ring.drain((r, at) -> reader.slowBlock(r[at], r[at + 1], r[at + 2], r[at + 3], (int) r[at + 4]));
    }

    /** Records overwritten before the reader took them. The reader's thread. */
    public long lost() {
        return ring.lost();
    }
}
