package dev.sonora.server.midi;

import java.util.ArrayList;
import java.util.List;

/**
 * Reading notes back out of a rendered channel: where each one starts and at what pitch.
 * Shared by the server's and the front end's MIDI render tests (through the test jar).
 */
public final class RenderedNotes {
    private RenderedNotes() {
    }

    /** Sample index of the first non-silent sample after each stretch of at least {@code gap} silent ones. */
    public static List<Integer> onsets(float[] x, int gap) {
        List<Integer> out = new ArrayList<>();
        int silent = gap;
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i]) > 1e-6f) {
                if (silent >= gap) out.add(i);
                silent = 0;
            } else {
                silent++;
            }
        }
        return out;
    }

    /** Frequency from upward zero crossings (linearly interpolated) in x[from, to). */
    public static double pitch(float[] x, int from, int to, int sampleRate) {
        double first = -1;
        double last = -1;
        int count = 0;
        for (int i = from + 1; i < to; i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                double t = i - 1 + (-x[i - 1]) / (x[i] - x[i - 1]);
                if (first < 0) first = t;
                last = t;
                count++;
            }
        }
        return (count - 1) / (last - first) * sampleRate;
    }

    /** The equal-tempered frequency of a MIDI note (A4 = 69 = 440 Hz). */
    public static double midicps(int note) {
        return 440.0 * Math.pow(2, (note - 69) / 12.0);
    }
}
