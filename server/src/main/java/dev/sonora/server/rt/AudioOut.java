package dev.sonora.server.rt;

/**
 * The end of the RT chain: receives each finished block of the main output.
 * Implemented by drivers (device, file, memory). Audio thread only; must not allocate.
 */
public interface AudioOut {
    /** {@code left} and {@code right} hold {@code frames} clean samples in [-1, 1]. */
    void write(float[] left, float[] right, int frames);
}
