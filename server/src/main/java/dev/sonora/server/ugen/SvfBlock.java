package dev.sonora.server.ugen;

/**
 * The state-variable filter taken four samples at a time, for a settled cutoff. One sample of
 * the filter is s' = M s + N x, y = c s + d x (see {@link Svf}); four of them are
 * s'''' = M⁴ s + Σ M^(3-m) N x_m and y_j = c M^j s + Σ_(m<j) c M^(j-1-m) N x_m + d x_j.
 * The loop-carried chain is then two fused multiply-adds per four samples; every output hangs
 * off the state in parallel. Same filter, same states, different rounding only. Owned by the
 * audio thread with its {@link Svf}; {@link #set} runs when the cutoff or rq change.
 */
final class SvfBlock {
    /** One sample: M (row major), N, and the output mix c, d. */
    double m11, m12, m21, m22, n1, n2, d;
    /** c M^j for j = 0..3, as (a, b) pairs. */
    private final double[] c = new double[8];
    /** M^k N for k = 0..3, as (a, b) pairs. */
    private final double[] g = new double[8];
    /** c M^k N for k = 0..2. */
    private final double[] e = new double[3];
    /** M⁴, row major. */
    private final double[] p = new double[4];

    void set(double m11, double m12, double m21, double m22, double n1, double n2, double w1, double w2, double wx) {
        this.m11 = m11;
        this.m12 = m12;
        this.m21 = m21;
        this.m22 = m22;
        this.n1 = n1;
        this.n2 = n2;
        d = wx;
        c[0] = w1;
        c[1] = w2;
        g[0] = n1;
        g[1] = n2;
        for (int j = 2; j < 8; j += 2) {
            c[j] = c[j - 2] * m11 + c[j - 1] * m21; // row vector times M
            c[j + 1] = c[j - 2] * m12 + c[j - 1] * m22;
            g[j] = m11 * g[j - 2] + m12 * g[j - 1]; // M times column vector
            g[j + 1] = m21 * g[j - 2] + m22 * g[j - 1];
        }
        for (int k = 0; k < 3; k++) e[k] = c[2 * k] * n1 + c[2 * k + 1] * n2;
        double q11 = m11 * m11 + m12 * m21, q12 = m11 * m12 + m12 * m22; // M²
        double q21 = m21 * m11 + m22 * m21, q22 = m21 * m12 + m22 * m22;
        p[0] = q11 * q11 + q12 * q21;
        p[1] = q11 * q12 + q12 * q22;
        p[2] = q21 * q11 + q22 * q21;
        p[3] = q21 * q12 + q22 * q22;
    }

    /**
     * Filters x[from, from + 4n) into o, starting from state (s1, s2); returns the new state in
     * {@code state[0..1]}. The caller does any samples left over one at a time.
     */
    void run(float[] x, float[] o, int from, int quads, double s1, double s2, double[] state) {
        final double c0a = c[0], c0b = c[1], c1a = c[2], c1b = c[3], c2a = c[4], c2b = c[5], c3a = c[6], c3b = c[7];
        final double d = this.d, e0 = e[0], e1 = e[1], e2 = e[2];
        final double p11 = p[0], p12 = p[1], p21 = p[2], p22 = p[3];
        final double g0a = g[0], g0b = g[1], g1a = g[2], g1b = g[3], g2a = g[4], g2b = g[5], g3a = g[6], g3b = g[7];
        final int end = from + 4 * quads;
        for (int i = from; i < end; i += 4) {
            final double x0 = x[i], x1 = x[i + 1], x2 = x[i + 2], x3 = x[i + 3];
            o[i] = (float) Math.fma(c0a, s1, Math.fma(c0b, s2, d * x0));
            o[i + 1] = (float) Math.fma(c1a, s1, Math.fma(c1b, s2, Math.fma(e0, x0, d * x1)));
            o[i + 2] = (float) Math.fma(c2a, s1, Math.fma(c2b, s2, Math.fma(e1, x0, Math.fma(e0, x1, d * x2))));
            o[i + 3] = (float) Math.fma(c3a, s1, Math.fma(c3b, s2,
                    Math.fma(e2, x0, Math.fma(e1, x1, Math.fma(e0, x2, d * x3)))));
            final double u1 = Math.fma(g3a, x0, Math.fma(g2a, x1, Math.fma(g1a, x2, g0a * x3)));
            final double u2 = Math.fma(g3b, x0, Math.fma(g2b, x1, Math.fma(g1b, x2, g0b * x3)));
            final double t1 = Math.fma(p12, s2, u1);
            final double t2 = Math.fma(p21, s1, u2);
            s1 = Math.fma(p11, s1, t1);
            s2 = Math.fma(p22, s2, t2);
        }
        state[0] = s1;
        state[1] = s2;
    }

    /** One sample of output, for samples left over: the state is not advanced. */
    double output(double s1, double s2, double x0) {
        return Math.fma(c[0], s1, Math.fma(c[1], s2, d * x0));
    }
}
