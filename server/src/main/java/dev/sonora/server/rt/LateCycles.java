package dev.sonora.server.rt;

/**
 * The last driver cycles that ended late in their period, kept so a soak can tell an xrun's two
 * kinds apart: the audio thread woken late (it entered the cycle far into the period) or slow once
 * running (it entered early and left late). Drivers that know where the period began (JACK) record
 * every cycle; only those that ended past a threshold are published.
 *
 * <p>Written only by the audio thread ({@link #recordOnRt}: three array stores and a release store,
 * nothing allocated); read by one NRT reader ({@link #drain}), as {@link SlowBlocks} is.
 */
public final class LateCycles {
    /** What a reader gets for each late cycle. */
    public interface Reader {
        void lateCycle(long enteredNanos, int enteredFrames, int leftFrames);
    }

    private static final int FIELDS = 3;
    private final long[] ring;
    private final int mask;
    private volatile long written; // the audio thread
    private long read; // the reader

    public LateCycles(int capacityPowerOfTwo) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) throw new IllegalArgumentException("capacity must be a power of two");
        ring = new long[capacityPowerOfTwo * FIELDS];
        mask = capacityPowerOfTwo - 1;
    }

    /**
     * A cycle the audio thread entered at {@code enteredNanos}, {@code enteredFrames} into its period,
     * and left {@code leftFrames} into it; published when {@code leftFrames > lateFrames}. No branch
     * (see {@link SlowBlocks#recordOnRt}). Audio thread.
     */
    public void recordOnRt(long enteredNanos, int enteredFrames, int leftFrames, int lateFrames) {
        long w = written;
        int at = (int) (w & mask) * FIELDS;
        ring[at] = enteredNanos;
        ring[at + 1] = enteredFrames;
        ring[at + 2] = leftFrames;
        written = w + (((long) lateFrames - leftFrames) >>> 63); // 1 when left past lateFrames
    }

    /** Hands every late cycle published since the last call to {@code reader}; returns how many. One reader thread. */
    public int drain(Reader reader) {
        long w = written;
        long from = Math.max(read, w - mask - 1);
        int n = 0;
        for (long i = from; i < w; i++, n++) {
            int at = (int) (i & mask) * FIELDS;
            reader.lateCycle(ring[at], (int) ring[at + 1], (int) ring[at + 2]);
        }
        read = w;
        return n;
    }
}
