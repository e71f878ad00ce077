package dev.sonora.repl.time;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The click script the timing tests play, the onsets it should make, and onset detection.
 * A click is one sample of {@code amp} at the synth's first sample: {@code impulse} fires at
 * once and {@code line(..., doneAction 1)} frees the synth 2 ms later.
 */
final class Clicks {
    static final int RATE = 48000;
    static final double BPM = 137; // 21021.9 samples a beat: no event falls on a block line by luck
    static final double[] GEN_WAITS = {0.25, 0.5, 0.25, 0.75, 0.25};

    /** Callback loops, a generator loop and at(), all starting at beat 0. */
    static final String SCRIPT = """
            tempo(137)
            def('click', ({amp = 0.3}) => impulse(0.0001).mul(line(1, 1, 0.002, 1)).mul(amp))
            loop('four', 1, (b) => { synth('click'); at(0.5, () => synth('click', {amp: 0.2})) })
            loop('third', 1 / 3, () => synth('click', {amp: 0.25}))
            loop('fifth', 0.2, () => synth('click', {amp: 0.15}))
            loop('gen', function* () {
              for (const w of [0.25, 0.5, 0.25, 0.75, 0.25]) { synth('click', {amp: 0.2}); yield w }
            })
            """;

    private Clicks() {
    }

    static double samplesPerBeat(double bpm) {
        return RATE * 60.0 / bpm;
    }

    /** The beats at which SCRIPT plays a click, before {@code beats}. */
    static TreeSet<Double> scriptBeats(double beats) {
        TreeSet<Double> b = new TreeSet<>();
        for (int k = 0; k < beats; k++) {
            b.add((double) k);
            b.add(k + 0.5);
        }
        for (int k = 0; k < beats * 3; k++) b.add(k / 3.0);
        double f = 0;
        for (int k = 0; f < beats; k++, f += 0.2) b.add(f); // the loop adds its period, as here
        double t = 0;
        for (int i = 0; t < beats; i++) {
            b.add(t);
            t += GEN_WAITS[i % GEN_WAITS.length];
        }
        b.removeIf(x -> x >= beats);
        return b;
    }

    /** Ideal sample of each beat at a fixed tempo, beat 0 at {@code origin}. */
    static TreeSet<Long> ideal(TreeSet<Double> beats, long origin, double bpm, long frames) {
        TreeSet<Long> s = new TreeSet<>();
        for (double b : beats) {
            long x = origin + Math.round(b * samplesPerBeat(bpm));
            if (x < frames - 2) s.add(x);
        }
        return s;
    }

    /** Samples where the signal rises above {@code threshold} (the first sample of each click). */
    static List<Integer> onsets(float[] x, int frames, double threshold) {
        List<Integer> on = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            if (Math.abs(x[i]) > threshold && (i == 0 || Math.abs(x[i - 1]) <= threshold)) on.add(i);
        }
        return on;
    }

    /** Every onset within ±1 of an ideal sample and every ideal sample heard: else a message. */
    static String compare(TreeSet<Long> ideal, List<? extends Number> onsets) {
        StringBuilder b = new StringBuilder();
        TreeSet<Long> heard = new TreeSet<>();
        for (Number n : onsets) heard.add(n.longValue());
        for (long o : heard) {
            Long near = ideal.floor(o + 1);
            if (near == null || near < o - 1) b.append(" extra onset at ").append(o).append(" (nearest ideal ").append(ideal.ceiling(o)).append(");");
        }
        for (long i : ideal) {
            Long near = heard.floor(i + 1);
            if (near == null || near < i - 1) b.append(" missing onset at ").append(i).append(';');
        }
        if (b.length() == 0) return null;
        return b.length() > 800 ? b.substring(0, 800) + " ..." : b.toString();
    }
}
