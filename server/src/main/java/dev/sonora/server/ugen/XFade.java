package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/**
 * {@code _xfade(fade)}: the crossfade gain of a proxy's source (issue 16), internal (the
 * front end's {@code ndef} appends it to every source graph and to the monitor). Its one input
 * is a control that jumps at its sample ({@code t_...}):
 * <ul>
 * <li>{@code fade >= 0} at the synth's first sample: fade in over {@code fade} seconds, gain
 * {@code sin(π/2 · k/L)} at the k-th sample (0 on the first one), then hold 1;</li>
 * <li>{@code fade < 0} from some sample on: fade out over {@code -fade} seconds from the gain
 * it has, {@code cos(π/2 · k/L)} from full, reaching 0 exactly {@code L} samples later; then
 * the synth ends (done action).</li>
 * </ul>
 * A new source started at sample S and an old one told to fade out at the same S are therefore
 * each other's equal-power complement on every sample: {@code sin² + cos² = 1}. A fade of 0
 * seconds is one sample long. Audio thread only after construction; no allocation.
 */
public final class XFade extends Ugen {
    private final UnitContext ctx;
    private final Wire fade;
    private final Wire out;
    private boolean started;
    private boolean closing;
    private boolean done;
    private int length; // samples of the fade under way (L)
    private int pos;    // 0..L: the gain is sin(π/2 · pos/L)

    public XFade(UnitContext ctx, Wire fade, Wire out) {
        this.ctx = ctx;
        this.fade = fade;
        this.out = out;
    }

    private int samples(float seconds) {
        float s = seconds == seconds && !Float.isInfinite(seconds) ? Math.abs(seconds) : 0f;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2, Math.round((double) s * ctx.sampleRate())));
    }

    @Override
    public void process(int from, int to) {
        final float[] f = fade.buf;
        final float[] o = out.buf;
        if (!started) {
            started = true;
            length = samples(f[from]);
            pos = f[from] == 0f ? length : 0; // no fade: full from the first sample
        }
        int p = pos;
        int l = length;
        final double w = Math.PI / 2;
        for (int i = from; i < to; i++) {
            if (done) {
                o[i] = 0f;
                continue;
            }
            if (!closing && f[i] < 0f) {
                closing = true;
                int nl = samples(f[i]);
                p = (int) Math.round((double) p * nl / l); // go on from the gain it has
                l = nl;
            }
            o[i] = p >= l ? 1f : (float) Math.sin(w * p / l);
            if (closing) {
                if (--p < 0) {
                    done = true;
                    ctx.synth().markDone();
                }
            } else if (p < l) {
                p++;
            }
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
        closing = false;
        done = false;
        length = 0;
        pos = 0;
    }
}
