package dev.sonora.server.ugen;

import dev.sonora.server.rt.Lane;
import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.Ugen;

/**
 * {@code in(bus)}: reads an audio bus (what earlier nodes in this block wrote to it), or with
 * {@code control} a control bus (one value per block, steady). A bus number out of range reads
 * silence. Inside a parallel group it reads the bus as it was when the group began plus what its
 * own task wrote to it, never what a sibling wrote ({@link Lane#readAudioOnRt}).
 */
public final class BusIn extends Ugen {
    private final float[][] audio;
    private final float[] controls;
    private final boolean control;
    private final RtSynth synth;
    private final Wire bus;
    private final Wire out;

    public BusIn(UnitContext ctx, boolean control, Wire bus, Wire out) {
        this.synth = ctx.synth();
        this.audio = ctx.world().audioBuses;
        this.controls = ctx.world().controlBuses;
        this.control = control;
        this.bus = bus;
        this.out = out;
    }

    @Override
    public void process(int from, int to) {
        final int b = (int) bus.value;
        final float[] o = out.buf;
        final Lane lane = synth.laneOnRt();
        if (control) {
            float v = b < 0 || b >= controls.length ? 0f : lane == null ? controls[b] : lane.readControlOnRt(controls, b);
            if (!out.steady || out.value != v) out.fill(v);
            return;
        }
        if (b < 0 || b >= audio.length) {
            for (int i = from; i < to; i++) o[i] = 0f;
            return;
        }
        if (lane == null) System.arraycopy(audio[b], from, o, from, to - from);
        else lane.readAudioOnRt(audio[b], b, o, from, to);
    }

    @Override
    public boolean canReset() {
        return true; // no state of its own
    }

    @Override
    public void reset(int seed) {
    }
}
