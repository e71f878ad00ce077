package dev.sonora.server.ugen;

/** Sine oscillator: {@code sine(freq, phase)}; table lookup, double-precision phase. */
public final class Sine extends Ugen {
    private final Wire freq;
    private final Wire out;
    private final double invRate;
    private double phase;

    public Sine(UnitContext ctx, Wire freq, Wire phase0, Wire out) {
        this.freq = freq;
        this.out = out;
        this.invRate = 1.0 / ctx.sampleRate();
        this.phase = wrap(phase0.value / (2 * Math.PI));
    }

    @Override
    public void process(int from, int to) {
        final float[] o = out.buf;
        double p = phase;
        if (freq.steady) {
            final double inc = wrap(freq.value * invRate);
            for (int i = from; i < to; i++) {
                o[i] = SineTable.lookup(p);
                p += inc;
                if (p >= 1.0) p -= 1.0;
            }
        } else {
            final float[] f = freq.buf;
            for (int i = from; i < to; i++) {
                o[i] = SineTable.lookup(p);
                p = wrap(p + f[i] * invRate);
            }
        }
        phase = p;
    }

    static double wrap(double p) {
        if (p >= 0.0 && p < 1.0) return p;
        p -= Math.floor(p);
        return p >= 1.0 || !(p == p) ? 0.0 : p; // NaN input resets the phase instead of poisoning it
    }
}
