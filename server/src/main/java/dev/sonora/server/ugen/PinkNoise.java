package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/**
 * {@code pink()}: noise falling 3 dB per octave, from white noise through a bank of seven
 * one-pole filters spread over the audio band (the classic "refined" pink filter),
 * scaled to about the level of white noise. Seeded per instance, like {@link WhiteNoise}.
 */
public final class PinkNoise extends Ugen {
    private final Wire out;
    private int state;
    private float b0, b1, b2, b3, b4, b5, b6;

    public PinkNoise(UnitContext ctx, Wire out) {
        this.out = out;
        this.state = Dsp.noiseSeed(ctx.seed(), 0x2545F491);
    }

    @Override
    public void process(int from, int to) {
        final float[] o = out.buf;
        int s = state;
        for (int i = from; i < to; i++) {
            s = Dsp.xorshift(s);
            float white = Dsp.bipolar(s);
            b0 = 0.99886f * b0 + white * 0.0555179f;
            b1 = 0.99332f * b1 + white * 0.0750759f;
            b2 = 0.96900f * b2 + white * 0.1538520f;
            b3 = 0.86650f * b3 + white * 0.3104856f;
            b4 = 0.55000f * b4 + white * 0.5329522f;
            b5 = -0.7616f * b5 - white * 0.0168980f;
            o[i] = (b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362f) * 0.11f;
            b6 = white * 0.115926f;
        }
        state = s;
    }

    @Override
    public boolean canReset() {
        return true;
    }

    @Override
    public void reset(int seed) {
        state = Dsp.noiseSeed(seed, 0x2545F491);
        b0 = b1 = b2 = b3 = b4 = b5 = b6 = 0f;
    }
}
