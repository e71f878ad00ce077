package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/**
 * Band-limited sawtooth, rising from -1 to 1 once per cycle, read from the table with the most
 * harmonics that all stay below Nyquist (see {@link BandLimitedTables}). The table is chosen
 * when a steady frequency changes, per sample for a moving one.
 */
public final class Saw extends Ugen {
    private final Wire freq;
    private final Wire out;
    private final Oscillators.Voice osc;

    public Saw(UnitContext ctx, Wire freq, Wire out) {
        this.freq = freq;
        this.out = out;
        // phase one half: the first sample is 0 and the ramp rises through -1..1, as SuperCollider's
        // LFSaw; its band-limited Saw falls instead, at half the level (scsynth 3.13, measured).
        // A full-scale rising ramp is what .range(lo, hi) and LFO uses expect.
        this.osc = new Oscillators.Voice(BandLimitedTables.SawTables.ALL, 1.0 / ctx.sampleRate(), 0x80000000);
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
        osc.reset(0x80000000);
    }
}
