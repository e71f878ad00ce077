package dev.sonora.server.ugen;

/**
 * The shared loops of the table oscillators. Phase is 32-bit fixed point (a full cycle is
 * 2^32, wrapping for free on overflow): the top 12 bits index the 4096-point table, the rest
 * interpolate. Tables hold (value, slope) pairs ({@link BandLimitedTables}). A {@link Voice} is
 * one oscillator's state, built on the sender side, then used by the audio thread only.
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
        int i = (phase >>> 20) << 1;
        return Math.fma((phase & 0xFFFFF) * FRAC, t[i + 1], t[i]);
    }

    /**
     * One table oscillator's running state: its phase, and the step and table last chosen for
     * a steady frequency, so a settled note skips choosing them again every block.
     */
    static final class Voice {
        private final float[][] tables;
        private final double invRate;
        int phase;
        private float lastFreq = Float.NaN;
        private int step;
        private float[] table;

        Voice(float[][] tables, double invRate, int phase) {
            this.tables = tables;
            this.invRate = invRate;
            this.phase = phase;
        }

        /** As built, starting at {@code phase0}. */
        void reset(int phase0) {
            phase = phase0;
            lastFreq = Float.NaN;
            step = 0;
            table = null;
        }

        /** Fills o[from, to) at the frequencies on {@code freq}. */
        void render(Wire freq, float[] o, int from, int to) {
            int p = phase;
            if (freq.steady) {
                if (freq.value != lastFreq) { // NaN never equals: a NaN frequency re-chooses (step 0)
                    double inc = Sine.wrapIncrement(freq.value * invRate);
                    step = (int) (long) (inc * CYCLE);
                    table = tables[BandLimitedTables.tableFor(inc)];
                    lastFreq = freq.value;
                }
                final int s = step;
                final float[] t = table;
                for (int i = from; i < to; i++) {
                    o[i] = read(t, p);
                    p += s;
                }
            } else {
                final float[] f = freq.buf;
                for (int i = from; i < to; i++) {
                    double inc = Sine.wrapIncrement(f[i] * invRate);
                    o[i] = read(tables[BandLimitedTables.tableFor(inc)], p);
                    p += (int) (long) (inc * CYCLE);
                }
            }
            phase = p;
        }
    }

}
