package dev.sonora.server.ugen;

/**
 * One cycle of a sine, 8192 points plus a guard point, read with linear interpolation.
 * The interpolation error is below -140 dB, far under the -100 dB distortion budget. Any thread.
 */
final class SineTable {
    static final int SIZE = 8192;
    static final float[] TABLE = new float[SIZE + 1];

    static {
        for (int i = 0; i <= SIZE; i++) {
            TABLE[i] = (float) Math.sin(2 * Math.PI * i / SIZE);
        }
    }

    private SineTable() {
    }

    /** sin(2π·phase) for phase in [0, 1). */
    static float lookup(double phase) {
        double x = phase * SIZE;
        int i = (int) x;
        float frac = (float) (x - i);
        float a = TABLE[i];
        return a + frac * (TABLE[i + 1] - a);
    }
}
