package dev.sonora.server.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * A reader that resets a peak while the audio thread is raising it must neither lose a block's
 * peak nor see one twice (issue 13, item 5: the reset used to be a plain write of 0 from the
 * reader's thread, racing the audio thread's read-max-write).
 *
 * <p>A stand-in audio thread publishes numbered spikes (spike k has the value k) among quiet
 * blocks, and waits after each until the reader has started and finished a read since, so no two
 * spikes can share a window; the reader takes in a tight loop. Every spike must then be reported
 * by exactly one read. With the old plain reset a spike published between the reader's read and
 * its write of 0 was lost, and a reset landing between the audio thread's read and write was
 * undone, so a spike came back in the next window.
 */
class PeakResetRaceTest {
    private static final int SPIKES = 20_000;

    @Test
    void theOutputPeakTakenByStatusLosesNoBlockAndRepeatsNone() throws Exception {
        race((s, v) -> s.peakSinceRead = v, s -> s.takePeak());
    }

    @Test
    void thePeakLoadTakenByStatusLosesNoBlockAndRepeatsNone() throws Exception {
        race(null, s -> s.takePeakLoad(RtStats.STATUS_READER));
    }

    private interface Spike {
        void set(RtStats s, float value);
    }

    /** {@code peak} sets a block's output peak; null puts the spike in the block's load instead. */
    private static void race(Spike peak, ToDoubleFunction<RtStats> take) throws Exception {
        RtStats stats = new RtStats();
        int[] seen = new int[SPIKES + 1];
        AtomicInteger reads = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                count(seen, take.applyAsDouble(stats));
                reads.incrementAndGet();
            }
        }, "test-reader");
        reader.start();
        long block = 0;
        int published = 0;
        long deadline = System.nanoTime() + 20_000_000_000L; // a guard against a stuck reader, not a measure
        try {
            for (int k = 1; k <= SPIKES && System.nanoTime() < deadline; k++) {
                block = publish(stats, peak, block, k);
                block = publish(stats, peak, block, 0);
                published = k;
                int from = reads.get();
                while (reads.get() < from + 2 && System.nanoTime() < deadline) Thread.onSpinWait();
            }
        } finally {
            done.set(true);
            reader.join();
        }
        block = publish(stats, peak, block, 0); // serves the reader's last request
        count(seen, take.applyAsDouble(stats));
        assertTrue(published > 1000, "only " + published + " spikes ran before the guard");
        for (int k = 1; k <= published; k++) assertEquals(1, seen[k], "times spike " + k + " was reported");
    }

    private static long publish(RtStats stats, Spike peak, long block, float value) {
        block += 64;
        if (peak != null) {
            peak.set(stats, value);
            stats.publish(block, 0f, 0);
        } else {
            stats.publish(block, value, 0);
        }
        return block;
    }

    private static void count(int[] seen, double value) {
        int k = (int) value;
        if (k > 0 && k < seen.length) seen[k]++;
    }
}
