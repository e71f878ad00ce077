package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.sonora.server.rt.Command;

/** Timestamped commands land on their exact sample, not on a block boundary. */
class ScheduledCommandTest {

    @Test
    void aSynthStartsAtItsExactSample() {
        try (Rig rig = new Rig()) {
            rig.defineDc();
            long[] starts = {1037, 1100, 2047, 2048, 5000};
            for (long t : starts) rig.playAt("dc", t, "amp", 0.125);
            rig.blocks(100);
            float[] l = rig.out.left();
            float[] r = rig.out.right();
            for (int i = 0; i < 6400; i++) {
                int playing = 0;
                for (long t : starts) if (i >= t) playing++;
                assertEquals(0.125f * playing, l[i], 1e-6f, "left at sample " + i);
                assertEquals(l[i], r[i], "mono goes to both channels at full level");
            }
            assertEquals(0, rig.server.stats().publishedLate);
        }
    }

    @Test
    void aGateSetLandsOnItsSampleAndOtherControlsRampFromThere() {
        try (Rig rig = new Rig()) {
            rig.defineDc();
            NodeRef n = rig.playAt("dc", 0L, "amp", 0.5);
            rig.server.set(n, new String[] {"gate"}, new float[] {0}, 777);
            rig.server.set(n, new String[] {"gate"}, new float[] {1}, 900);
            rig.server.set(n, new String[] {"amp"}, new float[] {1.0f}, 1000);
            rig.blocks(40);
            float[] l = rig.out.left();
            assertEquals(0.5f, l[776], 0f);
            assertEquals(0f, l[777], 0f, "gate closes exactly at 777");
            assertEquals(0f, l[899], 0f);
            assertEquals(0.5f, l[900], 0f, "and opens exactly at 900");
            assertEquals(0.5f, l[999], 0f);
            // amp ramps over one block (64 samples) starting at sample 1000
            for (int k = 0; k < 64; k++) {
                assertEquals(0.5f + 0.5f * (k + 1) / 64f, l[1000 + k], 1e-5f, "ramp step " + k);
            }
            assertEquals(1.0f, l[1100], 0f);
        }
    }

    @Test
    void eventsAtTheSameSampleRunInTheOrderSent() {
        try (Rig rig = new Rig()) {
            rig.defineDc();
            NodeRef n = rig.playAt("dc", 500L, "amp", 0.1);
            // gates that stay open: a gate closed at a synth's first sample is held to the next (NodeRef.releaseFrom)
            rig.server.set(n, new String[] {"gate"}, new float[] {0.5f}, 500);
            rig.server.set(n, new String[] {"gate"}, new float[] {1}, 500);
            rig.server.set(n, new String[] {"gate"}, new float[] {0.25f}, 500);
            rig.blocks(10);
            assertEquals(0.025f, rig.out.left()[500], 1e-7f);
            assertEquals(0.025f, rig.out.left()[600], 1e-7f);
        }
    }

    @Test
    void aLateCommandRunsAtOnceAndIsCounted() {
        try (Rig rig = new Rig()) {
            rig.defineDc();
            rig.blocks(10); // now at sample 640
            rig.playAt("dc", 100L, "amp", 0.25);
            rig.blocks(1);
            assertEquals(0.25f, rig.out.left()[640], 0f, "runs at the start of the next block");
            assertEquals(0f, rig.out.left()[639], 0f);
            assertEquals(1, rig.server.stats().publishedLate);
            rig.playAt("dc", Command.NOW, "amp", 0.25);
            rig.blocks(1);
            assertEquals(1, rig.server.stats().publishedLate, "'now' is never late");
        }
    }

    @Test
    void aFreeAtASampleStopsThereAndPausingHolds() {
        try (Rig rig = new Rig()) {
            rig.defineDc();
            NodeRef a = rig.playAt("dc", 0L, "amp", 0.25);
            NodeRef b = rig.playAt("dc", 0L, "amp", 0.5);
            rig.server.free(a, 321);
            rig.server.run(b, false, 400);
            rig.server.run(b, true, 450);
            rig.blocks(10);
            float[] l = rig.out.left();
            assertEquals(0.75f, l[320], 0f);
            assertEquals(0.5f, l[321], 0f);
            assertEquals(0.5f, l[399], 0f);
            assertEquals(0f, l[400], 0f);
            assertEquals(0f, l[449], 0f);
            assertEquals(0.5f, l[450], 0f);
        }
    }
}
