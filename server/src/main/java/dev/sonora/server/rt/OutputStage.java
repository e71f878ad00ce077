package dev.sonora.server.rt;

/** Cleans the main bus before it leaves the server: NaN/Inf become 0, peaks clip at ±1. Audio thread only. */
final class OutputStage {
    private OutputStage() {
    }

    static void clean(float[] busL, float[] busR, float[] outL, float[] outR, int n, RtStats stats) {
        float peak = stats.peakSinceRead;
        peak = cleanChannel(busL, outL, n, stats, peak);
        peak = cleanChannel(busR, outR, n, stats, peak);
        stats.peakSinceRead = peak;
    }

    /** Applies the master gain, ramping it linearly towards its target. */
    static void gain(float[] l, float[] r, int n, MasterGain g) {
        if (g.current == 1f && g.target == 1f) return;
        float c = g.current;
        for (int i = 0; i < n; i++) {
            if (c != g.target) {
                c += g.step;
                if ((g.step > 0 && c > g.target) || (g.step < 0 && c < g.target)) c = g.target;
            }
            l[i] *= c;
            r[i] *= c;
        }
        g.current = c;
    }

    private static float cleanChannel(float[] in, float[] out, int n, RtStats stats, float peak) {
        long bad = 0;
        long clipped = 0;
        for (int i = 0; i < n; i++) {
            float x = in[i];
            if (x != x || x == Float.POSITIVE_INFINITY || x == Float.NEGATIVE_INFINITY) {
                x = 0f;
                bad++;
            }
            float a = Math.abs(x);
            if (a > peak) peak = a;
            if (a > 1f) {
                x = x > 0f ? 1f : -1f;
                clipped++;
            }
            out[i] = x;
        }
        stats.nanFixed += bad;
        stats.clipped += clipped;
        return peak;
    }
}
