package dev.sonora.repl.pattern;

/**
 * An exact rational number: {@code num/den} with {@code den > 0}, always in lowest terms, so
 * {@link #equals} is value equality. Arithmetic that would overflow a {@code long} throws
 * {@link PatternTimeException} rather than wrap: a pattern time is never silently wrong.
 * Immutable; any thread.
 */
public final class Fraction implements Comparable<Fraction> {
    public static final Fraction ZERO = new Fraction(0, 1);
    public static final Fraction ONE = new Fraction(1, 1);
    public static final Fraction HALF = new Fraction(1, 2);

    /** Largest denominator {@link #of(double)} looks for. */
    private static final long MAX_DEN = 1_000_000_000L;

    private final long num;
    private final long den;

    private Fraction(long num, long den) {
        this.num = num;
        this.den = den;
    }

    public static Fraction of(long n) {
        return n == 0 ? ZERO : n == 1 ? ONE : new Fraction(n, 1);
    }

    public static Fraction of(long num, long den) {
        if (den == 0) throw new PatternTimeException("division by zero in pattern time");
        if (den < 0) {
            num = negate(num);
            den = negate(den);
        }
        long g = gcd(Math.abs(num), den);
        return g == 1 ? new Fraction(num, den) : new Fraction(num / g, den / g);
    }

    /**
     * The simplest fraction within about 1e-12 of {@code d} (continued fractions): 0.25 is
     * 1/4, 1.5 is 3/2, 1/3.0 is 1/3, 0.0003 is 3/10000.
     */
    public static Fraction of(double d) {
        if (!Double.isFinite(d)) throw new PatternTimeException("not a finite number: " + d);
        if (Math.abs(d) >= 9e15) throw PatternTimeException.overflow();
        if (d == Math.rint(d)) return of((long) d);
        boolean neg = d < 0;
        double x = Math.abs(d);
        long h0 = 0, h1 = 1, k0 = 1, k1 = 0; // convergents h/k
        double r = x;
        for (int i = 0; i < 64; i++) {
            double a = Math.floor(r);
            if (a > 9e15) break;
            long ai = (long) a;
            long h2 = plus(times(ai, h1), h0);
            long k2 = plus(times(ai, k1), k0);
            if (k2 > MAX_DEN) break;
            h0 = h1;
            h1 = h2;
            k0 = k1;
            k1 = k2;
            if (Math.abs((double) h1 / k1 - x) <= 1e-12 * Math.max(1, x)) break;
            double f = r - a;
            if (f == 0) break;
            r = 1 / f;
        }
        return of(neg ? -h1 : h1, k1);
    }

    // long arithmetic that says "out of range" in the performer's words instead of wrapping
    private static long plus(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw PatternTimeException.overflow();
        }
    }

    private static long minus(long a, long b) {
        try {
            return Math.subtractExact(a, b);
        } catch (ArithmeticException e) {
            throw PatternTimeException.overflow();
        }
    }

    private static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw PatternTimeException.overflow();
        }
    }

    private static long negate(long a) {
        try {
            return Math.negateExact(a);
        } catch (ArithmeticException e) {
            throw PatternTimeException.overflow();
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a == 0 ? 1 : a;
    }

    public long num() {
        return num;
    }

    public long den() {
        return den;
    }

    public Fraction add(Fraction o) {
        if (den == o.den) return of(plus(num, o.num), den);
        return of(plus(times(num, o.den), times(o.num, den)), times(den, o.den));
    }

    public Fraction sub(Fraction o) {
        if (den == o.den) return of(minus(num, o.num), den);
        return of(minus(times(num, o.den), times(o.num, den)), times(den, o.den));
    }

    public Fraction mul(Fraction o) {
        long g1 = gcd(Math.abs(num), o.den);
        long g2 = gcd(Math.abs(o.num), den);
        return of(times(num / g1, o.num / g2), times(den / g2, o.den / g1));
    }

    public Fraction div(Fraction o) {
        if (o.num == 0) throw new PatternTimeException("division by zero in pattern time");
        return mul(new Fraction(o.den, o.num).normalSign());
    }

    private Fraction normalSign() {
        return den < 0 ? new Fraction(-num, -den) : this;
    }

    public Fraction add(long n) {
        return add(of(n));
    }

    public Fraction mul(long n) {
        return mul(of(n));
    }

    public Fraction div(long n) {
        return div(of(n));
    }

    public Fraction neg() {
        return new Fraction(negate(num), den);
    }

    /** The largest integer at or below this. */
    public long floor() {
        return Math.floorDiv(num, den);
    }

    public long ceil() {
        return -Math.floorDiv(-num, den);
    }

    /** The start of the cycle this time is in. */
    public Fraction sam() {
        return of(floor());
    }

    /** The start of the next cycle. */
    public Fraction nextSam() {
        return of(floor() + 1);
    }

    /** The position within its cycle, 0 inclusive to 1 exclusive. */
    public Fraction cyclePos() {
        return sub(sam());
    }

    public boolean isInteger() {
        return den == 1;
    }

    public int signum() {
        return Long.signum(num);
    }

    public boolean lt(Fraction o) {
        return compareTo(o) < 0;
    }

    public boolean le(Fraction o) {
        return compareTo(o) <= 0;
    }

    public boolean gt(Fraction o) {
        return compareTo(o) > 0;
    }

    public boolean ge(Fraction o) {
        return compareTo(o) >= 0;
    }

    public static Fraction min(Fraction a, Fraction b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public static Fraction max(Fraction a, Fraction b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public double toDouble() {
        return (double) num / den;
    }

    @Override
    public int compareTo(Fraction o) {
        if (den == o.den) return Long.compare(num, o.num);
        // exact comparison without overflow: compare num*o.den with o.num*den in 128 bits
        long a1 = Math.multiplyHigh(num, o.den), a0 = num * o.den;
        long b1 = Math.multiplyHigh(o.num, den), b0 = o.num * den;
        if (a1 != b1) return Long.compare(a1, b1);
        return Long.compareUnsigned(a0, b0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fraction f && f.num == num && f.den == den;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(num) * 31 + Long.hashCode(den);
    }

    /** {@code 3/8}, or {@code 2} for a whole number. */
    @Override
    public String toString() {
        return den == 1 ? Long.toString(num) : num + "/" + den;
    }
}
