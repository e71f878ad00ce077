package dev.sonora.server.ugen;

/** Band-limited triangle, -1..1, starting at 0 and rising, from the triangle table set. */
public final class Tri extends Ugen {
    private final Wire freq;
    private final Wire out;
    private final double invRate;
    private int phase = 0;

    public Tri(UnitContext ctx, Wire freq, Wire out) {
        this.freq = freq;
        this.out = out;
        this.invRate = 1.0 / ctx.sampleRate();
    }

    @Override
    public void process(int from, int to) {
        phase = Oscillators.render(BandLimitedTables.TRI, freq, invRate, phase, out.buf, from, to);
    }
}
