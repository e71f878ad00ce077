package dev.sonora.server.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.sonora.server.dsp.KernelRig.In;

/**
 * Band-limiting and purity, measured as shared/peers/README.md measures scsynth: energy off
 * the harmonic series of a 4987 Hz note at 48 kHz (scsynth: Saw -51.8 dB, Pulse -53.8 dB,
 * naive LFSaw -8.1 dB), and a sine's distortion.
 */
class OscillatorQualityTest {
    private static final int N = 1 << 16;
    private static final int SETTLE = 4800;

    private static double offHarmonic(String type, double f, In... extra) {
        In[] in = new In[extra.length + 1];
        in[0] = In.of(f);
        System.arraycopy(extra, 0, in, 1, extra.length);
        float[] x = new KernelRig().run(type, N + SETTLE, true, in)[0];
        return Spectrum.offHarmonicDb(x, SETTLE, N, f, KernelRig.SR, 8);
    }

    @Test
    void sawAliasesLessThanScsynthsSaw() {
        double db = offHarmonic("saw", 4987);
        assertTrue(db < -51.8, "saw off-harmonic energy " + db + " dB");
    }

    @Test
    void pulseAliasesLessThanScsynthsPulse() {
        double db = offHarmonic("pulse", 4987, In.of(0.5));
        assertTrue(db < -53.8, "pulse off-harmonic energy " + db + " dB");
        assertTrue(offHarmonic("pulse", 4987, In.of(0.2)) < -53.8, "narrow pulse too");
    }

    @Test
    void triangleIsBandLimitedToo() {
        assertTrue(offHarmonic("tri", 4987) < -60);
    }

    @Test
    void theMeasureSeesANaiveSawsAliasing() {
        // the same measure on a naive ramp finds scsynth's LFSaw figure: the test can fail
        float[] x = new float[N + SETTLE];
        double p = 0.5;
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * p - 1);
            p += 4987.0 / KernelRig.SR;
            if (p >= 1) p -= 1;
        }
        assertEquals(-8.1, Spectrum.offHarmonicDb(x, SETTLE, N, 4987, KernelRig.SR, 8), 0.3);
    }

    @Test
    void sineDistortionIsBelowMinus100Db() {
        // a frequency on an exact FFT bin: no window, no leakage, harmonics on bins too
        double f = 1365.0 * KernelRig.SR / N; // 999.76 Hz
        float[] x = new KernelRig().run("sine", N + SETTLE, true, In.of(f))[0];
        double[] re = new double[N];
        double[] im = new double[N];
        for (int i = 0; i < N; i++) re[i] = x[SETTLE + i];
        Spectrum.fft(re, im);
        double fundamental = re[1365] * re[1365] + im[1365] * im[1365];
        double rest = 0;
        for (int k = 1; k < N / 2; k++) {
            if (k == 1365) continue;
            rest += re[k] * re[k] + im[k] * im[k];
        }
        double thdN = 10 * Math.log10(rest / fundamental);
        assertTrue(thdN < -100, "sine THD+N " + thdN + " dB");
    }

    @Test
    void oscillatorsStartAtZeroAndStayInRange() {
        float[] saw = new KernelRig().run("saw", 4800, false, In.of(100))[0];
        assertEquals(0f, saw[0], 0.01f, "saw starts at 0");
        float[] tri = new KernelRig().run("tri", 4800, false, In.of(100))[0];
        assertEquals(0f, tri[0], 0.01f, "tri starts at 0");
        assertTrue(tri[10] > 0, "and rises");
        float[] imp = new KernelRig().run("impulse", 4800, false, In.of(100))[0];
        int count = 0;
        for (float v : imp) if (v == 1f) count++;
        assertEquals(1f, imp[0]);
        assertEquals(10, count, "one impulse per 480 samples");
        for (float v : new KernelRig().run("pink", 48000, false)[0]) assertTrue(Math.abs(v) < 1.5f);
    }
}
