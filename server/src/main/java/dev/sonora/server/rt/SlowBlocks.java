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

    private final RecordRing ring;

    public SlowBlocks(int capacityPowerOfTwo) {
        ring = new RecordRing(capacityPowerOfTwo, 4);
    }

    /**
     * Called for every block; {@code keep} is 1 for a slow block (it is then published), 0 for
     * one that is not (its figures go into the next free slot and are written over). No branch,
     * so the JIT has nothing to compile as "never happens" (see RtEngine). The price: when the
     * reader has fallen a whole ring behind, the oldest record it has not read yet is scribbled on.
     */
    void recordOnRt(long startNanos, long tookNanos, long sampleTime, int commands, int keep) {
        long[] r = ring.records;
        int at = ring.slotOnRt();
        r[at] = startNanos;
        r[at + 1] = tookNanos;
        r[at + 2] = sampleTime;
        r[at + 3] = commands;
        ring.publishOnRt(keep);
    }

    /** Hands every record written since the last call to {@code reader}; returns how many. One reader thread. */
    public int drain(Reader reader) {
        return ring.drain((r, at) -> reader.slowBlock(r[at], r[at + 1], r[at + 2], (int) r[at + 3]));
    }

    /** Records overwritten before the reader took them. The reader's thread. */
    public long lost() {
        return ring.lost();
    }
}
