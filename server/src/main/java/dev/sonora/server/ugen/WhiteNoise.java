package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/** White noise in [-1, 1): xorshift32, seeded per instance so renders are repeatable. */
public final class WhiteNoise extends Ugen {
    private final Wire out;
    private int state;

    public WhiteNoise(UnitContext ctx, Wire out) {
        this.out = out;
        this.state = Dsp.noiseSeed(ctx.seed(), 0x6D2B79F5);
    }

    @Override
    public void process(int from, int to) {
        final float[] o = out.buf;
        int s = state;
        for (int i = from; i < to; i++) {
            s = Dsp.xorshift(s);
            o[i] = Dsp.bipolar(s);
        }
        state = s;
    }

    @Override
    public boolean canReset() {
        return true;
    }

    @Override
    public void reset(int seed) {
        state = Dsp.noiseSeed(seed, 0x6D2B79F5);
    }
}
