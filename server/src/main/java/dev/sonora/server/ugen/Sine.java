package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/**
 * Sine oscillator: {@code sine(freq, phase)}.
 *
 * <p>With a steady frequency it uses the angle-sum identity: {@code sin(p + kw) =
 * sin p·cos kw + cos p·sin kw}, with {@code cos kw}/{@code sin kw} tabulated once per
 * frequency for k in one block. The inner loop is then two multiplies and an add with no
 * dependency between samples, which the JIT vectorises (and one multiply more when the level
 * moves, as under an envelope). A moving frequency falls back to per-sample table lookup.
 * Both paths keep a double-precision phase.
 */
public final class Sine extends Ugen {
    private final Wire freq;
    private final Wire mul;
    private final Wire phase0;
    private final Wire out;
    private final double invRate;
    private final float[] cosKw;
    private final float[] sinKw;
    private double tabulatedInc = Double.NaN;
    private double phase;

    /** {@code mul} scales the output: the graph builder folds a following {@code .mul(x)} into it. */
    public Sine(UnitContext ctx, Wire freq, Wire phase0, Wire mul, Wire out) {
        this.freq = freq;
        this.mul = mul;
        this.phase0 = phase0;
        this.out = out;
        this.invRate = 1.0 / ctx.sampleRate();
        this.cosKw = new float[ctx.blockSize()];
        this.sinKw = new float[ctx.blockSize()];
        this.phase = wrap(phase0.value / (2 * Math.PI));
    }

    @Override
    public void process(int from, int to) {
        final float[] o = out.buf;
        double p = phase;
        if (freq.steady) {
            final double inc = wrap(freq.value * invRate);
            if (inc != tabulatedInc) tabulate(inc);
            // phase as if the range began at index 0, so output and tables share one index
            // (same-index loops are the ones the JIT vectorises)
            final double p0 = wrap(p - from * inc);
            final float[] c = cosKw;
            final float[] s = sinKw;
            if (mul.steady) {
                final float m = mul.value;
                final float sp = SineTable.lookup(p0) * m;
                final float cp = SineTable.lookup(quarterAhead(p0)) * m;
                for (int i = from; i < to; i++) {
                    o[i] = sp * c[i] + cp * s[i];
                }
            } else {
                // a moving level (an envelope, the usual note): the same sum, then the level
                final float[] m = mul.buf;
                final float sp = SineTable.lookup(p0);
                final float cp = SineTable.lookup(quarterAhead(p0));
                for (int i = from; i < to; i++) {
                    o[i] = (sp * c[i] + cp * s[i]) * m[i];
                }
            }
            p = wrap(p + (to - from) * inc);
        } else {
            final float[] f = freq.buf;
            final float[] m = mul.buf;
            for (int i = from; i < to; i++) {
                o[i] = SineTable.lookup(p) * m[i];
                p = wrap(p + f[i] * invRate);
            }
        }
        phase = p;
    }

    /** Fills cos/sin of k·inc cycles for one block. Runs only when the frequency changes. */
    private void tabulate(double inc) {
        for (int k = 0; k < cosKw.length; k++) {
            double a = 2 * Math.PI * k * inc;
            cosKw[k] = (float) Math.cos(a);
            sinKw[k] = (float) Math.sin(a);
        }
        tabulatedInc = inc;
    }

    private static double quarterAhead(double p) {
        double q = p + 0.25;
        return q >= 1.0 ? q - 1.0 : q;
    }

    /** A phase increment in cycles per sample, folded into (-1, 1); NaN or infinite becomes 0. */
    static double wrapIncrement(double inc) {
        if (inc > -1.0 && inc < 1.0) return inc;
        if (!(inc == inc) || Double.isInfinite(inc)) return 0.0;
        return inc - Math.rint(inc);
    }

    static double wrap(double p) {
        if (p >= 0.0 && p < 1.0) return p;
        p -= Math.floor(p);
        return p >= 1.0 || !(p == p) ? 0.0 : p; // NaN input resets the phase instead of poisoning it
    }

    @Override
    public boolean canReset() {
        return true;
    }

    @Override
    public void reset(int seed) {
        java.util.Arrays.fill(cosKw, 0f);
        java.util.Arrays.fill(sinKw, 0f);
        tabulatedInc = Double.NaN;
        phase = wrap(phase0.value / (2 * Math.PI));
    }
}
