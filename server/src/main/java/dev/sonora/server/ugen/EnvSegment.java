package dev.sonora.server.ugen;

/**
 * One curved envelope segment from a start to an end level over a whole number of samples,
 * shaped like SuperCollider's Env curves: {@code curve} 0 is linear, negative bends towards
 * fast-then-slow. Exact at its last sample.
 *
 * <p>A curved level is {@code a - g·m^k}. Sample by sample ({@link #next}) that is one multiply
 * per sample, a chain the processor cannot overlap. {@link #fill} instead multiplies the block's
 * first {@code g} by a table of {@code m^1 … m^n}, made once when the segment starts: no
 * dependency between samples, so the JIT can vectorise it (as a chain it had half of the audio
 * thread's profile samples in a note-heavy render; docs/performance.md). The two ways round
 * differ only in double rounding, far below a float's step. Owned by one envelope unit; audio
 * thread only after construction.
 */
final class EnvSegment {
    /** {@code m^(k+1)} for the curved segment's {@code m}, as far as {@link #fill} may reach. */
    private final double[] powers;
    private float level;
    private float target;
    private long remaining;
    private boolean linear;
    private double step;   // linear
    private double a;      // curved: level = a - g
    private double g;
    private double mult;

    /** {@code maxFill}: the most samples one {@link #fill} call writes (a block); 0 if never called. */
    EnvSegment(int maxFill) {
        powers = new double[maxFill];
    }

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
            // fill never writes a segment's last sample, so it needs at most remaining - 1
            int reach = (int) Math.min(powers.length, remaining - 1);
            double p = 1.0;
            for (int k = 0; k < reach; k++) {
                p *= mult;
                powers[k] = p;
            }
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
     * Writes the next {@code n} levels into {@code o} from index {@code from}, as {@code n}
     * calls of {@link #next} would (a linear segment exactly, a curved one to double rounding);
     * none of them may be the segment's last ({@code n < remaining()}), and {@code n} is at most
     * the {@code maxFill} given at construction, so the loop has no test but its count.
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
            final double gg = g;
            final double[] pw = powers;
            for (int k = 0; k < n; k++) {
                o[from + k] = (float) (aa - gg * pw[k]);
            }
            g = gg * pw[n - 1];
            lv = o[from + n - 1];
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
