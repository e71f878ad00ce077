package dev.sonora.server.rt;

/**
 * A ring of fixed-size records of longs, written by the audio thread and drained by one NRT
 * reader: what {@link SlowBlocks} and {@link LateCycles} keep.
 *
 * <p>The audio thread writes a record into the next free slot ({@link #slotOnRt}) every time, and
 * publishes it or not by how far it moves the write count ({@link #publishOnRt}: 1 or 0), so its
 * side has no data-dependent branch for the JIT to compile as "never happens" (see RtEngine). An
 * unpublished record is written over by the next one. When the reader falls a whole ring behind,
 * the oldest records are written over before it reads them, and counted as lost.
 */
final class RecordRing {
    /** What the reader is handed for each record: the ring's array and where the record starts. */
    interface Visitor {
        void record(long[] records, int at);
    }

    final long[] records;
    private final int fields;
    private final int mask;
    private volatile long written; // records published so far (audio thread)
    private long read; // records read so far (the reader)
    private long lost;

    RecordRing(int capacityPowerOfTwo, int fields) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) throw new IllegalArgumentException("capacity must be a power of two");
        this.records = new long[capacityPowerOfTwo * fields];
        this.fields = fields;
        this.mask = capacityPowerOfTwo - 1;
    }

    /** Where the audio thread writes its next record's fields. Audio thread. */
    int slotOnRt() {
        return (int) (written & mask) * fields;
    }

    /** Publishes the record just written when {@code keep} is 1; 0 leaves it to be written over. Audio thread. */
    void publishOnRt(long keep) {
        written = written + keep; // the volatile store is the release: the fields are seen before the count
    }

    /** Visits every record published since the last call; returns how many. The reader's thread. */
    int drain(Visitor visitor) {
        long w = written;
        long from = Math.max(read, w - mask - 1);
        lost += from - read;
        int n = 0;
        for (long i = from; i < w; i++, n++) visitor.record(records, (int) (i & mask) * fields);
        read = w;
        return n;
    }

    /** Records written over before the reader took them. The reader's thread. */
    long lost() {
        return lost;
    }
}
