package dev.sonora.server.ugen;

/**
 * One curved envelope segment from a start to an end level over a whole number of samples,
 * shaped like SuperCollider's Env curves: {@code curve} 0 is linear, negative bends towards
 * fast-then-slow. Evaluated by recurrence (one multiply per sample), exact at its last sample.
 * Owned by one envelope unit; audio thread only after construction.
 */
final class EnvSegment {
    private float level;
    private float target;
    private long remaining;
    private boolean linear;
    private double step;   // linear
    private double a;      // curved: level = a - g
    private double g;
    private double mult;

    /** Starts a segment of {@code samples} (at least 1) from {@code start} to {@code end}. */
    void start(float start, float end, long samples, float curve) {
        level = start;
        target = end;
        remaining = Math.max(1, samples);
        linear = Math.abs(curve) < 1e-3f;
        if (linear) {
            step = (end - (double) start) / remaining;
        } else {
            double a2 = (end - (double) start) / (1.0 - Math.exp(curve));
            a = start + a2;
            g = a2;
            mult = Math.exp(curve / (double) remaining);
        }
    }

    /** Holds {@code value} with no end. */
    void hold(float value) {
        level = value;
        target = value;
        remaining = 0;
    }

    boolean finished() {
        return remaining == 0;
    }

    float level() {
        return level;
    }

    /** Advances one sample and returns the new level. */
    float next() {
        if (remaining == 0) return level;
        if (--remaining == 0) {
            level = target;
        } else if (linear) {
            level = (float) (level + step);
        } else {
            g *= mult;
            level = (float) (a - g);
        }
        return level;
    }

    /** Samples left in the segment, its last one included (0: finished or holding). */
    long remaining() {
        return remaining;
    }

    /**
     * Writes the next {@code n} levels into {@code o} from index {@code from}, exactly as
     * {@code n} calls of {@link #next} would; none of them may be the segment's last
     * ({@code n < remaining()}), so the loop has no test but its count.
     */
    void fill(float[] o, int from, int n) {
        remaining -= n;
        float lv = level;
        if (linear) {
            final double st = step;
            for (int i = from; i < from + n; i++) {
                lv = (float) (lv + st);
                o[i] = lv;
            }
        } else {
            final double aa = a;
            final double m = mult;
            double gg = g;
            for (int i = from; i < from + n; i++) {
                gg *= m;
                lv = (float) (aa - gg);
                o[i] = lv;
            }
            g = gg;
        }
        level = lv;
    }

    /** As built: level 0, finished. */
    void reset() {
        level = 0f;
        target = 0f;
        remaining = 0;
        linear = false;
        step = 0;
        a = 0;
        g = 0;
        mult = 0;
    }
}
