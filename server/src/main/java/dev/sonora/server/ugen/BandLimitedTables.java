package dev.sonora.server.ugen;

/**
 * Band-limited single-cycle tables for saw and triangle, one per harmonic count, so an
 * oscillator can always read a table with no harmonic at or above Nyquist (no aliasing but
 * the tiny interpolation error). Harmonic counts run 1..10, then grow by a sixth of an octave
 * up to 1023 (at 48 kHz a saw below 23 Hz keeps 1023 harmonics, up to 24 kHz... of its own).
 * Each wave's set is built once, when first used on the sender side ({@link KernelClasses}
 * for the saw, the first {@code tri}'s construction for the triangle); read-only afterwards,
 * any thread.
 */
final class BandLimitedTables {
    static final int SIZE = 4096;
    static final int MASK = SIZE - 1;
    static final int MAX_HARMONICS = 1023;

    /** The harmonic count of each table; {@code [0]} is 0 (silence, above Nyquist). */
    private static final int[] COUNTS;
    /** Table index for each allowed harmonic count 0..MAX_HARMONICS. */
    private static final byte[] INDEX_FOR_COUNT = new byte[MAX_HARMONICS + 1];

    /** Saw tables by index: built on first use (see {@link KernelClasses}). */
    static final class SawTables {
        static final float[][] ALL = build(true);

        private SawTables() {
        }
    }

    /**
     * Triangle tables by index: a holder of their own, built when the first {@code tri} is
     * constructed (sender side), so a set without triangles does not pay for them at start-up.
     */
    static final class TriTables {
        static final float[][] ALL = build(false);

        private TriTables() {
        }
    }

    static {
        int[] counts = new int[64];
        int n = 0;
        counts[n++] = 0;
        double k = 1;
        int last = 0;
        while (last < MAX_HARMONICS) {
            int c = Math.min(MAX_HARMONICS, (int) Math.round(k));
            if (c > last) {
                counts[n++] = c;
                last = c;
            }
            k = Math.max(k + 1, k * Math.pow(2, 1.0 / 6)) ;
            if (k < 11) k = Math.floor(k);
        }
        COUNTS = java.util.Arrays.copyOf(counts, n);
        int t = 0;
        for (int c = 0; c <= MAX_HARMONICS; c++) {
            while (t + 1 < n && counts[t + 1] <= c) t++;
            INDEX_FOR_COUNT[c] = (byte) t;
        }
    }

    /**
     * Every table of one wave, summing its harmonics once: saw 2p-1 = -(2/pi) sum sin(2 pi h p)/h;
     * triangle: odd h only, alternating in sign, 1/h^2.
     */
    private static float[][] build(boolean saw) {
        double[] sin = new double[SIZE];
        for (int i = 0; i < SIZE; i++) sin[i] = Math.sin(2 * Math.PI * i / SIZE);
        double[] wave = new double[SIZE];
        float[][] tables = new float[COUNTS.length][];
        int table = 0;
        for (int h = 0; h <= MAX_HARMONICS; h++) {
            if (saw && h > 0) {
                addHarmonic(wave, sin, h, -2 / (Math.PI * h));
            } else if ((h & 1) == 1) {
                addHarmonic(wave, sin, h, (((h - 1) / 2) % 2 == 0 ? 1 : -1) * 8 / (Math.PI * Math.PI * h * h));
            }
            while (table < COUNTS.length && COUNTS[table] == h) tables[table++] = toGuarded(wave);
        }
        return tables;
    }

    private BandLimitedTables() {
    }

    /**
     * Adds harmonic h at amplitude a to the first half of a table. Both waves are sums of
     * sines, odd about the middle of the cycle: the second half is the first mirrored (half the
     * work). A method of its own so the JIT compiles this small loop, not the whole
     * initialiser, while the tables are built (start-up time).
     */
    private static void addHarmonic(double[] wave, double[] sin, int h, double a) {
        for (int i = 1; i < SIZE / 2; i++) wave[i] += a * sin[h * i & MASK]; // h * i < 1023 * 2048: fits an int
    }

    /**
     * The table from its first half (x[0] and x[SIZE/2] are 0), stored as (value, slope to the
     * next point) pairs: an oscillator's interpolated read is then one fused multiply-add on
     * two neighbouring floats.
     */
    private static float[] toGuarded(double[] x) {
        float[] f = new float[2 * SIZE];
        for (int i = 1; i < SIZE / 2; i++) {
            float v = (float) x[i];
            f[2 * i] = v;
            f[2 * (SIZE - i)] = -v;
        }
        for (int i = 0; i < 2 * SIZE - 2; i += 2) f[i + 1] = f[i + 2] - f[i];
        f[2 * SIZE - 1] = f[0] - f[2 * SIZE - 2]; // the last point's slope runs into the next cycle
        return f;
    }

    /** Index of the richest table with no harmonic at or above Nyquist for this phase increment. */
    static int tableFor(double inc) {
        double a = Math.abs(inc);
        if (!(a > 0)) return INDEX_FOR_COUNT[MAX_HARMONICS];
        double allowed = 0.5 / a; // harmonic h sits at h*inc cycles/sample; it must stay below 0.5
        int c = allowed >= MAX_HARMONICS + 1 ? MAX_HARMONICS : (int) Math.ceil(allowed) - 1;
        return INDEX_FOR_COUNT[Math.max(0, c)];
    }
}
