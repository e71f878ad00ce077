package dev.sonora.server.observe;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A meter's finished windows, from the audio thread to one reader: a single-producer,
 * single-consumer ring of {@value #CAPACITY} readings, allocated when built. A full ring drops
 * the newest reading and counts it (the reader fell {@value #CAPACITY} windows behind); the
 * audio thread never waits. {@link #offerOnRt} on the audio thread; {@link #drain} on one
 * reader thread.
 */
final class MeterReadings {
    static final int CAPACITY = 64;

    private final long[] times = new long[CAPACITY];
    private final float[] values = new float[CAPACITY * 4];
    private final AtomicLong written = new AtomicLong(); // published by the audio thread (release)
    private final AtomicLong read = new AtomicLong();    // published by the reader
    private long writtenOnRt;                             // the audio thread's own copy
    private volatile long dropped;

    boolean offerOnRt(long time, float peakLeft, float peakRight, float rmsLeft, float rmsRight) {
        long w = writtenOnRt;
        if (w - read.get() >= CAPACITY) {
            dropped = dropped + 1; // single writer
            return false;
        }
        int i = (int) (w % CAPACITY);
        times[i] = time;
        int v = i * 4;
        values[v] = peakLeft;
        values[v + 1] = peakRight;
        values[v + 2] = rmsLeft;
        values[v + 3] = rmsRight;
        writtenOnRt = w + 1;
        written.lazySet(w + 1); // the slot's contents are visible before the count
        return true;
    }

    /** Hands every waiting reading to {@code r}, oldest first; returns how many. Reader thread. */
    int drain(MeterTap.Reader r) {
        long from = read.get();
        long to = written.get();
        for (long k = from; k < to; k++) {
            int i = (int) (k % CAPACITY);
            int v = i * 4;
            r.reading(times[i], values[v], values[v + 1], values[v + 2], values[v + 3]);
        }
        read.lazySet(to);
        return (int) (to - from);
    }

    long dropped() {
        return dropped;
    }
}
