package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/**
 * {@code line(from, to, dur)}: a straight ramp over {@code dur} seconds that then holds
 * {@code to}. Inputs are read once, when the synth starts. With {@code doneAction} 1 it
 * ends its synth when the ramp is done.
 */
public final class Line extends Ugen {
    private final Wire from0;
    private final Wire to0;
    private final Wire dur;
    private final Wire out;
    private final Wire doneAction;
    private boolean freeWhenDone;
    private final UnitContext ctx;
    private boolean started;
    private float level;
    private float step;
    private float end;
    private long remaining;

    public Line(UnitContext ctx, Wire from, Wire to, Wire dur, Wire doneAction, Wire out) {
        this.ctx = ctx;
        this.from0 = from;
        this.to0 = to;
        this.dur = dur;
        this.out = out;
        this.doneAction = doneAction;
        this.freeWhenDone = doneAction.value >= 1f;
    }

    @Override
    public void process(int from, int to) {
        if (!started) {
            started = true;
            level = finite(from0.buf[from]);
            end = finite(to0.buf[from]);
            remaining = Math.max(1, Math.round(finite(dur.buf[from]) * ctx.sampleRate()));
            step = (end - level) / remaining;
        }
        final float[] o = out.buf;
        float v = level;
        long left = remaining;
        for (int i = from; i < to; i++) {
            if (left > 0) {
                v += step;
                if (--left == 0) {
                    v = end;
                    if (freeWhenDone) ctx.synth().markDone();
                }
            }
            o[i] = v;
        }
        level = v;
        remaining = left;
    }

    static float finite(float x) {
        return x == x && !Float.isInfinite(x) ? x : 0f;
    }

    @Override
    public boolean canReset() {
        return true;
    }

    @Override
    public void reset(int seed) {
        freeWhenDone = doneAction.value >= 1f;
        started = false;
        level = 0f;
        step = 0f;
        end = 0f;
        remaining = 0;
    }
}
