package dev.sonora.server.rt;

/**
 * The last blocks that took longer than their own duration, kept so a soak can line them up
 * with the JVM's own events (safepoints, compilations, GC) and name what made each one slow.
 *
 * <p>Written only by the audio thread ({@link #recordOnRt}, every block: four array stores and a
 * release store, nothing allocated); read by one NRT reader ({@link #drain}). When the reader falls a
 * whole ring behind, the oldest records are overwritten and counted as lost.
 */
public final class SlowBlocks {
    /** What a reader gets for each slow block. */
    public interface Reader {
        void slowBlock(long startNanos, long tookNanos, long sampleTime, int commands);
    }

    private static final int FIELDS = 4;
    private final long[] ring;
    private final int mask;
    private volatile long written; // records written so far (audio thread)
    private long read; // records read so far (the reader)
    private long lost;

    public SlowBlocks(int capacityPowerOfTwo) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) throw new IllegalArgumentException("capacity must be a power of two");
        ring = new long[capacityPowerOfTwo * FIELDS];
        mask = capacityPowerOfTwo - 1;
    }

    /**
     * Called for every block; {@code keep} is 1 for a slow block (it is then published), 0 for
     * one that is not (its figures go into the next free slot and are written over). No branch,
     * so the JIT has nothing to compile as "never happens" (see RtEngine). The price: when the
     * reader has fallen a whole ring behind, the oldest record it has not read yet is scribbled on.
     */
    void recordOnRt(long startNanos, long tookNanos, long sampleTime, int commands, int keep) {
        long w = written;
        int at = (int) (w & mask) * FIELDS;
        ring[at] = startNanos;
        ring[at + 1] = tookNanos;
        ring[at + 2] = sampleTime;
        ring[at + 3] = commands;
        written = w + keep;
    }

    /** Hands every record written since the last call to {@code reader}; returns how many. One reader thread. */
    public int drain(Reader reader) {
        long w = written;
        long from = Math.max(read, w - mask - 1);
        lost += from - read;
        int n = 0;
        for (long i = from; i < w; i++, n++) {
            int at = (int) (i & mask) * FIELDS;
            reader.slowBlock(ring[at], ring[at + 1], ring[at + 2], (int) ring[at + 3]);
        }
        read = w;
        return n;
    }

    /** Records overwritten before the reader took them. The reader's thread. */
    public long lost() {
        return lost;
    }
}
