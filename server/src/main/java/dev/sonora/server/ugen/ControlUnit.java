package dev.sonora.server.ugen;

import dev.sonora.server.rt.SynthControl;

/**
 * A named synth control. Writes its current value to its wire; a {@link #set} ramps
 * linearly to the new value over {@code rampSamples} so changes make no zipper noise.
 * Gates and triggers ({@code rampSamples == 0}) jump at the exact sample instead.
 * Audio thread only.
 */
public final class ControlUnit extends SynthControl {
    private final Wire out;
    private final int rampSamples;
    private float current;
    private float target;
    private float step;
    private int remaining;
    // the ramp ended inside the last range: the wire turns steady from the next range on,
    // because readers of that range must still see its per-sample values
    private boolean steadyNext;

    public ControlUnit(Wire out, float initial, int rampSamples) {
        this.out = out;
        this.rampSamples = rampSamples;
        this.current = initial;
        this.target = initial;
        out.fill(initial);
    }

    /** Takes effect from the next processed range, i.e. at the command's sample offset. */
    @Override
    public void set(float v) {
        if (!(v == v) || Float.isInfinite(v)) return; // NaN/Inf never reach the graph
        target = v;
        if (rampSamples == 0) {
            current = v;
            remaining = 0;
            steadyNext = false;
            out.fill(v);
        } else {
            remaining = rampSamples;
            step = (target - current) / rampSamples;
            out.steady = false;
            steadyNext = false;
        }
    }

    /** True while ramping or about to turn steady: its synth must keep processing it. */
    @Override
    public boolean busy() {
        return remaining != 0 || steadyNext;
    }

    @Override
    public void process(int from, int to) {
        if (remaining == 0) {
            if (steadyNext) {
                out.steady = true;
                steadyNext = false;
            }
            return; // the wire already holds the value for the whole block
        }
        final float[] b = out.buf;
        float c = current;
        int left = remaining;
        int i = from;
        for (; i < to && left > 0; i++, left--) {
            c += step;
            b[i] = c;
        }
        remaining = left;
        if (left == 0) {
            current = target;
            for (; i < to; i++) b[i] = target;
            // the rest of the buffer (and the next blocks) hold the final value: fill all and go steady;
            // samples before i were already consumed by this range's readers
            for (int k = to; k < b.length; k++) b[k] = target;
            for (int k = 0; k < from; k++) b[k] = target;
            out.value = target;
            steadyNext = true;
        } else {
            current = c;
        }
    }

    /** As built with {@code initial}: no ramp, the wire filled and steady. Sender side (pool reset). */
    public void reset(float initial) {
        current = initial;
        target = initial;
        step = 0f;
        remaining = 0;
        steadyNext = false;
        out.fill(initial);
    }
}
