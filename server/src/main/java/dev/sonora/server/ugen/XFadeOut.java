package dev.sonora.server.ugen;

import dev.sonora.server.rt.Lane;
import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.Ugen;

/**
 * {@code _xfadeout(bus, gain, left, right)}: writes an ndef source to its proxy's stereo bus
 * (issue 16), internal. It adds {@code gain × signal} to what the proxy's other sources wrote
 * earlier in this block, like {@link Out}, and then scales that sum by a correction {@code c} so
 * that a crossfade keeps the level of two <em>correlated</em> sources too. The new source of a
 * change runs after the old ones (the proxy's sources group), so this is the new one's work.
 *
 * <p>Why: an equal-power crossfade (gains {@code cos}, {@code sin}) keeps the level of two
 * unrelated sources, whose powers add. Two copies of one steady sound in phase add as
 * amplitudes, and midway the sum is 3 dB up (a sine handed over to itself swells). The output's
 * power is {@code a²Pb + g²Px + 2·a·g·C}: the other source's gain {@code a}, its power
 * {@code Pb}, this one's gain {@code g} and power {@code Px}, and their cross-power {@code C}.
 * The equal-power target is the same without the cross term, so
 * {@code c² = (a²Pb + g²Px) / (a²Pb + g²Px + 2agC)}.
 *
 * <p>How it is estimated: {@code Px}, {@code Pb} and {@code C} are running means over about
 * {@value #SECONDS} s of the raw signal, of the bus as found, and of their product. The bus as
 * found carries the other source's gain, which moves during the fade, so the means divide it
 * out ({@code Pb = mean(b²)/mean(a²)}, {@code C = mean(b·x)/mean(a)}) and the current gains are
 * applied afresh: a running mean of a faded signal lags the fade, and in a simulation the lag
 * alone was worth 0.4 dB on a 0.5 s fade. The other source's gain is this one's complement,
 * {@code a = √(1 − g²)}: the two fades of a change start on one sample and last as long
 * ({@link XFade}). {@code c} is kept in {@code [1/√2, 2]}: down by 3 dB for copies in phase, up
 * by as much as 6 dB for copies out of phase, whose sum midway is quieter than either (at 120°
 * half the power); past about 145° the sum is quieter than 6 dB can mend, and copies exactly
 * opposite cancel midway, which no gain can: for those the source turns its polarity over
 * early in its fade ({@link #decideTurn}). In a storm of changes (many sources fading at once,
 * where the complement no longer holds) the gains divided out cancel again in {@code a²Pb} and
 * {@code agC} for slowly moving gains, so each source still brings its sum to the sum of the
 * powers it was given: the corrections do not compound (100 changes 11 ms apart, at varied
 * phases, stay within 0.1 dB above the steady level: {@code NdefRenderTest}).
 *
 * <p>With no other source on the bus ({@code b = 0}) the means of {@code b} stay exactly 0,
 * {@code c} is exactly 1, and the output is bit for bit {@code gain × signal} added to the bus,
 * as before the correction existed. Audio thread only after construction; no allocation, no
 * branch per sample that depends on the signal.
 */
public final class XFadeOut extends Ugen {
    /** Time constant of the running means, seconds: long enough to average a beat of two pitches out, short beside a fade. */
    static final double SECONDS = 0.02;
    /** The largest correction, squared: +6 dB, enough for copies up to about 145° apart (a 3 dB dip, rather, at 180°'s neighbours). */
    static final double MAX_CORRECTION_SQ = 4.0;
    /** When a source decides whether to turn its polarity over: 40 ms after it starts (two time constants of the means)... */
    static final double DECIDE_SECONDS = 0.04;
    /** ...or, in a short fade, once its gain reaches this, but not before {@link #DECIDE_EARLIEST_SECONDS}. */
    static final double DECIDE_GAIN = 0.2;
    static final double DECIDE_EARLIEST_SECONDS = 0.005;
    /** It turns over only if its gain is still below this then: its own part of the sum is small, so the turn is not heard. */
    static final double TURN_MAX_GAIN = 0.35;
    /** ... and only if it and what the bus holds are this anti-correlated or more (cos 120°). */
    static final double TURN_CORRELATION = -0.5;
    /** The turn from +1 to -1 takes this long, as a ramp. */
    static final double TURN_SECONDS = 0.01;

    private final float[][] buses;
    private final boolean[] written;
    private final RtSynth synth;
    private final Wire bus;
    private final Wire gain;
    private final Wire left;
    private final Wire right;
    private final double k; // one-pole smoothing coefficient
    private final long decideAt; // samples from the start
    private final long decideEarliest;
    private final double turnStep; // polarity change per sample while turning

    // polarity (audio thread): +1, or -1 for a source that turned over (below)
    private double polarity = 1;
    private double polarityTarget = 1;
    private long samplesRun;
    private long decided; // 0 until the decision was made, then 1

    // running means (audio thread)
    private double meanA2;  // a²
    private double meanA;   // a
    private double meanB2;  // b² over both sides
    private double meanBX;  // b·x over both sides
    private double meanX2;  // x² over both sides
    private double meanOne; // 1: how far the means have built up since the synth started

    public XFadeOut(UnitContext ctx, Wire bus, Wire gain, Wire left, Wire right) {
        this.synth = ctx.synth();
        this.buses = ctx.world().audioBuses;
        this.written = ctx.world().audioBusWritten;
        this.bus = bus;
        this.gain = gain;
        this.left = left;
        this.right = right;
        this.k = 1 - Math.exp(-1 / (SECONDS * ctx.sampleRate()));
        this.decideAt = Math.round(DECIDE_SECONDS * ctx.sampleRate());
        this.decideEarliest = Math.round(DECIDE_EARLIEST_SECONDS * ctx.sampleRate());
        this.turnStep = 2 / (TURN_SECONDS * ctx.sampleRate());
    }

    @Override
    public void process(int from, int to) {
        final int base = (int) bus.value;
        final Lane lane = synth.laneOnRt();
        final float[][] buses = lane == null ? this.buses : lane.audioBuses;
        final boolean[] written = lane == null ? this.written : lane.audioBusWritten;
        if (base < 0 || base + 1 >= buses.length) return; // dropped, never out of bounds (as Out)
        written[base] = true;
        written[base + 1] = true;
        final float[] bl = buses[base];
        final float[] br = buses[base + 1];
        final float[] g = gain.buf;
        final float[] xl = left.buf;
        final float[] xr = right.buf;
        final double k = this.k;
        double a2m = meanA2;
        double am = meanA;
        double b2m = meanB2;
        double bxm = meanBX;
        double x2m = meanX2;
        double onem = meanOne;
        decideTurn(g[from], b2m / Math.max(a2m, 1e-12), bxm / Math.max(am, 1e-6), x2m / Math.max(onem, 1e-12), to - from);
        final double target = polarityTarget;
        final double step = turnStep;
        double pol = polarity;
        for (int i = from; i < to; i++) {
            final float gi = g[i];
            final float l = xl[i];
            final float r = xr[i];
            final float oldL = bl[i];
            final float oldR = br[i];
            pol += Math.max(-step, Math.min(step, target - pol)); // stays exactly 1 unless turned
            final float pl = (float) (l * pol);
            final float pr = (float) (r * pol);
            final double a2 = Math.max(0.0, 1.0 - (double) gi * gi);
            final double a = Math.sqrt(a2);
            a2m += k * (a2 - a2m);
            am += k * (a - am);
            b2m += k * ((double) oldL * oldL + (double) oldR * oldR - b2m);
            // the means are of the signal as it comes, the polarity applied afresh: a turn then
            // changes the correction at once instead of 20 ms late
            bxm += k * ((double) oldL * l + (double) oldR * r - bxm);
            x2m += k * ((double) l * l + (double) r * r - x2m);
            onem += k * (1.0 - onem);
            // a new source's own mean starts with it, at 0, and lags its signal as a whole; the
            // others' are divided by means that lag alike (the gains'), this one by the mean of 1
            final double px = x2m / onem;
            final double pb = b2m / Math.max(a2m, 1e-12);
            final double cross = bxm / Math.max(am, 1e-6);
            final double apart = a2 * pb + (double) gi * gi * px + 1e-30;
            // what the sum holds: while turning, this source's part is |pol| of its gain, and the
            // correction makes up for that too (at pol = 0 the sum is the other source alone)
            final double together = apart - (double) gi * gi * px * (1 - pol * pol) + 2.0 * a * gi * (pol * cross);
            final double c = Math.sqrt(Math.min(MAX_CORRECTION_SQ, Math.max(0.5, apart / Math.max(together, 1e-30))));
            bl[i] = (float) (c * (oldL + pl * gi));
            br[i] = (float) (c * (oldR + pr * gi));
        }
        polarity = pol;
        // a NaN or infinity in the signal would stay in the means for good: start them over
        if (!(Math.abs(a2m + am + b2m + bxm + x2m) < 1e30)) {
            a2m = am = b2m = bxm = x2m = 0;
            onem = 0;
        }
        // flush what has decayed to nothing, without a branch: values below ~1e-36 round to 0
        // (a subnormal double costs a hundred cycles per operation); larger ones are unchanged
        meanA2 = (a2m + 1e-20) - 1e-20;
        meanA = (am + 1e-20) - 1e-20;
        meanB2 = (b2m + 1e-20) - 1e-20;
        meanBX = (bxm + 1e-20) - 1e-20;
        meanX2 = (x2m + 1e-20) - 1e-20;
        meanOne = onem;
    }

    /**
     * Once, in the block where the source is {@link #DECIDE_SECONDS} old (or its gain reaches
     * {@link #DECIDE_GAIN}, in a short fade): a source that came in
     * nearly opposite to what the bus holds (copies of one sound more than 120° apart, which the
     * +6 dB correction cannot bring up past about 145°, and which cancel at 180°) turns its
     * polarity over while its gain is still small. The two are then nearly in phase, which the
     * correction handles, and the source keeps the turned polarity when it plays alone (a
     * polarity is not heard). Without a branch: a test the warm-up never passes would be compiled
     * as never taken, and the first turn of a set would throw this kernel's compiled code away on
     * the audio thread (see RtStats).
     */
    private void decideTurn(float gain, double pb, double cross, double px, int n) {
        long now = samplesRun + n;
        samplesRun = now;
        long late = ~((now - decideAt) >> 63) & 1;
        long loudEnough = ~((now - decideEarliest) >> 63) & 1 & (Double.doubleToRawLongBits(DECIDE_GAIN - gain) >>> 63);
        long due = (late | loudEnough) & ~decided; // 1 in the first block that reaches either
        decided |= due;
        double score = cross - TURN_CORRELATION * Math.sqrt(pb * px) + 1e-30; // < 0: more anti-correlated than cos 120°
        long anti = Double.doubleToRawLongBits(score) >>> 63;
        long small = Double.doubleToRawLongBits(gain - TURN_MAX_GAIN) >>> 63;
        long turn = due & anti & small;
        polarityTarget = polarityTarget * (1 - 2 * turn);
    }

    @Override
    public boolean canReset() {
        return true;
    }

    @Override
    public void reset(int seed) {
        polarity = 1;
        polarityTarget = 1;
        samplesRun = 0;
        decided = 0;
        meanA2 = 0;
        meanA = 0;
        meanB2 = 0;
        meanBX = 0;
        meanX2 = 0;
        meanOne = 0;
    }
}
