package dev.sonora.server.ugen;

/** The shared loops of the table oscillators. Audio thread only (pure functions of their arguments). */
final class Oscillators {
    private Oscillators() {
    }

    /** Fills o[from, to) from a band-limited table set; returns the new phase. */
    static double render(float[][] tables, Wire freq, double invRate, double phase, float[] o, int from, int to) {
        double p = phase;
        if (freq.steady) {
            double inc = Sine.wrapIncrement(freq.value * invRate);
            float[] t = tables[BandLimitedTables.tableFor(inc)];
            for (int i = from; i < to; i++) {
                o[i] = BandLimitedTables.read(t, p);
                p += inc;
                if (p >= 1.0) p -= 1.0; else if (p < 0.0) p += 1.0;
            }
        } else {
            final float[] f = freq.buf;
            for (int i = from; i < to; i++) {
                double inc = Sine.wrapIncrement(f[i] * invRate);
                o[i] = BandLimitedTables.read(tables[BandLimitedTables.tableFor(inc)], p);
                p += inc;
                if (p >= 1.0) p -= 1.0; else if (p < 0.0) p += 1.0;
            }
        }
        return p;
    }
}
