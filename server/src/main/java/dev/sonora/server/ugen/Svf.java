package dev.sonora.server.ugen;

/**
 * The 2-pole filters {@code lpf, hpf, rlpf, rhpf, bpf}: a topology-preserving (zero-delay
 * feedback) state-variable filter. Its response is the bilinear transform of the analog
 * prototype with the cutoff pre-warped, so the corner lands exactly (-3.01 dB for lpf/hpf,
 * 1/rq for the resonant ones, 0 dB peak for bpf), and it stays stable when the cutoff jumps
 * anywhere at any rate. Coefficients are recomputed only when cutoff or rq change; state is
 * double precision and flushed to 0 in the far tail, so silence never runs slow.
 */
public final class Svf extends Ugen {
    public static final int LOW = 0, HIGH = 1, BAND = 2;
    /** The rq of a Butterworth (maximally flat) response, for lpf and hpf. */
    public static final float BUTTERWORTH_RQ = (float) Math.sqrt(2);

    private final Wire in;
    private final Wire freq;
    private final Wire rq;
    private final Wire out;
    private final int mode;
    private final double piOverRate;
    private final float nyquistGuard;
    private float lastFreq = Float.NaN;
    private float lastRq = Float.NaN;
    private double k, a1, a2, a3;
    private double ic1, ic2;

    public Svf(UnitContext ctx, int mode, Wire in, Wire freq, Wire rq, Wire out) {
        this.in = in;
        this.freq = freq;
        this.rq = rq;
        this.out = out;
        this.mode = mode;
        this.piOverRate = Math.PI / ctx.sampleRate();
        this.nyquistGuard = 0.49f * ctx.sampleRate();
    }

    private void coefficients(float f, float q) {
        lastFreq = f;
        lastRq = q;
        float fc = Dsp.clamp(Dsp.finite(f), 1f, nyquistGuard);
        k = Dsp.clamp(Dsp.finite(q), 0.01f, 10f);
        double g = Math.tan(fc * piOverRate);
        a1 = 1.0 / (1.0 + g * (g + k));
        a2 = g * a1;
        a3 = g * a2;
    }

    @Override
    public void process(int from, int to) {
        final float[] x = in.buf;
        final float[] f = freq.buf;
        final float[] r = rq.buf;
        final boolean steady = freq.steady && rq.steady;
        if (steady && (freq.value != lastFreq || rq.value != lastRq)) coefficients(freq.value, rq.value);
        final float[] o = out.buf;
        double s1 = ic1;
        double s2 = ic2;
        if (steady) {
            // the common case, a settled cutoff. The same filter (same states) written as a 2x2
            // state update, s' = M s + N x, taken two samples at a time: s'' = M² s + M N x0 + N x1.
            // The loop-carried chain is then two fused multiply-adds per two samples (a quarter of
            // the textbook order's); the in-between state and both outputs hang off it in parallel.
            final double m11 = 2 * a1 - 1, m12 = -2 * a2, n1 = 2 * a2;
            final double m21 = 2 * a2, m22 = 1 - 2 * a3, n2 = 2 * a3;
            final double p11 = m11 * m11 + m12 * m21, p12 = m11 * m12 + m12 * m22;
            final double p21 = m21 * m11 + m22 * m21, p22 = m21 * m12 + m22 * m22;
            final double q1 = m11 * n1 + m12 * n2, q2 = m21 * n1 + m22 * n2;
            final double c1 = a1, c2 = a2, c3 = a3, kc = k;
            // the output is a fixed mix of s1, s2 and x: y = w1 s1 + w2 s2 + wx x
            final double w1, w2, wx;
            if (mode == LOW) {
                w1 = c2;
                w2 = 1 - c3;
                wx = c3;
            } else if (mode == HIGH) {
                w1 = -kc * c1 - c2;
                w2 = kc * c2 - (1 - c3);
                wx = 1 - kc * c2 - c3;
            } else {
                w1 = kc * c1;
                w2 = -kc * c2;
                wx = kc * c2;
            }
            // no per-sample NaN guard here: a NaN/Inf input poisons this block's output at worst,
            // and the states are healed at the end of the block, so the filter recovers at once
            int i = from;
            for (; i + 1 < to; i += 2) {
                double x0 = x[i];
                double x1 = x[i + 1];
                double h1 = Math.fma(m11, s1, Math.fma(m12, s2, n1 * x0)); // the state between the two samples
                double h2 = Math.fma(m21, s1, Math.fma(m22, s2, n2 * x0));
                o[i] = (float) Math.fma(w1, s1, Math.fma(w2, s2, wx * x0));
                o[i + 1] = (float) Math.fma(w1, h1, Math.fma(w2, h2, wx * x1));
                double u1 = Math.fma(q1, x0, n1 * x1);
                double u2 = Math.fma(q2, x0, n2 * x1);
                double t1 = Math.fma(p12, s2, u1);
                double t2 = Math.fma(p21, s1, u2);
                s1 = Math.fma(p11, s1, t1);
                s2 = Math.fma(p22, s2, t2);
            }
            if (i < to) { // an odd sample left (a block split by a timed command)
                double x0 = x[i];
                o[i] = (float) Math.fma(w1, s1, Math.fma(w2, s2, wx * x0));
                double t1 = Math.fma(m12, s2, n1 * x0);
                double t2 = Math.fma(m21, s1, n2 * x0);
                s1 = Math.fma(m11, s1, t1);
                s2 = Math.fma(m22, s2, t2);
            }
        } else {
            for (int i = from; i < to; i++) {
                if (f[i] != lastFreq || r[i] != lastRq) coefficients(f[i], r[i]);
                double v0 = Dsp.finite(x[i]);
                double v3 = v0 - s2;
                double v1 = a1 * s1 + a2 * v3;
                double v2 = s2 + a2 * s1 + a3 * v3;
                s1 = 2 * v1 - s1;
                s2 = 2 * v2 - s2;
                o[i] = (float) switch (mode) {
                    case LOW -> v2;
                    case HIGH -> v0 - k * v1 - v2;
                    default -> k * v1;
                };
            }
        }
        ic1 = Dsp.flush(Dsp.heal(s1));
        ic2 = Dsp.flush(Dsp.heal(s2));
    }
}
