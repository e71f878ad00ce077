package dev.sonora.repl.time;

import dev.sonora.server.rt.SampleClock;

/**
 * One reading of the audio's sample clock against {@link System#nanoTime()}: the pair that turns
 * a host time into the sample it meets and back. Followers of an outside clock (Link, MIDI clock)
 * take one per step, so that every conversion in that step agrees. Owned by one thread (Lang).
 */
public final class ClockTick {
    private final SampleClock samples;
    private double nanos;
    private double sample;

    public ClockTick(SampleClock samples) {
        this.samples = samples;
    }

    /** Takes a reading now; false before the driver's first cycle (no sample clock yet). */
    public boolean read() {
        long n = System.nanoTime();
        long s = samples.sampleAt(n, Long.MIN_VALUE);
        if (s == Long.MIN_VALUE) return false;
        nanos = n;
        sample = s + 0.5; // sampleAt floors: the middle of the sample is the unbiased guess
        return true;
    }

    /** The host time of the last reading, in ns. */
    public double nanos() {
        return nanos;
    }

    /** The sample (fractional) the audio was at, at {@link #nanos()}. */
    public double sample() {
        return sample;
    }
}
