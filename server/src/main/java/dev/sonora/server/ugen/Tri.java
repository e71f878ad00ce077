package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/** Band-limited triangle, -1..1, starting at 0 and rising, from the triangle table set. */
public final class Tri extends Ugen {
    private final Wire freq;
    private final Wire out;
    private final Oscillators.Voice osc;

    public Tri(UnitContext ctx, Wire freq, Wire out) {
        this.freq = freq;
        this.out = out;
        this.osc = new Oscillators.Voice(BandLimitedTables.TriTables.ALL, 1.0 / ctx.sampleRate(), 0);
    }

    @Override
    public void process(int from, int to) {
        osc.render(freq, out.buf, from, to);
    }

    @Override
    public boolean canReset() {
        return true;
    }

    @Override
    public void reset(int seed) {
        osc.reset(0);
    }
}
