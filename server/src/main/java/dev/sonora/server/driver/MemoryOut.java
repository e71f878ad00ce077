package dev.sonora.server.driver;

import dev.sonora.server.rt.AudioOut;

/**
 * Keeps the first {@code capacity} frames of output in pre-allocated arrays, for tests and
 * analysis; frames past the end are counted but not kept. Written on the audio thread; read
 * after rendering has stopped.
 */
public final class MemoryOut implements AudioOut {
    private final float[] left;
    private final float[] right;
    private int frames;

    public MemoryOut(int capacity) {
        left = new float[capacity];
        right = new float[capacity];
    }

    @Override
    public void write(float[] l, float[] r, int n) {
        int keep = Math.min(n, left.length - frames);
        if (keep > 0) {
            System.arraycopy(l, 0, left, frames, keep);
            System.arraycopy(r, 0, right, frames, keep);
            frames += keep;
        }
    }

    public int frames() {
        return frames;
    }

    public float[] left() {
        return left;
    }

    public float[] right() {
        return right;
    }
}
