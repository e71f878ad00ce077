package dev.sonora.server.midi;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.ShortMessage;

import dev.sonora.server.rt.AudioOut;

/**
 * A latency probe: notes the wall-clock time at which each block whose level differs from the
 * block before was written (the end of a MIDI-in to sound path). Audio thread writes, the test
 * reads. Shared by the server's and the front end's latency tests.
 */
public final class BlockChangeWatch implements AudioOut {
    public volatile long changedAt;
    public volatile int changes;
    private float previous;

    @Override
    public void write(float[] left, float[] right, int frames) {
        float v = left[frames - 1];
        if (Math.abs(v - previous) > 1e-4f) {
            previous = v;
            changedAt = System.nanoTime();
            changes = changes + 1; // audio thread is the only writer
        }
    }

    /**
     * Toggles controller {@code cc} of {@code device} between 0 and 127, {@code warmRounds}
     * unmeasured times and then {@code trials} times, timing each change from the receiver call
     * to the block that carries it. Waits up to 2 s per change.
     */
    public long[] measure(FakeMidiDevice device, int cc, int warmRounds, int trials) throws InvalidMidiDataException {
        long[] nanos = new long[trials];
        Random random = new Random(7);
        ShortMessage up = new ShortMessage(ShortMessage.CONTROL_CHANGE, 0, cc, 127);
        ShortMessage down = new ShortMessage(ShortMessage.CONTROL_CHANGE, 0, cc, 0);
        for (int i = -warmRounds; i < trials; i++) {
            LockSupport.parkNanos(1_000_000 + random.nextInt(2_000_000)); // a random point of the block cycle
            int before = changes;
            long t0 = System.nanoTime();
            device.play((i & 1) == 0 ? up : down);
            long deadline = t0 + 2_000_000_000L;
            while (changes == before) {
                if (System.nanoTime() > deadline) throw new AssertionError("change " + i + " never reached the output");
                Thread.onSpinWait();
            }
            if (i >= 0) nanos[i] = changedAt - t0;
        }
        return nanos;
    }

    /** Median, p90, p99, max and min of measured latencies, in milliseconds. */
    public static String summary(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, min %.2f ms",
                s[s.length / 2] / 1e6, s[s.length * 9 / 10] / 1e6, s[s.length * 99 / 100] / 1e6, s[s.length - 1] / 1e6, s[0] / 1e6);
    }
}
