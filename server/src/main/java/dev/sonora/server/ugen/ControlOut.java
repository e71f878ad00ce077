package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/** {@code .out(controlBus)}: writes a signal's latest value to a control bus. */
public final class ControlOut extends Ugen {
    private final float[] controls;
    private final Wire bus;
    private final Wire in;

    public ControlOut(UnitContext ctx, Wire bus, Wire in) {
        this.controls = ctx.world().controlBuses;
        this.bus = bus;
        this.in = in;
    }

    @Override
    public void process(int from, int to) {
        int b = (int) bus.value;
        if (b >= 0 && b < controls.length && to > from) controls[b] = Dsp.finite(in.buf[to - 1]);
    }

    @Override
    public boolean canReset() {
        return true; // no state of its own
    }

    @Override
    public void reset(int seed) {
    }
}
