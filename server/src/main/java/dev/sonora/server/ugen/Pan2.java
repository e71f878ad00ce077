package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/**
 * Equal-power stereo panner: {@code in.pan(pos, level)}, pos -1 (left) .. 1 (right);
 * centre gives each side -3 dB, as SuperCollider's Pan2.
 */
public final class Pan2 extends Ugen {
    private final Wire in;
    private final Wire pos;
    private final Wire level;
    private final PanGains gains = new PanGains();
    private final Wire left;
    private final Wire right;

    public Pan2(Wire in, Wire pos, Wire level, Wire left, Wire right) {
        this.in = in;
        this.pos = pos;
        this.level = level;
        this.left = left;
        this.right = right;
    }

    @Override
    public void process(int from, int to) {
        final float[] x = in.buf;
        final float[] l = left.buf;
        final float[] r = right.buf;
        if (pos.steady && level.steady) {
            gains.update(pos.value, level.value);
            final float gl = gains.left;
            final float gr = gains.right;
            for (int i = from; i < to; i++) {
                float v = x[i];
                l[i] = v * gl;
                r[i] = v * gr;
            }
        } else {
            final float[] p = pos.buf;
            final float[] g = level.buf;
            for (int i = from; i < to; i++) {
                float v = x[i] * g[i];
                l[i] = v * gainLeft(p[i]);
                r[i] = v * gainRight(p[i]);
            }
        }
    }

    private static float angle(float pos) {
        float p = pos != pos ? 0f : Math.max(-1f, Math.min(1f, pos));
        return (p + 1f) * 0.125f; // -1..1 onto a quarter cycle (0..90 degrees), in table cycles
    }

    static float gainLeft(float pos) {
        return SineTable.lookup(angle(pos) + 0.25); // cos
    }

    static float gainRight(float pos) {
        return SineTable.lookup(angle(pos));
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
