package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

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
    private final SvfBlock block = new SvfBlock();
    private final double[] state = new double[2];
    private boolean blockReady;

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
        blockReady = false;
    }

    /**
     * The filter as a 2x2 state update, s' = M s + N x, with the output a fixed mix
     * y = w1 s1 + w2 s2 + wx x: each new state is one fused multiply-add away from the old
     * ones. Handed to {@link SvfBlock} to be taken four samples at a time.
     */
    private void prepareBlock() {
        final double m11 = 2 * a1 - 1, m12 = -2 * a2, n1 = 2 * a2;
        final double m21 = 2 * a2, m22 = 1 - 2 * a3, n2 = 2 * a3;
        final double w1, w2, wx;
        if (mode == LOW) {
            w1 = a2;
            w2 = 1 - a3;
            wx = a3;
        } else if (mode == HIGH) {
            w1 = -k * a1 - a2;
            w2 = k * a2 - (1 - a3);
            wx = 1 - k * a2 - a3;
        } else {
            w1 = k * a1;
            w2 = -k * a2;
            wx = k * a2;
        }
        block.set(m11, m12, m21, m22, n1, n2, w1, w2, wx);
        blockReady = true;
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
            // the common case, a settled cutoff: four samples per step (SvfBlock), then any
            // left over (a block split by a timed command) one at a time. No per-sample NaN
            // guard: a NaN/Inf input poisons this block's output at worst, and the states are
            // healed at the end of the block, so the filter recovers at once.
            if (!blockReady) prepareBlock();
            final int quads = (to - from) >> 2;
            if (quads > 0) {
                block.run(x, o, from, quads, s1, s2, state);
                s1 = state[0];
                s2 = state[1];
            }
            final SvfBlock b = block;
            for (int i = from + 4 * quads; i < to; i++) {
                double x0 = x[i];
                o[i] = (float) b.output(s1, s2, x0);
                double t1 = Math.fma(b.m12, s2, b.n1 * x0);
                double t2 = Math.fma(b.m21, s1, b.n2 * x0);
                s1 = Math.fma(b.m11, s1, t1);
                s2 = Math.fma(b.m22, s2, t2);
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

    @Override
    public boolean canReset() {
        return true;
    }

    @Override
    public void reset(int seed) {
        lastFreq = Float.NaN;
        lastRq = Float.NaN;
        k = a1 = a2 = a3 = 0;
        ic1 = ic2 = 0;
        state[0] = state[1] = 0;
        blockReady = false; // the block's coefficients are all set again before use
    }
}
