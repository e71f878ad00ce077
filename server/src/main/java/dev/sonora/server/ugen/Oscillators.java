package dev.sonora.server.ugen;

/**
 * The shared loops of the table oscillators. Phase is 32-bit fixed point (a full cycle is
 * 2^32, wrapping for free on overflow): the top 12 bits index the 4096-point table, the rest
 * interpolate. Audio thread only (pure functions of their arguments).
 */
final class Oscillators {
    static final double CYCLE = 4294967296.0; // 2^32
    private static final float FRAC = 1f / (1 << 20);

    private Oscillators() {
    }

    /** Phase increment for a frequency, in fixed point; 0 for NaN or infinite. */
    static int increment(float freq, double invRate) {
        double inc = Sine.wrapIncrement(freq * invRate);
        return (int) (long) (inc * CYCLE);
    }

    static float read(float[] t, int phase) {
        int i = phase >>> 20;
        float frac = (phase & 0xFFFFF) * FRAC;
        float a = t[i];
        return a + frac * (t[i + 1] - a);
    }

    /** Fills o[from, to) from a band-limited table set; returns the new phase. */
    static int render(float[][] tables, Wire freq, double invRate, int phase, float[] o, int from, int to) {
        int p = phase;
        if (freq.steady) {
            double inc = Sine.wrapIncrement(freq.value * invRate);
            final int step = (int) (long) (inc * CYCLE);
            final float[] t = tables[BandLimitedTables.tableFor(inc)];
            for (int i = from; i < to; i++) {
                o[i] = read(t, p);
                p += step;
            }
        } else {
            final float[] f = freq.buf;
            for (int i = from; i < to; i++) {
                double inc = Sine.wrapIncrement(f[i] * invRate);
                o[i] = read(tables[BandLimitedTables.tableFor(inc)], p);
                p += (int) (long) (inc * CYCLE);
            }
        }
        return p;
    }
}
