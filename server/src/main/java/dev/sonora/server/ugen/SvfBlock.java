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
    // c M^j for j = 0..3 as (a, b) pairs; M^k N for k = 0..3 as (a, b) pairs; c M^k N for
    // k = 0..2; M⁴ row major. Plain fields, not arrays: run() loads them all every block.
    private double c0a, c0b, c1a, c1b, c2a, c2b, c3a, c3b;
    private double g0a, g0b, g1a, g1b, g2a, g2b, g3a, g3b;
    private double e0, e1, e2;
    private double p11, p12, p21, p22;

    /** Runs on the audio thread when the cutoff or rq change: scalars only, nothing allocated. */
    void set(double m11, double m12, double m21, double m22, double n1, double n2, double w1, double w2, double wx) {
        this.m11 = m11;
        this.m12 = m12;
        this.m21 = m21;
        this.m22 = m22;
        this.n1 = n1;
        this.n2 = n2;
        d = wx;
        // row vectors times M
        c0a = w1;
        c0b = w2;
        c1a = c0a * m11 + c0b * m21;
        c1b = c0a * m12 + c0b * m22;
        c2a = c1a * m11 + c1b * m21;
        c2b = c1a * m12 + c1b * m22;
        c3a = c2a * m11 + c2b * m21;
        c3b = c2a * m12 + c2b * m22;
        // M times column vectors
        g0a = n1;
        g0b = n2;
        g1a = m11 * g0a + m12 * g0b;
        g1b = m21 * g0a + m22 * g0b;
        g2a = m11 * g1a + m12 * g1b;
        g2b = m21 * g1a + m22 * g1b;
        g3a = m11 * g2a + m12 * g2b;
        g3b = m21 * g2a + m22 * g2b;
        e0 = c0a * n1 + c0b * n2;
        e1 = c1a * n1 + c1b * n2;
        e2 = c2a * n1 + c2b * n2;
        double q11 = m11 * m11 + m12 * m21, q12 = m11 * m12 + m12 * m22; // M²
        double q21 = m21 * m11 + m22 * m21, q22 = m21 * m12 + m22 * m22;
        p11 = q11 * q11 + q12 * q21;
        p12 = q11 * q12 + q12 * q22;
        p21 = q21 * q11 + q22 * q21;
        p22 = q21 * q12 + q22 * q22;
    }

    /**
     * Filters x[from, from + 4n) into o, starting from state (s1, s2); returns the new state in
     * {@code state[0..1]}. The caller does any samples left over one at a time.
     */
    void run(float[] x, float[] o, int from, int quads, double s1, double s2, double[] state) {
        final double c0a = this.c0a, c0b = this.c0b, c1a = this.c1a, c1b = this.c1b;
        final double c2a = this.c2a, c2b = this.c2b, c3a = this.c3a, c3b = this.c3b;
        final double d = this.d, e0 = this.e0, e1 = this.e1, e2 = this.e2;
        final double p11 = this.p11, p12 = this.p12, p21 = this.p21, p22 = this.p22;
        final double g0a = this.g0a, g0b = this.g0b, g1a = this.g1a, g1b = this.g1b;
        final double g2a = this.g2a, g2b = this.g2b, g3a = this.g3a, g3b = this.g3b;
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
        return Math.fma(c0a, s1, Math.fma(c0b, s2, d * x0));
    }
}
