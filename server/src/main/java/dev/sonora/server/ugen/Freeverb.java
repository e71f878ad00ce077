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

    public Freeverb(UnitContext ctx, Wire inL, Wire inR, Wire mix, Wire room, Wire damp, Wire outL, Wire outR) {
        this.inL = inL;
        this.inR = inR;
        this.mix = mix;
        this.room = room;
        this.damp = damp;
        this.outL = outL;
        this.outR = outR;
        double scale = ctx.sampleRate() / 44100.0;
        this.left = new Side(scale, 0);
        this.right = new Side(scale, SPREAD);
    }

    /** One channel's combs and allpasses. */
    private static final class Side {
        final float[][] comb = new float[COMBS.length][];
        final int[] combPos = new int[COMBS.length];
        final float[] combStore = new float[COMBS.length];
        final float[][] allpass = new float[ALLPASSES.length][];
        final int[] allpassPos = new int[ALLPASSES.length];

        Side(double scale, int spread) {
            for (int i = 0; i < COMBS.length; i++) comb[i] = new float[(int) Math.round((COMBS[i] + spread) * scale)];
            for (int i = 0; i < ALLPASSES.length; i++) allpass[i] = new float[(int) Math.round((ALLPASSES[i] + spread) * scale)];
        }

        float tick(float input, float feedback, float damp1, float damp2) {
            float acc = 0f;
            for (int c = 0; c < comb.length; c++) {
                float[] line = comb[c];
                int p = combPos[c];
                float y = line[p];
                float store = y * damp2 + combStore[c] * damp1;
                store = store > -1e-15f && store < 1e-15f ? 0f : store;
                combStore[c] = store;
                line[p] = input + store * feedback;
                combPos[c] = p + 1 == line.length ? 0 : p + 1;
                acc += y;
            }
            for (int a = 0; a < allpass.length; a++) {
                float[] line = allpass[a];
                int p = allpassPos[a];
                float buffered = line[p];
                float y = buffered - acc;
                float w = acc + buffered * 0.5f;
                line[p] = w > -1e-15f && w < 1e-15f ? 0f : w;
                allpassPos[a] = p + 1 == line.length ? 0 : p + 1;
                acc = y;
            }
            return acc;
        }

        void heal() {
            for (int c = 0; c < comb.length; c++) {
                if (!(combStore[c] - combStore[c] == 0f)) {
                    java.util.Arrays.fill(comb[c], 0f);
                    combStore[c] = 0f;
                }
            }
        }
    }

    @Override
    public void process(int from, int to) {
        final float[] l = inL.buf, r = inR.buf, mx = mix.buf, rm = room.buf, dp = damp.buf;
        final float[] ol = outL.buf, or = outR.buf;
        for (int i = from; i < to; i++) {
            float wet = Dsp.clamp(Dsp.finite(mx[i]), 0f, 1f);
            float feedback = 0.7f + 0.28f * Dsp.clamp(Dsp.finite(rm[i]), 0f, 1f);
            float d1 = 0.4f * Dsp.clamp(Dsp.finite(dp[i]), 0f, 1f);
            float d2 = 1f - d1;
            float xl = Dsp.finite(l[i]);
            float xr = Dsp.finite(r[i]);
            float input = (xl + xr) * INPUT_GAIN;
            float wl = left.tick(input, feedback, d1, d2);
            float wr = right.tick(input, feedback, d1, d2);
            float dry = 1f - wet;
            ol[i] = xl * dry + wl * wet * WET_GAIN;
            or[i] = xr * dry + wr * wet * WET_GAIN;
        }
        left.heal();
        right.heal();
    }
}
