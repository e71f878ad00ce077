package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.Signal;

/**
 * {@code _xfadeout}, the write of an ndef source to its bus (issue 16), on the whole server:
 * alone it writes exactly what {@code out(gain × signal)} writes; after another copy of its
 * signal, at complementary gains, it brings the sum to one copy's level, whether the copies are
 * in phase (the sum 3 dB up) or 120° apart (3 dB down); the correction stops at +6 dB.
 */
class XFadeOutTest {
    private static final int BLOCKS = 300; // 0.4 s at 64-sample blocks

    /** sine(300, phase) × the control "gain", into bus 0 through _xfadeout or through a plain out. */
    private static void define(Rig rig, String name, boolean xfadeOut) {
        GraphBuilder b = new GraphBuilder();
        Signal s = b.unit("mul", b.unit("sine", b.constant(300), b.control("phase", 0)), b.constant(0.5f));
        Signal gain = b.control("gain", 1);
        if (xfadeOut) {
            b.unit("_xfadeout", b.constant(0), gain, s, s);
        } else {
            Signal g = b.unit("mul", s, gain);
            b.unit("out", b.constant(0), g, g);
        }
        rig.server.addDef(b.build(name, null));
    }

    private static float[] render(boolean xfadeOut, double... gainsAndPhases) {
        try (Rig rig = new Rig()) {
            define(rig, "src", xfadeOut);
            for (int i = 0; i < gainsAndPhases.length; i += 2) {
                rig.playAt("src", 0L, "gain", gainsAndPhases[i], "phase", gainsAndPhases[i + 1]);
            }
            rig.blocks(BLOCKS);
            return rig.out.left().clone();
        }
    }

    private static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) sum += (double) x[i] * x[i];
        return Math.sqrt(sum / (to - from));
    }

    @Test
    void aloneItWritesTheSameBitsAsAPlainOut() {
        float[] plain = render(false, 0.7, 0);
        float[] faded = render(true, 0.7, 0);
        for (int i = 0; i < BLOCKS * 64; i++) assertEquals(plain[i], faded[i], 0f, "sample " + i);
    }

    @Test
    void twoInPhaseCopiesAtComplementaryGainsSoundAtOneCopysLevel() {
        double g = Math.sqrt(0.5); // mid-fade: cos = sin
        float[] plain = render(false, g, 0, g, 0);
        float[] corrected = render(true, g, 0, g, 0);
        float[] one = render(false, 1, 0);
        int from = 9600; // 0.2 s: the running means (20 ms) have settled; 9600 is 60 whole periods
        int to = BLOCKS * 64 - 3200;
        double level = rms(one, from, to);
        assertEquals(2 * g * level, rms(plain, from, to), 1e-4, "without the correction: +3 dB");
        assertEquals(level, rms(corrected, from, to), level * 1e-3, "with it: one copy's level");
    }

    @Test
    void copiesOutOfPhaseAreBroughtUpToOneCopysLevel() {
        double g = Math.sqrt(0.5);
        double phase = 2 * Math.PI / 3; // 120°: the plain sum midway has half one copy's power
        float[] plain = render(false, g, 0, g, phase);
        float[] corrected = render(true, g, 0, g, phase);
        float[] one = render(false, 1, 0);
        int from = 9600;
        int to = BLOCKS * 64 - 3200;
        double level = rms(one, from, to);
        assertEquals(level * Math.sqrt(0.5), rms(plain, from, to), level * 1e-3, "without the correction: -3 dB");
        assertEquals(level, rms(corrected, from, to), level * 2e-3, "with it: one copy's level");
    }

    @Test
    void theCorrectionStopsAtSixDecibels() {
        double g = Math.sqrt(0.5);
        double phase = Math.toRadians(170); // the plain sum is 15 dB down: more than 6 dB can mend
        float[] plain = render(false, g, 0, g, phase);
        float[] corrected = render(true, g, 0, g, phase);
        for (int i = 9600; i < BLOCKS * 64; i++) assertEquals(2 * plain[i], corrected[i], 0f, "sample " + i);
    }
}
