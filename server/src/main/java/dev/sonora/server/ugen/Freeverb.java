package dev.sonora.server.ugen;

/**
 * {@code .reverb(mix, room, damp)}: a stereo Freeverb-class reverb (Schroeder/Moorer design
 * as Jezar's public-domain Freeverb: eight damped feedback combs in parallel into four
 * series allpasses per side, the right side's lines 23 samples longer for width). Delay
 * lengths are scaled from 44.1 kHz to the server rate. {@code mix} 0 is dry, 1 is all wet;
 * {@code room} sets the comb feedback, {@code damp} the high-frequency loss.
 * All lines are allocated when the synth is built.
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
    }

    /** One channel's combs and allpasses, processed filter by filter over a range (each line stays hot). */
    private static final class Side {
        final float[][] comb = new float[COMBS.length][];
        final int[] combPos = new int[COMBS.length];
        final float[] combStore = new float[COMBS.length];
        final float[][] allpass = new float[ALLPASSES.length][];
        final int[] allpassPos = new int[ALLPASSES.length];
        final float[] acc;

        Side(double scale, int spread, int blockSize) {
            for (int i = 0; i < COMBS.length; i++) comb[i] = new float[(int) Math.round((COMBS[i] + spread) * scale)];
            for (int i = 0; i < ALLPASSES.length; i++) allpass[i] = new float[(int) Math.round((ALLPASSES[i] + spread) * scale)];
            acc = new float[blockSize];
        }

        /** Reverberates input[from, to) into {@link #acc}. */
        void run(float[] input, int from, int to, float feedback, float damp1, float damp2) {
            final float[] sum = acc;
            for (int i = from; i < to; i++) sum[i] = 0f;
            for (int c = 0; c < comb.length; c++) {
                final float[] line = comb[c];
                final int len = line.length;
                int p = combPos[c];
                float store = combStore[c];
                for (int i = from; i < to; i++) {
                    float y = line[p];
                    store = y * damp2 + store * damp1;
                    float v = input[i] + store * feedback;
                    line[p] = v > -1e-15f && v < 1e-15f ? 0f : v;
                    if (++p == len) p = 0;
                    sum[i] += y;
                }
                // flush the filter memory in the far tail (no denormals) and recover from NaN
                combStore[c] = store > -1e-15f && store < 1e-15f || !(store - store == 0f) ? 0f : store;
                if (!(store - store == 0f)) java.util.Arrays.fill(line, 0f);
                combPos[c] = p;
            }
            for (int a = 0; a < allpass.length; a++) {
                final float[] line = allpass[a];
                final int len = line.length;
                int p = allpassPos[a];
                for (int i = from; i < to; i++) {
                    float buffered = line[p];
                    float x = sum[i];
                    float w = x + buffered * 0.5f;
                    line[p] = w > -1e-15f && w < 1e-15f ? 0f : w;
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
        for (int i = from; i < to; i++) m[i] = (Dsp.finite(l[i]) + Dsp.finite(r[i])) * INPUT_GAIN;
        left.run(m, from, to, feedback, d1, d2);
        right.run(m, from, to, feedback, d1, d2);
        final float dry = 1f - wet;
        final float gain = wet * WET_GAIN;
        final float[] ol = outL.buf, or = outR.buf, wl = left.acc, wr = right.acc;
        for (int i = from; i < to; i++) {
            ol[i] = Dsp.finite(l[i]) * dry + wl[i] * gain;
            or[i] = Dsp.finite(r[i]) * dry + wr[i] * gain;
        }
    }
}
