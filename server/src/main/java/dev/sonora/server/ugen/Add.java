package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/** {@code a.add(b)}: sum, with a scalar kernel when one side is steady. */
public final class Add extends Ugen {
    private final Wire a;
    private final Wire b;
    private final Wire out;

    public Add(Wire a, Wire b, Wire out) {
        this.a = a;
        this.b = b;
        this.out = out;
    }

    @Override
    public void process(int from, int to) {
        final float[] o = out.buf;
        if (b.steady) {
            final float[] x = a.buf;
            final float k = b.value;
            for (int i = from; i < to; i++) o[i] = x[i] + k;
        } else if (a.steady) {
            final float[] y = b.buf;
            final float k = a.value;
            for (int i = from; i < to; i++) o[i] = y[i] + k;
        } else {
            final float[] x = a.buf;
            final float[] y = b.buf;
            for (int i = from; i < to; i++) o[i] = x[i] + y[i];
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
