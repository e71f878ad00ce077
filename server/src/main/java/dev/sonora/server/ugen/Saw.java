package dev.sonora.server.ugen;

/**
 * Band-limited sawtooth, rising from -1 to 1 once per cycle, read from the table with the most
 * harmonics that all stay below Nyquist (see {@link BandLimitedTables}). The table is chosen
 * once per range for a steady frequency, per sample for a moving one.
 */
public final class Saw extends Ugen {
    private final Wire freq;
    private final Wire out;
    private final double invRate;
    private int phase = 0x80000000; // start at 0 output, like SuperCollider's Saw

    public Saw(UnitContext ctx, Wire freq, Wire out) {
        this.freq = freq;
        this.out = out;
        this.invRate = 1.0 / ctx.sampleRate();
    }

    @Override
    public void process(int from, int to) {
        phase = Oscillators.render(BandLimitedTables.SAW, freq, invRate, phase, out.buf, from, to);
    }
}
