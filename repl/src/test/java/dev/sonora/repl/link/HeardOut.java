package dev.sonora.repl.link;

import dev.sonora.server.rt.AudioOut;
import dev.sonora.server.rt.SampleClock;

/**
 * Records when each click leaves the speakers, in host time ({@link System#nanoTime}): the
 * click's sample (left channel rising above 0.1), converted by the server's sample clock as it
 * stands while that block is written (so a resynchronising null driver, on a loaded machine, is
 * converted with the mapping the audio really had), plus the driver's buffer (its output
 * latency). Written by the audio thread, allocation-free; read by the test thread.
 */
final class HeardOut implements AudioOut {
    final double[] heardNanos = new double[4096];
    volatile int count;
    volatile SampleClock clock; // set once the server exists; clicks before are not recorded
    private final double nanosPerFrame;
    private final int latencyFrames;
    private long frames;
    private float last;

    HeardOut(int sampleRate, int latencyFrames) {
        this.nanosPerFrame = 1e9 / sampleRate;
        this.latencyFrames = latencyFrames;
    }

    @Override
    public void write(float[] left, float[] right, int n) {
        SampleClock c = clock;
        int k = count;
        for (int i = 0; i < n; i++) {
            float x = Math.abs(left[i]);
            if (x > 0.1f && last <= 0.1f && c != null && k < heardNanos.length) {
                long ref = System.nanoTime();
                double s = c.sampleAt(ref, Long.MIN_VALUE) + 0.5; // sampleAt floors: the middle of that sample
                heardNanos[k++] = ref + (frames + i + latencyFrames - s) * nanosPerFrame;
            }
            last = x;
        }
        count = k;
        frames += n;
    }
}
