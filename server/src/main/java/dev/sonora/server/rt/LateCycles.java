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

    private final RecordRing ring;

    public LateCycles(int capacityPowerOfTwo) {
        ring = new RecordRing(capacityPowerOfTwo, 3);
    }

    /**
     * A cycle the audio thread entered at {@code enteredNanos}, {@code enteredFrames} into its period,
     * and left {@code leftFrames} into it; published when {@code leftFrames > lateFrames}. No branch
     * (see {@link SlowBlocks#recordOnRt}). Audio thread.
     */
    public void recordOnRt(long enteredNanos, int enteredFrames, int leftFrames, int lateFrames) {
        long[] r = ring.records;
        int at = ring.slotOnRt();
        r[at] = enteredNanos;
        r[at + 1] = enteredFrames;
        r[at + 2] = leftFrames;
        ring.publishOnRt(((long) lateFrames - leftFrames) >>> 63); // 1 when left past lateFrames
    }

    /** Hands every late cycle published since the last call to {@code reader}; returns how many. One reader thread. */
    public int drain(Reader reader) {
        return ring.drain((r, at) -> reader.lateCycle(r[at], (int) r[at + 1], (int) r[at + 2]));
    }
}
