package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/**
 * {@code _xfade(fade, outs)}: the crossfade gain of a proxy's source (issue 16), internal (the
 * front end's {@code ndef} appends it to every source graph and to the monitor). Both inputs are
 * controls that jump at their sample ({@code t_...}):
 * <ul>
 * <li>{@code fade >= 0} at the synth's first sample: fade in over {@code fade} seconds, gain
 * {@code sin(π/2 · k/L)} at the k-th sample (0 on the first one), then hold 1;</li>
 * <li>a fade-out, each time {@code outs} counts up (and the first time {@code fade} goes
 * negative, for a sender that uses {@code fade} alone): from that sample the gain is also
 * multiplied by {@code cos(π/2 · k/L)} over {@code L = -fade} seconds, reaching 0 exactly
 * {@code L} samples later; then the synth ends (done action).</li>
 * </ul>
 * A new source started at sample S and every older one told to fade out at the same S are
 * therefore each other's equal-power complement on every sample ({@code sin² + cos²·1 = 1}, the
 * older ones' powers summing to 1 before S). A source still fading in when it is replaced goes
 * on fading in under its fade-out, and a source already fading out takes the new fade-out as
 * well: changes faster than the fade time keep the level, where a single fade from the gain a
 * source had let it sink (-10 dB with a change every quarter of the fade). At most
 * {@value #MAX_OUTS} fade-outs at once are applied (more changes in one fade time: the sum
 * rises a little above the level). A fade of 0 seconds is one sample long. Audio thread only after construction;
 * no allocation.
 */
public final class XFade extends Ugen {
    /** Fade-outs applied at once; more are ignored (see above). */
    static final int MAX_OUTS = 32;
    private final UnitContext ctx;
    private final Wire fade;
    private final Wire outs;
    private final Wire out;
    private boolean started;
    private boolean closedOnce; // a fade-out has begun
    private boolean done;
    private float lastOuts;
    private int length; // samples of the fade-in (L)
    private int pos;    // 0..L: the fade-in's gain is sin(π/2 · pos/L)
    private int fading; // fade-outs under way
    private final int[] outLength = new int[MAX_OUTS];
    private final int[] outLeft = new int[MAX_OUTS]; // L..0: that fade-out's gain is sin(π/2 · left/L)
    // the second fade-out on: its gain cos(j·δ) and sin(j·δ) at its j-th sample, turned on by δ each
    // sample (a few multiplies, where a sine per fade-out per sample would cost a storm of changes
    // dearly); the first keeps its sine, so a plain crossfade is what it always was, sample for sample
    private final double[] outCos = new double[MAX_OUTS];
    private final double[] outSin = new double[MAX_OUTS];
    private final double[] stepCos = new double[MAX_OUTS];
    private final double[] stepSin = new double[MAX_OUTS];

    public XFade(UnitContext ctx, Wire fade, Wire outs, Wire out) {
        this.ctx = ctx;
        this.fade = fade;
        this.outs = outs;
        this.out = out;
    }

    private int samples(float seconds) {
        float s = seconds == seconds && !Float.isInfinite(seconds) ? Math.abs(seconds) : 0f;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2, Math.round((double) s * ctx.sampleRate())));
    }

    @Override
    public void process(int from, int to) {
        final float[] f = fade.buf;
        final float[] n = outs.buf;
        final float[] o = out.buf;
        if (!started) {
            started = true;
            length = samples(f[from]);
            pos = f[from] == 0f ? length : 0; // no fade: full from the first sample
            lastOuts = n[from];
        }
        int p = pos;
        int l = length;
        final double w = Math.PI / 2;
        for (int i = from; i < to; i++) {
            if (done) {
                o[i] = 0f;
                continue;
            }
            boolean counted = n[i] > lastOuts;
            if (counted || (!closedOnce && f[i] < 0f)) {
                lastOuts = n[i];
                closedOnce = true;
                if (fading < MAX_OUTS) {
                    int len = samples(f[i]);
                    outLength[fading] = len;
                    outLeft[fading] = len;
                    outCos[fading] = 1.0;
                    outSin[fading] = 0.0;
                    stepCos[fading] = Math.cos(w / len);
                    stepSin[fading] = Math.sin(w / len);
                    fading++;
                }
            }
            double g = p >= l ? 1.0 : Math.sin(w * p / l);
            boolean ends = false;
            if (fading > 0) {
                int left = outLeft[0];
                g *= Math.sin(w * left / outLength[0]);
                if (left == 0) ends = true;
                outLeft[0] = left - 1;
            }
            for (int k = 1; k < fading; k++) {
                int left = outLeft[k];
                double c = outCos[k];
                double sn = outSin[k];
                g *= left == 0 ? 0.0 : c;
                if (left == 0) ends = true;
                outLeft[k] = left - 1;
                outCos[k] = c * stepCos[k] - sn * stepSin[k];
                outSin[k] = sn * stepCos[k] + c * stepSin[k];
            }
            o[i] = (float) g;
            if (ends) {
                done = true;
                ctx.synth().markDone();
            }
            if (p < l) p++;
        }
        pos = p;
        length = l;
    }

    @Override
    public boolean canReset() {
        return true;
    }

    @Override
    public void reset(int seed) {
        started = false;
        closedOnce = false;
        done = false;
        lastOuts = 0f;
        length = 0;
        pos = 0;
        fading = 0;
    }
}
