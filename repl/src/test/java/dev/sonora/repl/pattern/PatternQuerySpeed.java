package dev.sonora.repl.pattern;

import java.util.Arrays;
import java.util.Locale;

/**
 * How long querying takes (docs/performance.md, "Pattern queries"): 16 cycles of a pattern of
 * about 200 events a cycle, every construct of the mini-notation and a few functions in it,
 * timed after a warm-up. Not a test (the suite asserts no wall-clock time); run it with
 * {@code java -cp repl/target/classes:repl/target/test-classes dev.sonora.repl.pattern.PatternQuerySpeed}.
 */
public final class PatternQuerySpeed {
    private PatternQuerySpeed() {
    }

    public static void main(String[] args) {
        String src = "[hh hh:1 oh hh]*24, bd(<5 3>,8,<0 2>)*4, [~ sn]*8?, {a b c}%44, <c4 [e4 g4]>*12, [x|y|z]*8, q@3 r _ s!2";
        Pattern p = Mini.parse(src).firstOf(3, x -> x.fast(Fraction.of(2))).sometimesBy(0.3, x -> x.late(Fraction.of(1, 64))).ply(Pattern.pure(1.0));
        int perCycle = p.onsets(Fraction.ZERO, Fraction.of(64)).size() / 64;
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long sink = 0;
        for (int i = 0; i < runs; i++) sink += p.onsets(Fraction.of(16L * i), Fraction.of(16L * i + 16)).size(); // warm-up
        double[] ms = new double[runs];
        int events = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            events = p.onsets(Fraction.of(16L * (i + runs)), Fraction.of(16L * (i + runs) + 16)).size();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            sink += events;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "pattern: %s (+ firstOf, sometimesBy, ply)%n", src);
        System.out.printf(Locale.ROOT, "%d events a cycle; a 16-cycle query returns %d events%n", perCycle, events);
        System.out.printf(Locale.ROOT, "16-cycle query over %d runs: median %.2f ms, p90 %.2f ms, max %.2f ms (%.2f µs an event at the median)%n",
                runs, ms[runs / 2], ms[runs * 9 / 10], ms[runs - 1], ms[runs / 2] * 1000 / events);
        System.out.printf(Locale.ROOT, "one slice (1/8 cycle) of it, as the player queries: about %.3f ms (sink %d)%n", ms[runs / 2] / 128, sink);
    }
}
