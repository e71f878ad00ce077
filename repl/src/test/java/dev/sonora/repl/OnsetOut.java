package dev.sonora.repl;

import dev.sonora.server.rt.AudioOut;

/**
 * Records the first sample of every click (left channel rising above 0.1) and counts frames,
 * keeping no audio: the real-time tests compare these sample indexes with where events were
 * due. Written by the audio thread, allocation-free; read by the test thread.
 */
public final class OnsetOut implements AudioOut {
    public final long[] onsets = new long[8192];
    public volatile int count;
    public volatile long frames;
    private float last;

    @Override
    public void write(float[] left, float[] right, int n) {
        long f = frames;
        int c = count;
        for (int i = 0; i < n; i++) {
            float x = Math.abs(left[i]);
            if (x > 0.1f && last <= 0.1f && c < onsets.length) onsets[c++] = f + i;
            last = x;
        }
        count = c;
        frames = f + n;
    }
}
