package dev.sonora.repl.pattern;

import java.util.List;

/**
 * Continuous signals ({@code sig.sine} and friends in JavaScript), all 0..1 like Strudel's,
 * and the random stream. Randomness is a pure function of time: {@link #timeToRand} is the
 * xorshift over a time seed that Strudel uses (32-bit, as JavaScript's bitwise operators work;
 * Tidal's Haskell version shifts in 64 bits and so gives other numbers), sampled at the
 * beginning of the queried span as Strudel's signals are. So {@code degradeBy}, {@code ?},
 * {@code |}, {@code sometimesBy} and {@code sig.rand} drop and choose the same events as
 * Strudel does, on every run. Any thread.
 */
public final class Signals {
    private Signals() {
    }

    private static int xorwise(int x) {
        int a = (x << 13) ^ x;
        int b = (a >> 17) ^ a;
        return (b << 5) ^ b;
    }

    /** A random number in 0..1 for time {@code t} (cycles). */
    public static double timeToRand(double t) {
        double x = t / 300;
        double frac = x - (long) x; // JavaScript's x - Math.trunc(x)
        int seed = xorwise((int) (long) (frac * 536870912));
        return Math.abs((seed % 536870912) / 536870912.0);
    }

    private static double d(Fraction t) {
        return t.toDouble();
    }

    public static final Pattern RAND = Pattern.signal(t -> timeToRand(d(t)));
    public static final Pattern SAW = Pattern.signal(t -> d(t) % 1);
    public static final Pattern ISAW = Pattern.signal(t -> 1 - d(t) % 1);
    public static final Pattern SINE = Pattern.signal(t -> (Math.sin(2 * Math.PI * d(t)) + 1) / 2);
    public static final Pattern COSINE = SINE.early(Fraction.of(1, 4));
    public static final Pattern SQUARE = Pattern.signal(t -> Math.floor((d(t) * 2) % 2));
    public static final Pattern TRI = Pattern.fastcat(List.of(SAW, ISAW));
    /** Smooth noise: random values at whole cycles, eased between (Strudel's perlin). */
    public static final Pattern PERLIN = Pattern.signal(t -> perlin(d(t)));

    static double perlin(double t) {
        double ta = Math.floor(t);
        double x = t - ta;
        double s = 6 * Math.pow(x, 5) - 15 * Math.pow(x, 4) + 10 * Math.pow(x, 3);
        double a = timeToRand(ta), b = timeToRand(ta + 1);
        return a + s * (b - a);
    }

    /** Random whole numbers 0..n-1. */
    public static Pattern irand(int n) {
        return RAND.fmap(x -> Math.floor((Double) x * n));
    }

    /** One of the patterns each cycle, chosen by {@code rand} (sampled once a cycle). */
    public static Pattern chooseCycles(Pattern rand, List<Pattern> pats) {
        if (pats.isEmpty()) return Pattern.SILENCE;
        int n = pats.size();
        return rand.segment(Fraction.ONE).fmap(r -> {
            int k = (int) Math.floor(Values.num(r, "choose") * n);
            return pats.get(Math.max(0, Math.min(n - 1, k)));
        }).innerJoin();
    }
}
