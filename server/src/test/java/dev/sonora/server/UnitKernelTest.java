package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.Signal;
import dev.sonora.server.synth.SynthDef;

/** The first units, rendered through the whole server (block splits included). */
class UnitKernelTest {

    private static void define(Rig rig, String name, java.util.function.Function<GraphBuilder, Signal> graph) {
        GraphBuilder b = new GraphBuilder();
        rig.server.addDef(b.build(name, graph.apply(b)));
    }

    @Test
    void sineMatchesTheMathToMicroPrecisionAtAnySplit() {
        try (Rig rig = new Rig()) {
            define(rig, "s", b -> b.unit("mul", b.unit("sine", b.control("freq", 1000)), b.control("amp", 0.5)));
            rig.playAt("s", 13L, "freq", 997.0);
            rig.playAt("s", 20000L, "freq", 997.0, "amp", 0); // a command mid-way splits the block
            rig.blocks(400);
            float[] l = rig.out.left();
            double maxErr = 0;
            for (int i = 13; i < 25000; i++) {
                double ideal = 0.5 * Math.sin(2 * Math.PI * 997.0 * (i - 13) / 48000.0);
                maxErr = Math.max(maxErr, Math.abs(l[i] - ideal));
            }
            assertEquals(0f, l[12], 0f);
            assertTrue(maxErr < 2e-6, "max error " + maxErr);
        }
    }

    @Test
    void sineUnderAMovingLevelMatchesTheMath() {
        try (Rig rig = new Rig()) {
            // the level is itself a signal (a slow sine), not a steady control: sine's moving-level path
            define(rig, "sm", b -> b.unit("mul", b.unit("sine", b.control("freq", 997)), b.unit("sine", b.constant(3))));
            rig.playAt("sm", 13L);
            rig.playAt("sm", 20000L, "freq", 500.0); // splits a block mid-way
            rig.blocks(300);
            float[] l = rig.out.left();
            double maxErr = 0;
            for (int i = 13; i < 19000; i++) {
                double t = (i - 13) / 48000.0;
                maxErr = Math.max(maxErr, Math.abs(l[i] - Math.sin(2 * Math.PI * 997.0 * t) * Math.sin(2 * Math.PI * 3.0 * t)));
            }
            assertTrue(maxErr < 3e-6, "max error " + maxErr);
        }
    }

    @Test
    void aCurvedPercIsItsSegmentsRecurrenceToWithinAFloatStep() {
        try (Rig rig = new Rig()) {
            define(rig, "pc", b -> b.unit("perc", b.constant(0.003), b.constant(0.05), b.constant(0.8), b.constant(-4)));
            rig.playAt("pc", 77L);
            rig.blocks(60);
            float[] l = rig.out.left();
            int attack = 144; // 0.003 s
            int release = 2400; // 0.05 s
            float[] want = new float[attack + release];
            segment(want, 0, 0f, 0.8f, attack, -4);
            segment(want, attack, want[attack - 1], 0f, release, -4);
            // the unit multiplies by a table of the curve's powers (no chain between samples), the
            // reference step by step: the same doubles to rounding, so at most one float step apart
            int differ = 0;
            for (int k = 0; k < want.length; k++) {
                assertEquals(want[k], l[77 + k], Math.ulp(want[k]), "sample " + k);
                if (want[k] != l[77 + k]) differ++;
            }
            assertEquals(0f, l[77 + attack - 1] - 0.8f, 0f, "the attack's last sample is its level exactly");
            assertEquals(0f, l[77 + attack + release - 1], 0f, "the release's last sample is 0 exactly");
            assertEquals(0f, l[77 + attack + release], 0f);
            assertTrue(differ < want.length / 20, differ + " samples a float step off the recurrence");
        }
    }

    /** SuperCollider's curve by recurrence, in double, its last sample exactly the target. */
    private static void segment(float[] o, int at, float start, float end, int n, double curve) {
        double a2 = (end - (double) start) / (1.0 - Math.exp(curve));
        double a = start + a2;
        double g = a2;
        double mult = Math.exp(curve / n);
        for (int k = 0; k < n - 1; k++) {
            g *= mult;
            o[at + k] = (float) (a - g);
        }
        o[at + n - 1] = end;
    }

    @Test
    void percHitsItsTimesToTheSampleAndFreesItsSynth() {
        try (Rig rig = new Rig()) {
            define(rig, "p", b -> b.unit("perc", b.constant(0.01), b.constant(0.02), b.constant(1), b.constant(0)));
            NodeRef n = rig.playAt("p", 100L);
            rig.blocks(30);
            float[] l = rig.out.left();
            // attack: 480 samples up to 1, release: 960 samples down to 0, linear (curve 0)
            assertEquals(1f / 480, l[100], 1e-6f);
            assertEquals(1f, l[100 + 479], 1e-6f, "peak exactly at the end of the attack");
            assertEquals(1f - 1f / 960, l[100 + 480], 1e-5f);
            assertEquals(0f, l[100 + 480 + 959], 1e-6f, "zero exactly at the end of the release");
            assertEquals(0f, l[100 + 480 + 960], 0f);
            assertFalse(n.playing(), "perc freed its synth");
        }
    }

    @Test
    void adsrReleasesFromAnyStageAndFrees() {
        try (Rig rig = new Rig()) {
            define(rig, "a", b -> b.unit("adsr", b.constant(0.01), b.constant(0.01), b.constant(0.5),
                    b.constant(0.005), b.control("gate", 1), b.constant(0)));
            NodeRef early = rig.playAt("a", 0L);
            rig.server.set(early, new String[] {"gate"}, new float[] {0}, 240); // mid-attack
            rig.blocks(20);
            float[] l = rig.out.left();
            assertEquals(0.5f, l[239], 1e-5f, "half-way up the attack");
            assertEquals(0.5f - 0.5f / 240, l[240], 1e-5f, "release starts from there at once");
            assertEquals(0f, l[240 + 239], 1e-6f, "and takes its 240 samples");
            assertFalse(early.playing());
            NodeRef held = rig.playAt("a", rig.server.sampleTime());
            rig.blocks(100);
            assertTrue(held.playing(), "sustains while the gate is open");
            assertEquals(0.5f, rig.out.left()[rig.out.frames() - 1], 1e-6f);
        }
    }

    @Test
    void sawIsBoundedZeroMeanAndHasItsPeriod() {
        try (Rig rig = new Rig()) {
            define(rig, "w", b -> b.unit("saw", b.constant(480)));
            rig.play("w");
            rig.blocks(150);
            float[] l = rig.out.left();
            double sum = 0;
            int rising = 0;
            for (int i = 0; i < 9600; i++) {
                assertTrue(Math.abs(l[i]) <= 1.2f, "bounded at " + i);
                sum += l[i];
                if (i > 0 && l[i - 1] >= -0.5f && l[i] < -0.5f) rising++; // only the wrap falls through -0.5
            }
            assertEquals(0, sum / 9600, 0.01);
            assertEquals(96, rising, 1, "one wrap per 100 samples");
        }
    }

    @Test
    void foldingAMulIntoTheOscillatorKeepsTheSound() {
        try (Rig rig = new Rig()) {
            // folded: the mul's other input is ready before the sine runs
            define(rig, "folded", b -> b.unit("mul", b.unit("sine", b.constant(330)), b.control("amp", 0.3)));
            // not folded: the envelope is made after the sine
            define(rig, "plain", b -> {
                Signal s = b.unit("sine", b.constant(330));
                return b.unit("mul", s, b.unit("line", b.constant(0.3), b.constant(0.3), b.constant(1)));
            });
            SynthDef f = rig.server.def("folded");
            SynthDef p = rig.server.def("plain");
            assertEquals(2, f.numUnits(), "sine (with its mul) and out");
            assertEquals(4, p.numUnits(), "sine, line, mul and out");
            NodeRef a = rig.play("folded");
            rig.blocks(4);
            float[] first = java.util.Arrays.copyOf(rig.out.left(), 256);
            rig.server.free(a, Command.NOW); // both at the start of the next block (256)
            rig.play("plain");
            rig.blocks(4);
            float[] l = rig.out.left();
            for (int i = 0; i < 256; i++) {
                assertEquals(first[i], l[256 + i], 1e-6f, "sample " + i);
            }
        }
    }

    @Test
    void fusingPanIntoOutKeepsTheSound() {
        try (Rig rig = new Rig()) {
            define(rig, "fused", b -> b.unit("pan", b.unit("saw", b.constant(220)), b.control("pos", 0.3), b.control("amp", 0.5)));
            // the same, with the panner's outputs passing through a unit first: not fused
            define(rig, "plain", b -> {
                Signal p = b.unit("pan", b.unit("saw", b.constant(220)), b.control("pos", 0.3), b.control("amp", 0.5));
                return b.unit("add", p, b.constant(0));
            });
            assertEquals(2, rig.server.def("fused").numUnits(), "saw and the fused pan-out");
            assertEquals(5, rig.server.def("plain").numUnits(), "saw, pan, two adds, out");
            NodeRef a = rig.play("fused", "pos", -0.6);
            rig.blocks(4);
            float[] l1 = java.util.Arrays.copyOf(rig.out.left(), 256);
            float[] r1 = java.util.Arrays.copyOf(rig.out.right(), 256);
            rig.server.free(a, Command.NOW);
            NodeRef p = rig.play("plain", "pos", -0.6);
            rig.server.set(p, new String[] {"pos"}, new float[] {-0.6f}, Command.NOW);
            rig.blocks(4);
            for (int i = 0; i < 256; i++) {
                assertEquals(l1[i], rig.out.left()[256 + i], 1e-6f, "left " + i);
                assertEquals(r1[i], rig.out.right()[256 + i], 1e-6f, "right " + i);
            }
            assertTrue(Math.abs(l1[100]) > Math.abs(r1[100]), "panned left");
        }
    }

    @Test
    void aSettledPanAndPitchFollowEverySet() {
        // the panner and the saw keep what they computed for a held value; a set must still reach them
        try (Rig rig = new Rig()) {
            define(rig, "v", b -> b.unit("pan", b.unit("saw", b.control("freq", 240)), b.control("pos", -0.9), b.control("amp", 0.5)));
            NodeRef n = rig.play("v");
            rig.blocks(40); // 2560 samples at 240 Hz
            rig.server.set(n, new String[] {"pos", "freq"}, new float[] {0.9f, 480f}, Command.NOW);
            rig.blocks(40);
            float[] l = rig.out.left();
            float[] r = rig.out.right();
            assertTrue(energy(l, 0, 2560) > 4 * energy(r, 0, 2560), "panned left at first");
            assertTrue(energy(r, 2624, 5120) > 4 * energy(l, 2624, 5120), "panned right after the set");
            assertEquals(2560 * 240 / 48000, wraps(l, 0, 2560), 1, "240 Hz at first");
            assertEquals((5120 - 2624) * 480 / 48000, wraps(r, 2624, 5120), 1, "480 Hz after the set");
        }
    }

    @Test
    void panIsEqualPowerLikeScsynthsPan2() {
        // Pan2's law: gains cos and sin of (pos + 1) * 45 degrees; the centre is -3 dB each side
        try (Rig rig = new Rig()) {
            define(rig, "dc", b -> b.unit("pan", b.constant(1), b.control("pos", 0), b.control("amp", 1)));
            double[][] expected = {{-1, 1, 0}, {-0.5, Math.cos(Math.PI / 8), Math.sin(Math.PI / 8)}, {0, Math.sqrt(0.5), Math.sqrt(0.5)},
                {0.5, Math.sin(Math.PI / 8), Math.cos(Math.PI / 8)}, {1, 0, 1}};
            int block = 0;
            for (double[] e : expected) {
                NodeRef n = rig.play("dc", "pos", e[0]);
                rig.blocks(2);
                rig.server.free(n, Command.NOW);
                int at = block * 64 + 64; // the second block: settled
                assertEquals(e[1], rig.out.left()[at], 1e-4, "left gain at pos " + e[0]);
                assertEquals(e[2], rig.out.right()[at], 1e-4, "right gain at pos " + e[0]);
                block += 2;
            }
        }
    }

    @Test
    void panOnAStereoSignalIsABalanceThatKeepsBothSides() {
        try (Rig rig = new Rig()) {
            define(rig, "st", b -> b.unit("pan", b.channels(b.constant(0.5), b.constant(0.25)), b.control("pos", 0), b.control("amp", 1)));
            double[][] expected = {{0, 0.5, 0.25}, {0.5, 0.25, 0.25}, {-0.5, 0.5, 0.125}, {1, 0, 0.25}, {-1, 0.5, 0}};
            int block = 0;
            for (double[] e : expected) {
                NodeRef n = rig.play("st", "pos", e[0], "amp", 0.8);
                rig.blocks(2);
                rig.server.free(n, Command.NOW);
                int at = block * 64 + 64;
                assertEquals(0.8 * e[1], rig.out.left()[at], 1e-6, "left at pos " + e[0]);
                assertEquals(0.8 * e[2], rig.out.right()[at], 1e-6, "right at pos " + e[0]);
                block += 2;
            }
        }
    }

    private static double energy(float[] x, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) e += x[i] * x[i];
        return e;
    }

    /** A rising saw crosses zero downwards only at its falling edge: once per cycle. */
    private static int wraps(float[] x, int from, int to) {
        int n = 0;
        for (int i = from + 1; i < to; i++) if (x[i - 1] > 0f && x[i] <= 0f) n++;
        return n;
    }

    @Test
    void mistakesInADefinitionAreFoundWhenItIsBuilt() {
        GraphBuilder b = new GraphBuilder();
        assertEquals("constant NaN is not a finite number",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> b.constant(Double.NaN)).getMessage());
        assertEquals("unknown unit 'sinee'",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> b.unit("sinee")).getMessage());
        assertEquals("mul: input 'a' is required",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> b.unit("mul")).getMessage());
        GraphBuilder other = new GraphBuilder();
        Signal foreign = other.constant(1);
        assertEquals("sine: an input comes from another definition",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> b.unit("sine", foreign)).getMessage());
    }
}
