package dev.sonora.server.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The wall clock -> sample clock line the drivers keep up: exact with ideal cycles, smoothed with jitter. */
class SampleClockTest {
    static final int SR = 48000;
    static final long T0 = 1_000_000_000L;

    static long nanosOf(long frame) {
        return T0 + Math.round(frame * 1e9 / SR);
    }

    @Test
    void beforeAnyCycleItGivesTheFallback() {
        assertEquals(-7, new SampleClock(SR).sampleAt(123, -7));
    }

    @Test
    void idealCyclesMapEveryInstantToTheSampleRenderedThen() {
        SampleClock c = new SampleClock(SR);
        for (long f = 0; f < 64 * 100; f += 64) c.cycleOnRt(f, nanosOf(f));
        for (long f : new long[] {0, 1, 63, 1000, 6399, 48_000}) {
            assertEquals(f, c.sampleAt(nanosOf(f) + 100, -1), "frame " + f); // 100 ns into the frame
        }
    }

    @Test
    void jitteredCallbacksAreSmoothedAndAJumpIsTakenAtOnce() {
        SampleClock c = new SampleClock(SR);
        java.util.Random r = new java.util.Random(3);
        long f = 0;
        for (; f < 256 * 2000; f += 256) c.cycleOnRt(f, nanosOf(f) + r.nextInt(200_000)); // callbacks up to 0.2 ms late
        long s = c.sampleAt(nanosOf(f), -1);
        // the line sits inside the jitter band (0..9.6 samples late), near its middle, not at the last callback
        assertTrue(f - 10 <= s && s <= f, "sample " + s + " for frame " + f);
        long jump = 100_000_000L; // an xrun: the driver resynchronised 100 ms later
        c.cycleOnRt(f, nanosOf(f) + jump);
        assertEquals(f, c.sampleAt(nanosOf(f) + jump, -1));
    }
}
