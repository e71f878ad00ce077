package dev.sonora.server.midi;

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
}
