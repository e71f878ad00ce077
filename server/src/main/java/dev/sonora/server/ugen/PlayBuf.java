package dev.sonora.server.ugen;

import dev.sonora.server.rt.Buffer;
import dev.sonora.server.rt.Ugen;

/**
 * {@code playbuf(buffer, rate, loop, begin, end)}: plays a loaded buffer, stereo out (a mono
 * buffer on both sides). The buffer is the one in its slot when the synth is built; the synth
 * holds it (counted on the NRT side), so reloading the slot never pulls samples from under a
 * running voice. Rate 1 is the original pitch (buffers are stored at the server rate); positions
 * between samples are interpolated (4-point Hermite). {@code begin} and {@code end} choose a part
 * of the buffer as fractions of its length (0 and 1: all of it; an end not after the begin means
 * the buffer's end), read when the synth starts, as a pattern's {@code chop} gives them. Forward
 * it starts at the begin, backwards (a negative rate) at the end. Without loop the synth ends
 * when it leaves the part (free on done); looping wraps within it.
 */
public final class PlayBuf extends Ugen {
    private final UnitContext ctx;
    private final Buffer buffer;
    private final Wire rate;
    private final boolean loop;
    private final Wire left;
    private final Wire right;
    private final double first; // the part played, in frames: [first, last)
    private final double last;
    private double position;
    private boolean done;

    public PlayBuf(UnitContext ctx, Wire slot, Wire rate, Wire loop, Wire begin, Wire end, Wire left, Wire right) {
        this.ctx = ctx;
        this.rate = rate;
        this.loop = loop.value >= 0.5f;
        this.left = left;
        this.right = right;
        Buffer b = ctx.buffers() == null ? null : ctx.buffers().current((int) slot.value);
        if (b != null) {
            ctx.buffers().acquire(b);
            ctx.synth().hold(b);
        }
        this.buffer = b;
        int frames = b == null ? 0 : b.channel(0).length;
        double from = clamp01(begin.value);
        double to = clamp01(end.value);
        if (!(to > from)) to = 1;
        this.first = Math.floor(from * frames);
        this.last = Math.max(first + 1, Math.floor(to * frames));
        this.position = rate.value < 0 ? last - 1 : first;
    }

    private static double clamp01(float v) {
        return v >= 0f && v <= 1f ? v : (v > 1f ? 1 : 0); // NaN: 0
    }

    @Override
    public void process(int from, int to) {
        final float[] l = left.buf;
        final float[] r = right.buf;
        if (buffer == null || done) {
            for (int i = from; i < to; i++) {
                l[i] = 0f;
                r[i] = 0f;
            }
            return; // an empty slot plays silence (the front end waits for loads before playing)
        }
        final float[] a = buffer.channel(0);
        final float[] b = buffer.channel(1);
        final int frames = a.length;
        final float[] rt = rate.buf;
        final double lo = first;
        final double hi = Math.min(last, frames);
        double p = position;
        for (int i = from; i < to; i++) {
            if (p >= hi || p < lo) {
                if (loop) {
                    p = lo + (p - lo) - Math.floor((p - lo) / (hi - lo)) * (hi - lo);
                } else {
                    for (; i < to; i++) {
                        l[i] = 0f;
                        r[i] = 0f;
                    }
                    done = true;
                    ctx.synth().markDone();
                    break;
                }
            }
            int k = (int) p;
            float frac = (float) (p - k);
            l[i] = hermite(a, k, frac, frames);
            r[i] = a == b ? l[i] : hermite(b, k, frac, frames);
            float step = rt[i];
            p += step - step == 0f ? step : 0f;
        }
        position = p;
    }

    private float hermite(float[] x, int k, float t, int n) {
        float ym1 = x[wrap(k - 1, n)], y0 = x[k], y1 = x[wrap(k + 1, n)], y2 = x[wrap(k + 2, n)];
        float c1 = 0.5f * (y1 - ym1);
        float c2 = ym1 - 2.5f * y0 + 2f * y1 - 0.5f * y2;
        float c3 = 0.5f * (y2 - ym1) + 1.5f * (y0 - y1);
        return ((c3 * t + c2) * t + c1) * t + y0;
    }

    private int wrap(int i, int n) {
        if (i >= 0 && i < n) return i;
        return loop ? Math.floorMod(i, n) : (i < 0 ? 0 : n - 1);
    }
}
