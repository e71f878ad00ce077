package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/**
 * {@code moog(freq, res)}: a 4-pole ladder low-pass with resonance 0..1 (self-oscillation near
 * 1), solved with zero-delay feedback (four pre-warped one-pole stages) so the cutoff tracks
 * exactly and fast modulation stays stable. The feedback input is soft-clipped, which bounds
 * the loop at any resonance.
 */
public final class Moog extends Ugen {
    private final Wire in;
    private final Wire freq;
    private final Wire res;
    private final Wire out;
    private final double piOverRate;
    private final float nyquistGuard;
    private float lastFreq = Float.NaN;
    private double big; // G = g/(1+g)
    private double s1, s2, s3, s4;

    public Moog(UnitContext ctx, Wire in, Wire freq, Wire res, Wire out) {
        this.in = in;
        this.freq = freq;
        this.res = res;
        this.out = out;
        this.piOverRate = Math.PI / ctx.sampleRate();
        this.nyquistGuard = 0.49f * ctx.sampleRate();
    }

    private void coefficients(float f) {
        lastFreq = f;
        double g = Math.tan(Dsp.clamp(Dsp.finite(f), 1f, nyquistGuard) * piOverRate);
        big = g / (1 + g);
    }

    @Override
    public void process(int from, int to) {
        final float[] x = in.buf;
        final float[] f = freq.buf;
        final float[] rs = res.buf;
        final float[] o = out.buf;
        if (freq.steady && freq.value != lastFreq) coefficients(freq.value);
        final boolean steady = freq.steady;
        double a = s1, b = s2, c = s3, d = s4;
        for (int i = from; i < to; i++) {
            if (!steady && f[i] != lastFreq) coefficients(f[i]);
            final double G = big;
            final double k = 3.98 * Dsp.clamp(Dsp.finite(rs[i]), 0f, 1f);
            final double oneMinus = 1 - G;
            double sigma = oneMinus * (G * G * G * a + G * G * b + G * c + d);
            double g4 = G * G * G * G;
            double u = (Dsp.finite(x[i]) - k * sigma) / (1 + k * g4);
            u = u / Math.sqrt(1 + u * u * 0.0625); // soft clip: within 0.1 dB below 0.5, bounds the loop at 4
            double v = (u - a) * G; double y1 = v + a; a = y1 + v;
            v = (y1 - b) * G; double y2 = v + b; b = y2 + v;
            v = (y2 - c) * G; double y3 = v + c; c = y3 + v;
            v = (y3 - d) * G; double y4 = v + d; d = y4 + v;
            o[i] = (float) y4;
        }
        s1 = Dsp.flush(Dsp.heal(a));
        s2 = Dsp.flush(Dsp.heal(b));
        s3 = Dsp.flush(Dsp.heal(c));
        s4 = Dsp.flush(Dsp.heal(d));
    }

    @Override
    public boolean canReset() {
        return true;
    }

    @Override
    public void reset(int seed) {
        lastFreq = Float.NaN;
        big = 0;
        s1 = s2 = s3 = s4 = 0;
    }
}
