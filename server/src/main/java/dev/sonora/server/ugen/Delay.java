package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/**
 * {@code .delay(time, feedback)}: echoes. The output is the input plus the delay line; the line
 * takes {@code feedback·(input + line)}, so echoes fall as feedback, feedback², … The read
 * position is interpolated (4-point Hermite) per sample, so a moving delay time glides
 * instead of clicking. The line holds at most {@code maxSeconds}, fixed when the synth is
 * built: twice the starting time, at least 1 s, at most 10 s. Feedback is limited to ±0.99
 * and the line flushes denormals.
 */
public final class Delay extends Ugen {
    private final Wire in;
    private final Wire time;
    private final Wire feedback;
    private final Wire out;
    private float[] line;
    private int mask;
    private final float sampleRate;
    private int write;

    public Delay(UnitContext ctx, Wire in, Wire time, Wire feedback, Wire out) {
        this.in = in;
        this.time = time;
        this.feedback = feedback;
        this.out = out;
        this.sampleRate = ctx.sampleRate();
        int size = lineSize(time, sampleRate);
        this.line = new float[size];
        this.mask = size - 1;
    }

    @Override
    public void process(int from, int to) {
        final float[] x = in.buf;
        final float[] t = time.buf;
        final float[] fb = feedback.buf;
        final float[] o = out.buf;
        final float[] d = line;
        final int m = mask;
        final float maxDelay = d.length - 4;
        int w = write;
        for (int i = from; i < to; i++) {
            float delay = Dsp.clamp(Dsp.finite(t[i]) * sampleRate, 2f, maxDelay);
            int whole = (int) delay;
            float frac = delay - whole;
            int r = w - whole;
            float ym1 = d[(r + 1) & m], y0 = d[r & m], y1 = d[(r - 1) & m], y2 = d[(r - 2) & m];
            // Hermite interpolation between y0 (delay = whole) and y1 (whole + 1)
            float c1 = 0.5f * (y1 - ym1);
            float c2 = ym1 - 2.5f * y0 + 2f * y1 - 0.5f * y2;
            float c3 = 0.5f * (y2 - ym1) + 1.5f * (y0 - y1);
            float echo = ((c3 * frac + c2) * frac + c1) * frac + y0;
            float input = Dsp.finite(x[i]);
            float g = Dsp.clamp(Dsp.finite(fb[i]), -0.99f, 0.99f);
            float next = g * (input + echo);
            d[w & m] = Dsp.flushTiny(next);
            o[i] = input + echo;
            w++;
        }
        write = w & m;
    }

    @Override
    public boolean canReset() {
        return true;
    }

    @Override
    public void reset(int seed) {
        int size = lineSize(time, sampleRate);
        if (size != line.length) { // another starting time: the line a fresh synth would have (sender side)
            line = new float[size];
            mask = size - 1;
        } else {
            java.util.Arrays.fill(line, 0f);
        }
        write = 0;
    }

    private static int lineSize(Wire time, float sampleRate) {
        double maxSeconds = Math.min(10.0, Math.max(1.0, 2.0 * Dsp.finite(time.buf[0])));
        return Integer.highestOneBit((int) (maxSeconds * (int) sampleRate) + 4) << 1;
    }
}
