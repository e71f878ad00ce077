package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.sonora.server.rt.Ugen;
import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.UnitType;

/** Nothing but finite samples in [-1, 1] leaves the server, and what was fixed is counted. */
class OutputStageTest {

    /** A broken unit: NaN, +Inf, -Inf, 0.5 over and over. */
    static final class Broken extends Ugen {
        private final float[] out;

        Broken(float[] out) {
            this.out = out;
        }

        @Override
        public void process(int from, int to) {
            for (int i = from; i < to; i++) {
                out[i] = switch (i & 3) {
                    case 0 -> Float.NaN;
                    case 1 -> Float.POSITIVE_INFINITY;
                    case 2 -> Float.NEGATIVE_INFINITY;
                    default -> 0.5f;
                };
            }
        }
    }

    @Test
    void nanAndInfinityBecomeSilenceAndAreCounted() {
        try (Rig rig = new Rig()) {
            rig.server.units().register(new UnitType("broken", new String[0], new float[0], 1, false,
                    (c, in, out) -> new Broken(out[0].buf)));
            GraphBuilder b = new GraphBuilder(rig.server.units());
            rig.server.addDef(b.build("broken", b.unit("broken")));
            rig.play("broken");
            rig.blocks(10);
            float[] l = rig.out.left();
            for (int i = 0; i < 640; i++) {
                assertEquals((i & 3) == 3 ? 0.5f : 0f, l[i], 0f, "sample " + i);
            }
            assertEquals(2 * 640 * 3 / 4, rig.server.stats().publishedNanFixed, "both channels, 3 of every 4 samples");
        }
    }

    @Test
    void peaksClipAtOneAndAreCounted() {
        try (Rig rig = new Rig()) {
            rig.defineDc();
            rig.play("dc", "amp", 3.0);
            rig.play("dc", "amp", -0.5);
            rig.blocks(2);
            assertEquals(1f, rig.out.left()[10], 0f);
            assertEquals(1f, rig.out.right()[100], 0f);
            assertEquals(2 * 128, rig.server.stats().publishedClipped);
            assertTrue(rig.server.status().peak() >= 2.5, "peak reports the level before clipping");
        }
    }

    @Test
    void fadeOutRampsTheMainOutputToSilenceWithoutAStep() {
        try (Rig rig = new Rig()) {
            rig.defineDc();
            rig.play("dc", "amp", 0.5);
            rig.blocks(1);
            rig.server.fadeOut(0.01);
            rig.blocks(20);
            float[] l = rig.out.left();
            float maxStep = 0;
            for (int i = 1; i < rig.out.frames(); i++) maxStep = Math.max(maxStep, Math.abs(l[i] - l[i - 1]));
            assertTrue(maxStep <= 0.5f / 480 + 1e-6f, "largest step " + maxStep);
            assertEquals(0f, l[rig.out.frames() - 1], 0f);
            assertEquals(0f, rig.server.masterGain(), 0f);
            rig.server.fadeIn(0);
            rig.blocks(1);
            assertEquals(0.5f, rig.out.left()[rig.out.frames() - 1], 0f);
        }
    }
}
