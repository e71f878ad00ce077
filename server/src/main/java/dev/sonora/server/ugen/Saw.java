package dev.sonora.server.ugen;

/**
 * Band-limited sawtooth, -1..1: a naive ramp with its jump smoothed by a polynomial
 * band-limited step (PolyBLEP), which removes most of the aliasing a naive saw makes.
 */
public final class Saw extends Ugen {
    private final Wire freq;
    private final Wire out;
    private final double invRate;
    private double phase = 0.5; // start at 0 output, like SuperCollider's Saw

    public Saw(UnitContext ctx, Wire freq, Wire out) {
        this.freq = freq;
        this.out = out;
        this.invRate = 1.0 / ctx.sampleRate();
    }

    @Override
    public void process(int from, int to) {
        final float[] o = out.buf;
        final float[] f = freq.buf;
        final boolean steady = freq.steady;
        final double steadyInc = freq.value * invRate;
        double p = phase;
        for (int i = from; i < to; i++) {
            double inc = steady ? steadyInc : f[i] * invRate;
            if (!(inc == inc)) inc = 0.0;
            double dt = Math.min(Math.abs(inc), 0.5);
            double v = 2.0 * p - 1.0 - blep(p, dt);
            o[i] = (float) v;
            p += inc;
            if (p >= 1.0 || p < 0.0) p -= Math.floor(p);
        }
        phase = p;
    }

    /** The correction around the discontinuity at phase 0. */
    static double blep(double p, double dt) {
        if (dt <= 0.0) return 0.0;
        if (p < dt) {
            double t = p / dt;
            return t + t - t * t - 1.0;
        }
        if (p > 1.0 - dt) {
            double t = (p - 1.0) / dt;
            return t * t + t + t + 1.0;
        }
        return 0.0;
    }
}
