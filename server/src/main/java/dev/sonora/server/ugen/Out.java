package dev.sonora.server.ugen;

import dev.sonora.server.rt.Lane;
import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.Ugen;

/**
 * Adds its channels into consecutive audio buses from {@code bus}: channel k goes to bus
 * {@code bus + k}. A bus number outside the server's range is ignored (the signal is dropped,
 * never written out of bounds). Inside a parallel group it adds into its task's lane instead,
 * which the audio thread adds into the buses in child order after the join.
 */
public final class Out extends Ugen {
    private final float[][] buses;
    private final boolean[] written;
    private final RtSynth synth;
    private final Wire bus;
    private final Wire[] channels;

    public Out(UnitContext ctx, Wire bus, Wire[] channels) {
        this.synth = ctx.synth();
        this.buses = ctx.world().audioBuses;
        this.written = ctx.world().audioBusWritten;
        this.bus = bus;
        this.channels = channels;
    }

    @Override
    public void process(int from, int to) {
        final int base = (int) bus.value;
        final Wire[] cs = channels;
        final Lane lane = synth.laneOnRt();
        final float[][] buses = lane == null ? this.buses : lane.audioBuses;
        final boolean[] written = lane == null ? this.written : lane.audioBusWritten;
        if (cs.length == 2 && cs[0] == cs[1] && base >= 0 && base + 1 < buses.length) {
            // a mono signal to both sides: one pass instead of two
            final float[] l = buses[base];
            final float[] r = buses[base + 1];
            written[base] = true;
            written[base + 1] = true;
            final float[] src = cs[0].buf;
            for (int i = from; i < to; i++) {
                float v = src[i];
                l[i] += v;
                r[i] += v;
            }
            return;
        }
        for (int c = 0; c < cs.length; c++) {
            int b = base + c;
            if (b < 0 || b >= buses.length) continue;
            written[b] = true;
            final float[] dst = buses[b];
            final float[] src = cs[c].buf;
            for (int i = from; i < to; i++) dst[i] += src[i];
        }
    }

    @Override
    public boolean canReset() {
        return true; // no state of its own
    }

    @Override
    public void reset(int seed) {
    }
}
