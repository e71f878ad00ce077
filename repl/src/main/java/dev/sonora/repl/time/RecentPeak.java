package dev.sonora.repl.time;

/**
 * The largest value offered over roughly the last {@code window} samples: the clock's memory of
 * how much lead recent stalls of the Lang thread asked for. Kept as two half-window buckets, so
 * a value is remembered for between one half and one whole window after it was offered, and a
 * burst at warm-up is forgotten once the stalls after it are smaller. Lang thread only.
 */
final class RecentPeak {
    private final long half;
    private long bucketStart; // the sample the current bucket began at (sample times start at 0)
    private long current; // the largest value in the current bucket
    private long previous; // the largest value in the bucket before it

    RecentPeak(long windowSamples) {
        this.half = Math.max(1, windowSamples / 2);
    }

    void offer(long now, long value) {
        age(now);
        current = Math.max(current, value);
    }

    /** The largest value offered in the last half to whole window, 0 if none. */
    long peak(long now) {
        age(now);
        return Math.max(current, previous);
    }

    private void age(long now) {
        long since = now - bucketStart;
        if (since < half) return;
        // one bucket on: what was current becomes previous; two or more: both are past
        boolean adjacent = since < 2 * half;
        previous = adjacent ? current : 0;
        current = 0;
        bucketStart = adjacent ? bucketStart + half : now;
    }
}
