package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/**
 * {@code .reverb(mix, room, damp)}: a stereo Freeverb-class reverb (Schroeder/Moorer design
 * as Jezar's public-domain Freeverb: eight damped feedback combs in parallel into four
 * series allpasses per side, the right side's lines 23 samples longer for width). Delay
 * lengths are scaled from 44.1 kHz to the server rate. {@code mix} 0 is dry, 1 is all wet;
 * {@code room} sets the comb feedback, {@code damp} the high-frequency loss.
 * All lines are allocated when the synth is built.
 *
 * <p>Denormals: rather than flushing every sample written into 24 lines (a third of the
 * work), the reverb watches its own tail. Once the input has been silent and the wet output
 * below -140 dB for longer than the longest line, every line and state is cleared to exact 0
 * and the reverb idles (passes the dry signal, computes nothing) until sound comes in again.
 * The clearing is spread over blocks, {@link #CLEAR_PER_FRAME} line samples per frame rendered
 * (about 14 blocks of 64 at 48 kHz for the 27,000 samples of lines), so a block's work stays
 * bounded however many reverbs fall quiet at once; the dry signal passes meanwhile.
 * Tails therefore never decay into denormal range, and a reverb left in a set costs nothing
 * while it has nothing to reverberate.
 */
public final class Freeverb extends Ugen {
    private static final int[] COMBS = {1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617};
    private static final int[] ALLPASSES = {556, 441, 341, 225};
    private static final int SPREAD = 23;
    private static final float INPUT_GAIN = 0.015f;
    private static final float WET_GAIN = 3f;

    private final Wire inL, inR, mix, room, damp;
    private final Wire outL, outR;
    private final Side left;
    private final Side right;
    private final float[] mono;
    /** Line samples cleared per frame rendered, while the dead tail is being cleared. */
    static final int CLEAR_PER_FRAME = 32;

    /** Frames of silent input with an inaudible tail needed before the lines are cleared. */
    private final int quietNeeded;
    private int quiet;
    private boolean idle = true;
    private boolean clearing; // the tail is dead and the lines are being cleared, a slice per range

    public Freeverb(UnitContext ctx, Wire inL, Wire inR, Wire mix, Wire room, Wire damp, Wire outL, Wire outR) {
        this.inL = inL;
        this.inR = inR;
        this.mix = mix;
        this.room = room;
        this.damp = damp;
        this.outL = outL;
        this.outR = outR;
        double scale = ctx.sampleRate() / 44100.0;
        this.left = new Side(scale, 0, ctx.blockSize());
        this.right = new Side(scale, SPREAD, ctx.blockSize());
        this.mono = new float[ctx.blockSize()];
        this.quietNeeded = 2 * right.comb[COMBS.length - 1].length;
    }

    /** One channel's combs and allpasses, processed filter by filter over a range (each line stays hot). */
    private static final class Side {
        final float[][] comb = new float[COMBS.length][];
        final int[] combPos = new int[COMBS.length];
        final float[] combStore = new float[COMBS.length];
        final float[][] allpass = new float[ALLPASSES.length][];
        final int[] allpassPos = new int[ALLPASSES.length];
        final float[] acc;
        // where clearing has got to: a line index (combs first, then allpasses) and a position in it
        private int clearLine = Integer.MAX_VALUE;
        private int clearPos;

        Side(double scale, int spread, int blockSize) {
            for (int i = 0; i < COMBS.length; i++) comb[i] = new float[(int) Math.round((COMBS[i] + spread) * scale)];
            for (int i = 0; i < ALLPASSES.length; i++) allpass[i] = new float[(int) Math.round((ALLPASSES[i] + spread) * scale)];
            acc = new float[blockSize];
        }

        /** As built: every line, position and store at 0, not clearing. */
        void reset() {
            for (float[] line : comb) java.util.Arrays.fill(line, 0f);
            for (float[] line : allpass) java.util.Arrays.fill(line, 0f);
            java.util.Arrays.fill(combPos, 0);
            java.util.Arrays.fill(combStore, 0f);
            java.util.Arrays.fill(allpassPos, 0);
            java.util.Arrays.fill(acc, 0f);
            clearLine = Integer.MAX_VALUE;
            clearPos = 0;
        }

        /** A NaN-poisoned comb restarts silent. */
        private static float settle(float store, float[] line) {
            if (!(store - store == 0f)) {
                java.util.Arrays.fill(line, 0f);
                return 0f;
            }
            return store;
        }

        /** Starts clearing every line and state back to exact 0 (the tail has died away). */
        void startClear() {
            java.util.Arrays.fill(combStore, 0f);
            clearLine = 0;
            clearPos = 0;
        }

        /** Clears up to {@code budget} line samples where the last call stopped; returns the budget left. */
        int clearSome(int budget) {
            while (budget > 0 && clearLine < comb.length + allpass.length) {
                float[] line = clearLine < comb.length ? comb[clearLine] : allpass[clearLine - comb.length];
                int n = Math.min(budget, line.length - clearPos);
                java.util.Arrays.fill(line, clearPos, clearPos + n, 0f);
                budget -= n;
                clearPos += n;
                if (clearPos == line.length) {
                    clearLine++;
                    clearPos = 0;
                }
            }
            return budget;
        }

        boolean cleared() {
            return clearLine >= comb.length + allpass.length;
        }

        /** Line samples not yet cleared (0 when not clearing). */
        int leftToClear() {
            int n = 0;
            for (int i = Math.max(clearLine, 0); i < comb.length + allpass.length; i++) {
                n += (i < comb.length ? comb[i] : allpass[i - comb.length]).length - (i == clearLine ? clearPos : 0);
            }
            return n;
        }

        /** The largest wet magnitude of the range last run. */
        float peak(int from, int to) {
            float p = 0f;
            for (int i = from; i < to; i++) p = Math.max(p, Math.abs(acc[i]));
            return p;
        }

        /** Reverberates input[from, to) into {@link #acc}. */
        void run(float[] input, int from, int to, float feedback, float damp1, float damp2) {
            final float[] sum = acc;
            for (int i = from; i < to; i++) sum[i] = 0f;
            // four combs per pass: their one-pole damping chains are independent, so the CPU
            // overlaps them instead of waiting on one multiply-add chain at a time
            for (int c = 0; c < comb.length; c += 4) {
                final float[] l0 = comb[c], l1 = comb[c + 1], l2 = comb[c + 2], l3 = comb[c + 3];
                int p0 = combPos[c], p1 = combPos[c + 1], p2 = combPos[c + 2], p3 = combPos[c + 3];
                float s0 = combStore[c], s1 = combStore[c + 1], s2 = combStore[c + 2], s3 = combStore[c + 3];
                int i = from;
                while (i < to) {
                    // a run in which no line wraps, so the inner loop has no position checks
                    int run = Math.min(to - i, Math.min(Math.min(l0.length - p0, l1.length - p1),
                            Math.min(l2.length - p2, l3.length - p3)));
                    for (int j = 0; j < run; j++) {
                        final float in = input[i + j];
                        float y0 = l0[p0 + j], y1 = l1[p1 + j], y2 = l2[p2 + j], y3 = l3[p3 + j];
                        s0 = Math.fma(s0, damp1, y0 * damp2);
                        s1 = Math.fma(s1, damp1, y1 * damp2);
                        s2 = Math.fma(s2, damp1, y2 * damp2);
                        s3 = Math.fma(s3, damp1, y3 * damp2);
                        l0[p0 + j] = Math.fma(s0, feedback, in);
                        l1[p1 + j] = Math.fma(s1, feedback, in);
                        l2[p2 + j] = Math.fma(s2, feedback, in);
                        l3[p3 + j] = Math.fma(s3, feedback, in);
                        sum[i + j] += (y0 + y1) + (y2 + y3);
                    }
                    i += run;
                    p0 += run;
                    p1 += run;
                    p2 += run;
                    p3 += run;
                    if (p0 == l0.length) p0 = 0;
                    if (p1 == l1.length) p1 = 0;
                    if (p2 == l2.length) p2 = 0;
                    if (p3 == l3.length) p3 = 0;
                }
                combPos[c] = p0;
                combPos[c + 1] = p1;
                combPos[c + 2] = p2;
                combPos[c + 3] = p3;
                combStore[c] = settle(s0, l0);
                combStore[c + 1] = settle(s1, l1);
                combStore[c + 2] = settle(s2, l2);
                combStore[c + 3] = settle(s3, l3);
            }
            for (int a = 0; a < allpass.length; a++) {
                final float[] line = allpass[a];
                final int len = line.length;
                int p = allpassPos[a];
                for (int i = from; i < to; i++) {
                    float buffered = line[p];
                    float x = sum[i];
                    float w = x + buffered * 0.5f;
                    line[p] = w;
                    if (++p == len) p = 0;
                    sum[i] = buffered - x;
                }
                allpassPos[a] = p;
            }
        }
    }

    @Override
    public void process(int from, int to) {
        // mix, room and damp are read once per range (control rate): they shape a tail, not a waveform
        final float wet = Dsp.clamp(Dsp.finite(mix.buf[from]), 0f, 1f);
        final float feedback = 0.7f + 0.28f * Dsp.clamp(Dsp.finite(room.buf[from]), 0f, 1f);
        final float d1 = 0.4f * Dsp.clamp(Dsp.finite(damp.buf[from]), 0f, 1f);
        final float d2 = 1f - d1;
        final float[] l = inL.buf, r = inR.buf, m = mono;
        boolean silent = true;
        for (int i = from; i < to; i++) {
            float v = (Dsp.finite(l[i]) + Dsp.finite(r[i])) * INPUT_GAIN;
            m[i] = v;
            if (Math.abs(v) >= 1e-20f) silent = false;
        }
        final float dry = 1f - wet;
        final float[] ol = outL.buf, or = outR.buf;
        if (silent && (idle || clearing)) {
            for (int i = from; i < to; i++) {
                ol[i] = Dsp.finite(l[i]) * dry;
                or[i] = Dsp.finite(r[i]) * dry;
            }
            if (clearing) clearSlice(to - from);
            return;
        }
        // sound again: a half-cleared line holds only a tail below -140 dB, so it plays on from there
        idle = false;
        clearing = false;
        left.run(m, from, to, feedback, d1, d2);
        right.run(m, from, to, feedback, d1, d2);
        final float gain = wet * WET_GAIN;
        final float[] wl = left.acc, wr = right.acc;
        for (int i = from; i < to; i++) {
            ol[i] = Dsp.finite(l[i]) * dry + wl[i] * gain;
            or[i] = Dsp.finite(r[i]) * dry + wr[i] * gain;
        }
        if (!silent || Math.max(left.peak(from, to), right.peak(from, to)) >= 1e-7f) {
            quiet = 0;
        } else if ((quiet += to - from) >= quietNeeded) {
            left.startClear();
            right.startClear();
            quiet = 0;
            clearing = true;
        }
    }

    /** Line samples still to clear before the reverb idles; 0 unless clearing. Audio thread (tests read it between ranges). */
    int leftToClear() {
        return clearing ? left.leftToClear() + right.leftToClear() : 0;
    }

    /** One range's share of clearing the dead tail; idles once every line is at exact 0. */
    private void clearSlice(int frames) {
        right.clearSome(left.clearSome(frames * CLEAR_PER_FRAME));
        if (left.cleared() && right.cleared()) {
            clearing = false;
            idle = true;
        }
    }

    @Override
    public boolean canReset() {
        return true;
    }

    @Override
    public void reset(int seed) {
        left.reset();
        right.reset();
        java.util.Arrays.fill(mono, 0f);
        quiet = 0;
        idle = true;
        clearing = false;
    }
}
