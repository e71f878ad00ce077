package dev.sonora.server.dsp;

/** Spectral measurements for DSP tests: windowed FFT power, harmonic vs off-harmonic energy. */
public final class Spectrum {
    private Spectrum() {
    }

    /** Power spectrum (|X|^2, bins 0..n/2) of x[from, from+n) under a 4-term Blackman-Harris window; n a power of 2. */
    public static double[] power(float[] x, int from, int n) {
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / (n - 1);
            double w = 0.35875 - 0.48829 * Math.cos(t) + 0.14128 * Math.cos(2 * t) - 0.01168 * Math.cos(3 * t);
            re[i] = x[from + i] * w;
        }
        fft(re, im);
        double[] p = new double[n / 2 + 1];
        for (int k = 0; k <= n / 2; k++) p[k] = re[k] * re[k] + im[k] * im[k];
        return p;
    }

    /**
     * Energy off the harmonic series of f0, relative to the energy on it, in dB: the aliasing
     * measure of shared/peers/README.md. Bins within {@code halfWidth} of a harmonic (or of DC)
     * count as harmonic.
     */
    public static double offHarmonicDb(float[] x, int from, int n, double f0, double sampleRate, int halfWidth) {
        double[] p = power(x, from, n);
        boolean[] harmonic = new boolean[p.length];
        for (double f = 0; f < sampleRate / 2 + f0; f += f0) {
            int c = (int) Math.round(f * n / sampleRate);
            for (int k = c - halfWidth; k <= c + halfWidth; k++) if (k >= 0 && k < p.length) harmonic[k] = true;
        }
        double on = 0;
        double off = 0;
        for (int k = 0; k < p.length; k++) {
            if (harmonic[k]) on += p[k]; else off += p[k];
        }
        return 10 * Math.log10(off / on);
    }

    /** In-place iterative radix-2 FFT. */
    public static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = -2 * Math.PI / len;
            double wr = Math.cos(ang);
            double wi = Math.sin(ang);
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k;
                    int b = a + len / 2;
                    double xr = re[b] * cr - im[b] * ci;
                    double xi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                    double t = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = t;
                }
            }
        }
    }
}
