package dev.sonora.server.ugen;

/**
 * A connection between units: one block of samples.
 *
 * <p>{@code steady} means every sample of {@code buf} equals {@code value} for the whole
 * block; readers may then take their scalar kernel instead of the per-sample one. The writer
 * keeps both in sync. Written by one unit on the audio thread; constants are written once on
 * NRT and shared by every instance of a definition.
 */
public final class Wire {
    public final float[] buf;
    public boolean steady;
    public float value;

    public Wire(int blockSize) {
        this.buf = new float[blockSize];
    }

    /** A wire holding {@code v} forever. */
    public static Wire constant(int blockSize, float v) {
        Wire w = new Wire(blockSize);
        w.fill(v);
        return w;
    }

    /** Fills the whole block with {@code v} and marks the wire steady. */
    public void fill(float v) {
        java.util.Arrays.fill(buf, v);
        value = v;
        steady = true;
    }
}
