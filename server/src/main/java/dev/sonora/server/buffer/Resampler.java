package dev.sonora.server.buffer;

/**
 * Band-limited sample-rate conversion: each output sample is the input convolved with a
 * Kaiser-windowed sinc (32 zero crossings each side, β = 9, about -90 dB stop band) whose
 * cutoff sits just under the lower of the two Nyquist frequencies. The kernel is tabulated
 * once (512 steps per zero crossing, linearly interpolated). Runs on the Disk thread.
 */
public final class Resampler {
    private static final int ZEROS = 32;
    private static final int STEPS = 512;
    private static final double BETA = 9.0;
    private static final double CUTOFF = 0.95;
    private static final float[] KERNEL = new float[ZEROS * STEPS + 2];

    static {
        double norm = bessel0(BETA);
        for (int i = 0; i < KERNEL.length; i++) {
            double u = i / (double) STEPS;
            double sinc = u == 0 ? 1.0 : Math.sin(Math.PI * u) / (Math.PI * u);
            double w = u >= ZEROS ? 0.0 : bessel0(BETA * Math.sqrt(1 - (u / ZEROS) * (u / ZEROS))) / norm;
            KERNEL[i] = (float) (sinc * w);
        }
    }

    private Resampler() {
    }

    /** Converts one channel from {@code inRate} to {@code outRate}. Same rate: a copy. */
    public static float[] convert(float[] in, double inRate, double outRate) {
        if (inRate == outRate) return in.clone();
        float[] out = new float[outFrames(in.length, inRate, outRate)];
        convert(in, inRate, outRate, out, 0, out.length);
        return out;
    }

    /** How many frames {@code inFrames} at {@code inRate} make at {@code outRate}. */
    public static int outFrames(int inFrames, double inRate, double outRate) {
        if (inRate == outRate) return inFrames;
        return (int) Math.round(inFrames * (outRate / inRate));
    }

    /**
     * Computes output frames {@code from} (inclusive) to {@code to} (exclusive) of the conversion
     * of the whole of {@code in} into {@code out}. Each output frame depends only on the input and
     * its own index, so a conversion done range by range (a decode in slices) is identical to one
     * done at once. Rates must differ.
     */
    public static void convert(float[] in, double inRate, double outRate, float[] out, int from, int to) {
        double ratio = outRate / inRate;
        double fc = Math.min(1.0, ratio) * CUTOFF; // cutoff, relative to the input's Nyquist
        double reach = ZEROS / fc;                 // kernel half-width in input samples
        for (int n = from; n < to; n++) {
            double t = n / ratio;
            int first = (int) Math.ceil(t - reach);
            int last = (int) Math.floor(t + reach);
            double acc = 0;
            for (int k = Math.max(0, first); k <= last && k < in.length; k++) {
                acc += in[k] * kernel(Math.abs(t - k) * fc);
            }
            out[n] = (float) (acc * fc);
        }
    }

    private static double kernel(double u) {
        double x = u * STEPS;
        int i = (int) x;
        if (i >= KERNEL.length - 1) return 0;
        double frac = x - i;
        return KERNEL[i] + frac * (KERNEL[i + 1] - KERNEL[i]);
    }

    private static double bessel0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }
}
