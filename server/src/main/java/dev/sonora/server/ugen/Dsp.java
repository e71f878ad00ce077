package dev.sonora.server.ugen;

/** Small numeric helpers for kernels. Pure functions; any thread. */
final class Dsp {
    private Dsp() {
    }

    /** x, or 0 when x is NaN or infinite: keeps bad input out of a unit's state. */
    static float finite(float x) {
        return x - x == 0f ? x : 0f;
    }

    /** State that has decayed into the far tail becomes exactly 0 (no denormal arithmetic, ever). */
    static double flush(double s) {
        return s > -1e-30 && s < 1e-30 ? 0.0 : s;
    }

    private static final int TINY_BITS = Float.floatToRawIntBits(1e-15f);

    /**
     * v, or exactly 0 when |v| < 1e-15 (far below hearing, far above denormals), without a
     * branch: written per sample into delay lines, where the sign of the signal is a coin toss
     * and a compare-and-branch flush mispredicts on half the samples.
     */
    static float flushTiny(float v) {
        int bits = Float.floatToRawIntBits(v);
        int below = ((bits & 0x7fffffff) - TINY_BITS) >> 31; // all ones when |v| < 1e-15
        return Float.intBitsToFloat(bits & ~below);
    }

    /** A state poisoned by NaN/Inf restarts from 0 instead of staying poisoned forever. */
    static double heal(double s) {
        return s - s == 0.0 ? s : 0.0;
    }

    static float clamp(float x, float lo, float hi) {
        return x < lo ? lo : x > hi ? hi : x;
    }

    /** A non-zero xorshift32 state from a per-instance seed and a per-kind salt (repeatable renders). */
    static int noiseSeed(int seed, int salt) {
        int s = seed * 0x9E3779B9 + salt;
        return s == 0 ? 1 : s;
    }

    /** The next xorshift32 state. */
    static int xorshift(int s) {
        s ^= s << 13;
        s ^= s >>> 17;
        return s ^ (s << 5);
    }

    /** A state as a sample in [-1, 1). */
    static float bipolar(int s) {
        return s * (1.0f / 2147483648f);
    }
}
