package dev.sonora.server.ugen;

import dev.sonora.server.rt.Lane;
import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.Ugen;

/**
 * {@code .out(controlBus)}: writes a signal's latest value to a control bus (inside a parallel
 * group, to its task's lane; the last writer in child order wins, as in a plain group).
 */
public final class ControlOut extends Ugen {
    private final float[] controls;
    private final RtSynth synth;
    private final Wire bus;
    private final Wire in;

    public ControlOut(UnitContext ctx, Wire bus, Wire in) {
        this.synth = ctx.synth();
        this.controls = ctx.world().controlBuses;
        this.bus = bus;
        this.in = in;
    }

    @Override
    public void process(int from, int to) {
        int b = (int) bus.value;
        if (b < 0 || b >= controls.length || to <= from) return;
        float v = Dsp.finite(in.buf[to - 1]);
        Lane lane = synth.laneOnRt();
        if (lane == null) controls[b] = v;
        else lane.writeControlOnRt(b, v);
    }

    @Override
    public boolean canReset() {
        return true; // no state of its own
    }

    @Override
    public void reset(int seed) {
    }
}
