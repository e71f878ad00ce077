package dev.sonora.server.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.sonora.server.dsp.KernelRig.In;

/** Filters against their textbook responses, under modulation, with silence, and in time. */
class FilterResponseTest {
    private static final int SR = KernelRig.SR;

    /** Steady-state gain in dB of {@code type} at {@code f}, by a sine through it. */
    private static double gainDb(String type, double f, In... params) {
        int frames = SR; // 1 s: plenty for the slowest corner used here to settle
        float[] x = KernelRig.sine(f, frames, 0.5);
        In[] in = new In[params.length + 1];
        in[0] = In.of(x);
        System.arraycopy(params, 0, in, 1, params.length);
        float[] y = new KernelRig().run(type, frames, true, in)[0];
        return KernelRig.db(KernelRig.rms(y, frames / 2, frames) / KernelRig.rms(x, frames / 2, frames));
    }

    @Test
    void cornersAreWhereTheTextbookPutsThem() {
        assertEquals(-3.01, gainDb("lpf", 1000, In.of(1000)), 0.5, "Butterworth low-pass at its corner");
        assertEquals(-3.01, gainDb("hpf", 1000, In.of(1000)), 0.5, "Butterworth high-pass at its corner");
        assertEquals(-3.01, gainDb("lpf", 8000, In.of(8000)), 0.5, "pre-warped: exact high up too");
        assertEquals(KernelRig.db(1 / 0.3), gainDb("rlpf", 2000, In.of(2000), In.of(0.3)), 0.5, "resonant: 1/rq at the corner");
        assertEquals(KernelRig.db(1 / 0.5), gainDb("rhpf", 500, In.of(500), In.of(0.5)), 0.5);
        assertEquals(0.0, gainDb("bpf", 3000, In.of(3000), In.of(0.2)), 0.5, "band-pass: unity at the centre");
        assertEquals(-12.04, gainDb("moog", 1000, In.of(1000), In.of(0)), 0.5, "four poles of -3 dB each");
    }

    @Test
    void slopesFallAsThePolesSay() {
        // 2-pole Butterworth an octave and two octaves out: -12.3 and -24.1 dB (bilinear: a bit more)
        double octave = gainDb("lpf", 2000, In.of(1000));
        double twoOctaves = gainDb("lpf", 4000, In.of(1000));
        assertEquals(-12.3, octave, 1.0);
        assertEquals(-24.1, twoOctaves, 1.5);
        assertTrue(gainDb("lpf", 100, In.of(1000)) > -0.1, "flat in the pass band");
        assertTrue(gainDb("bpf", 300, In.of(3000), In.of(0.2)) < -20, "band-pass rejects far away");
        assertTrue(gainDb("moog", 4000, In.of(1000), In.of(0)) < -40, "24 dB per octave");
    }

    @Test
    void cutoffJumpingAcrossTheBandEveryBlockNeverBlowsUp() {
        int frames = 10 * SR;
        float[] cutoff = new float[frames];
        for (int i = 0; i < frames; i++) cutoff[i] = (i / 64) % 2 == 0 ? 20f : 20000f;
        float[] x = KernelRig.noise(frames, 3);
        for (String type : new String[] {"rlpf", "rhpf", "bpf"}) {
            float[] y = new KernelRig().run(type, frames, true, In.of(x), In.of(cutoff), In.of(0.05))[0];
            for (int i = 0; i < frames; i++) {
                assertTrue(Math.abs(y[i]) < 50, type + " blew up at " + i + ": " + y[i]);
            }
        }
        float[] y = new KernelRig().run("moog", frames, true, In.of(x), In.of(cutoff), In.of(1.0))[0];
        for (int i = 0; i < frames; i++) assertTrue(Math.abs(y[i]) < 50, "moog blew up at " + i + ": " + y[i]);
    }

    @Test
    void silenceAfterABurstDecaysToExactZeroSoNoDenormalsEverRun() {
        int frames = 8 * SR;
        float[] x = new float[frames];
        System.arraycopy(KernelRig.noise(SR / 10, 5), 0, x, 0, SR / 10);
        for (String type : new String[] {"lpf", "rlpf", "hpf", "bpf", "moog", "delay", "reverb"}) {
            float[][] y = type.equals("reverb")
                    ? new KernelRig().run(type, frames, false, In.of(x), In.of(x), In.of(0.5), In.of(0.3), In.of(0.2))
                    : new KernelRig().run(type, frames, false, In.of(x), In.of(type.equals("delay") ? 0.05 : 500),
                            In.of(type.equals("delay") ? 0.5 : 0.3));
            for (float[] ch : y) {
                for (int i = frames - SR / 2; i < frames; i++) {
                    assertEquals(0f, ch[i], 0f, type + ": tail must be flushed to exact zero at " + i);
                }
            }
        }
    }

    @Test
    void filteringCommutesWithDelay() {
        // time invariance: filter(delay(x)) == delay(filter(x))
        int frames = SR / 2;
        int shift = 777;
        float[] x = KernelRig.noise(frames, 9);
        float[] shifted = new float[frames];
        System.arraycopy(x, 0, shifted, shift, frames - shift);
        for (String type : new String[] {"lpf", "rlpf", "hpf", "bpf", "moog"}) {
            float[] a = new KernelRig().run(type, frames, true, In.of(x), In.of(1200), In.of(0.4))[0];
            float[] b = new KernelRig().run(type, frames, true, In.of(shifted), In.of(1200), In.of(0.4))[0];
            for (int i = 0; i + shift < frames; i++) {
                assertEquals(a[i], b[i + shift], 1e-4f, type + " at " + i);
            }
        }
    }
}
