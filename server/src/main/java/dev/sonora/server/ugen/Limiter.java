package dev.sonora.server.ugen;

import dev.sonora.server.rt.Ugen;

/**
 * {@code .limit(level, lookahead)}: a look-ahead peak limiter that never lets a sample exceed
 * {@code level}. The signal is delayed by two chunks of {@code lookahead} seconds (default
 * 0.01); while a chunk plays, the gain moves in a straight line to what the loudest of it and
 * the following chunk allow. Both ends of that line are at most {@code level/peak} of the
 * playing chunk, so every point between them is too: the bound holds by construction (a final
 * clamp only catches float rounding). Chunk buffers are allocated when the synth is built.
 */
public final class Limiter extends Ugen {
    private final Wire in;
    private final Wire level;
    private final Wire out;
    private final Wire lookahead;
    private final int sampleRate;
    private int chunk;
    private float[] playing;
    private float[] next;
    private float[] filling;
    private float peakNext;
    private float peakFilling;
    private int pos;
    private float gain = 1f;
    private float slope;

    public Limiter(UnitContext ctx, Wire in, Wire level, Wire lookahead, Wire out) {
        this.in = in;
        this.level = level;
        this.out = out;
        this.lookahead = lookahead;
        this.sampleRate = ctx.sampleRate();
        this.chunk = chunkFor(lookahead, sampleRate);
        this.playing = new float[chunk];
        this.next = new float[chunk];
        this.filling = new float[chunk];
    }

    @Override
    public void process(int from, int to) {
        final float[] x = in.buf;
        final float[] lv = level.buf;
        final float[] o = out.buf;
        final boolean steady = level.steady;
        int i = from;
        while (i < to) {
            // a run up to the next chunk boundary: no boundary check per sample
            final int run = Math.min(to - i, chunk - pos);
            final float[] fill = filling, play = playing;
            final int p = pos;
            final float g0 = gain, sl = slope;
            float peak = peakFilling;
            float lim = 0f;
            if (steady) {
                lim = Dsp.clamp(Dsp.finite(level.value), 0f, 1e6f);
                for (int j = 0; j < run; j++) {
                    float v = Dsp.finite(x[i + j]);
                    fill[p + j] = v;
                    float a = Math.abs(v);
                    if (a > peak) peak = a;
                    // the gain as start + slope * n, not a running sum: no add chain through the loop
                    float y = play[p + j] * Math.fma(sl, (float) j, g0);
                    o[i + j] = y > lim ? lim : y < -lim ? -lim : y;
                }
            } else {
                for (int j = 0; j < run; j++) {
                    float v = Dsp.finite(x[i + j]);
                    fill[p + j] = v;
                    float a = Math.abs(v);
                    if (a > peak) peak = a;
                    lim = Dsp.clamp(Dsp.finite(lv[i + j]), 0f, 1e6f);
                    float y = play[p + j] * Math.fma(sl, (float) j, g0);
                    o[i + j] = y > lim ? lim : y < -lim ? -lim : y;
                }
            }
            peakFilling = peak;
            gain = Math.fma(sl, (float) run, g0);
            pos = p + run;
            i += run;
            if (pos == chunk) turn(lim);
        }
    }

    /** Chunk boundary: rotate buffers and aim the gain at what the next two chunks allow. */
    private void turn(float lim) {
        pos = 0;
        float[] spare = playing;
        playing = next;
        next = filling;
        filling = spare;
        float peakPlaying = peakNext;
        peakNext = peakFilling;
        peakFilling = 0f;
        float loudest = Math.max(peakPlaying, peakNext);
        float target = loudest > lim ? lim / loudest : 1f;
        // the start of the line must also respect the chunk now playing
        float start = peakPlaying > lim ? Math.min(gain, lim / peakPlaying) : gain;
        gain = start;
        slope = (target - start) / chunk;
    }

    @Override
    public boolean canReset() {
        return true;
    }

    @Override
    public void reset(int seed) {
        int size = chunkFor(lookahead, sampleRate);
        if (size != chunk) { // another lookahead: the chunks a fresh synth would have (sender side)
            chunk = size;
            playing = new float[size];
            next = new float[size];
            filling = new float[size];
        } else {
            java.util.Arrays.fill(playing, 0f);
            java.util.Arrays.fill(next, 0f);
            java.util.Arrays.fill(filling, 0f);
        }
        peakNext = 0f;
        peakFilling = 0f;
        pos = 0;
        gain = 1f;
        slope = 0f;
    }

    private static int chunkFor(Wire lookahead, int sampleRate) {
        float seconds = Dsp.clamp(Dsp.finite(lookahead.buf[0]), 0.001f, 0.1f);
        return Math.max(1, Math.round(seconds * sampleRate));
    }
}
