package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/**
 * Band-limited pulse, +1 for {@code width} of each cycle and -1 for the rest: the difference of
 * two band-limited saws a width apart, plus the pulse's DC ({@code 2·width - 1}).
 */
public final class Pulse extends Ugen {
    private final Wire freq;
    private final Wire width;
    private final Wire out;
    private final double invRate;
    private int phase;

    public Pulse(UnitContext ctx, Wire freq, Wire width, Wire out) {
        this.freq = freq;
        this.width = width;
        this.out = out;
        this.invRate = 1.0 / ctx.sampleRate();
    }

    @Override
    public void process(int from, int to) {
        final float[] o = out.buf;
        final float[] f = freq.buf;
        final float[] wd = width.buf;
        final boolean steadyFreq = freq.steady;
        int p = phase;
        double inc = Sine.wrapIncrement(freq.value * invRate);
        int step = (int) (long) (inc * Oscillators.CYCLE);
        float[] t = BandLimitedTables.SawTables.ALL[BandLimitedTables.tableFor(inc)];
        for (int i = from; i < to; i++) {
            if (!steadyFreq) {
                inc = Sine.wrapIncrement(f[i] * invRate);
                step = (int) (long) (inc * Oscillators.CYCLE);
                t = BandLimitedTables.SawTables.ALL[BandLimitedTables.tableFor(inc)];
            }
            float w = wd[i];
            w = w > 0.99f ? 0.99f : w < 0.01f ? 0.01f : w != w ? 0.5f : w;
            int q = p + (int) (long) (w * Oscillators.CYCLE);
            o[i] = Oscillators.read(t, p) - Oscillators.read(t, q) + (2 * w - 1);
            p += step;
        }
        phase = p;
    }

    @Override
    public boolean canReset() {
        return true;
    }

    @Override
    public void reset(int seed) {
        phase = 0;
    }
}
