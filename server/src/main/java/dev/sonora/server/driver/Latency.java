package dev.sonora.server.driver;

import java.util.Locale;

/** Output latency as the start line gives it. Any thread. */
final class Latency {
    private Latency() {
    }

    /** "10.7 ms" for {@code frames} at {@code sampleRate}. */
    static String ms(double frames, int sampleRate) {
        return String.format(Locale.ROOT, "%.1f ms", 1e3 * frames / sampleRate);
    }
}
