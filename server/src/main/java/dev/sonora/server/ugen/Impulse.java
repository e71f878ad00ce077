package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/** {@code impulse(freq)}: one sample of 1 per cycle (the first at the start), 0 elsewhere. */
public final class Impulse extends Ugen {
    private final Wire freq;
    private final Wire out;
    private final double invRate;
    private double phase = 1.0;

    public Impulse(UnitContext ctx, Wire freq, Wire out) {
        this.freq = freq;
        this.out = out;
        this.invRate = 1.0 / ctx.sampleRate();
    }

    @Override
    public void process(int from, int to) {
        final float[] f = freq.buf;
        final float[] o = out.buf;
        double p = phase;
        for (int i = from; i < to; i++) {
            if (p >= 1.0) {
                p -= Math.floor(p);
                o[i] = 1f;
            } else {
                o[i] = 0f;
            }
            double inc = Dsp.finite(f[i]) * invRate;
            p += inc > 0 ? inc : 0;
        }
        phase = p;
    }

    @Override
    public boolean canReset() {
        return true;
    }

    @Override
    public void reset(int seed) {
        phase = 1.0;
    }
}
