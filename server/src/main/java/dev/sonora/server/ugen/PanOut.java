package dev.sonora.server.ugen;

import dev.sonora.server.rt.Lane;
import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.Ugen;

/**
 * {@code pan} straight into {@code out}: the graph builder fuses the two when the panner's
 * only use is a stereo {@code out}, so each voice adds into the buses in one pass instead of
 * writing two wires and reading them back. Same gains as {@link Pan2}, same bus rules as
 * {@link Out}.
 */
public final class PanOut extends Ugen {
    private final float[][] buses;
    private final boolean[] written;
    private final RtSynth synth;
    private final Wire in;
    private final Wire pos;
    private final Wire level;
    private final PanGains gains = new PanGains();
    private final Wire bus;

    public PanOut(UnitContext ctx, Wire in, Wire pos, Wire level, Wire bus) {
        this.synth = ctx.synth();
        this.buses = ctx.world().audioBuses;
        this.written = ctx.world().audioBusWritten;
        this.in = in;
        this.pos = pos;
        this.level = level;
        this.bus = bus;
    }

    @Override
    public void process(int from, int to) {
        final int b = (int) bus.value;
        final Lane lane = synth.laneOnRt(); // inside a parallel group: its task's own buses
        final float[][] buses = lane == null ? this.buses : lane.audioBuses;
        final boolean[] written = lane == null ? this.written : lane.audioBusWritten;
        if (b < 0 || b + 1 >= buses.length) return;
        written[b] = true;
        written[b + 1] = true;
        final float[] l = buses[b];
        final float[] r = buses[b + 1];
        final float[] x = in.buf;
        if (pos.steady && level.steady) {
            gains.update(pos.value, level.value);
            final float gl = gains.left;
            final float gr = gains.right;
            // one channel per loop: each is a[i] += b[i] * k, which the JIT turns into vector code
            for (int i = from; i < to; i++) l[i] = Math.fma(x[i], gl, l[i]);
            for (int i = from; i < to; i++) r[i] = Math.fma(x[i], gr, r[i]);
        } else {
            final float[] p = pos.buf;
            final float[] g = level.buf;
            for (int i = from; i < to; i++) {
                float v = x[i] * g[i];
                l[i] += v * Pan2.gainLeft(p[i]);
                r[i] += v * Pan2.gainRight(p[i]);
            }
        }
    }

    @Override
    public boolean canReset() {
        return true;
    }

    @Override
    public void reset(int seed) {
        gains.reset();
    }
}
