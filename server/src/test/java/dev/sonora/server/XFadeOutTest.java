package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.Signal;

/**
 * {@code _xfadeout}, the write of an ndef source to its bus (issue 16), on the whole server:
 * alone it writes exactly what {@code out(gain × signal)} writes; after another source in phase
 * with it, at complementary gains, it brings the sum back to one source's level; after one more
 * than 90° apart it leaves the sum as it is (it never raises a level).
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
    void itNeverRaisesALevelCopiesMoreThanNinetyDegreesApartSumAsTheyAre() {
        double g = Math.sqrt(0.5);
        double phase = 2 * Math.PI / 3; // 120°: the sum is below one copy's level midway
        float[] plain = render(false, g, 0, g, phase);
        float[] corrected = render(true, g, 0, g, phase);
        // from 0.1 s: in the first few ms the running means have seen part of a period only
        for (int i = 4800; i < BLOCKS * 64; i++) assertEquals(plain[i], corrected[i], 0f, "sample " + i);
        assertTrue(rms(plain, 9600, 16000) < rms(render(false, 1, 0), 9600, 16000) * 0.8, "the dip is there");
    }
}
