package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/** Stateless per-sample math: {@code tanh()}, {@code clip(lo, hi)}, {@code range(lo, hi)}. */
public final class Shaper extends Ugen {
    public static final int TANH = 0, CLIP = 1, RANGE = 2;
    private final int kind;
    private final Wire in;
    private final Wire lo;
    private final Wire hi;
    private final Wire out;

    public Shaper(int kind, Wire in, Wire lo, Wire hi, Wire out) {
        this.kind = kind;
        this.in = in;
        this.lo = lo;
        this.hi = hi;
        this.out = out;
    }

    @Override
    public void process(int from, int to) {
        final float[] x = in.buf;
        final float[] o = out.buf;
        switch (kind) {
            case TANH -> {
                for (int i = from; i < to; i++) o[i] = (float) Math.tanh(Dsp.finite(x[i]));
            }
            case CLIP -> {
                final float[] l = lo.buf;
                final float[] h = hi.buf;
                for (int i = from; i < to; i++) {
                    float v = Dsp.finite(x[i]);
                    o[i] = v < l[i] ? l[i] : v > h[i] ? h[i] : v;
                }
            }
            default -> {
                final float[] l = lo.buf;
                final float[] h = hi.buf;
                for (int i = from; i < to; i++) o[i] = l[i] + (x[i] + 1f) * 0.5f * (h[i] - l[i]);
            }
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
