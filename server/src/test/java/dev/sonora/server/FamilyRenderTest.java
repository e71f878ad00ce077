package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.Signal;

/** One whole-system render per unit family: through the server, every block split, audible and clean. */
class FamilyRenderTest {

    private static float[] render(Function<GraphBuilder, Signal> graph, int blocks) {
        try (Rig rig = new Rig()) {
            GraphBuilder b = new GraphBuilder();
            rig.server.addDef(b.build("family", graph.apply(b)));
            rig.playAt("family", 1000L);
            rig.blocks(blocks);
            assertEquals(0, rig.server.stats().publishedNanFixed, "no NaN reached the output");
            return rig.out.left().clone();
        }
    }

    private static void audibleAndClean(float[] x, int from, int to) {
        double sum = 0;
        for (int i = 0; i < from; i++) assertEquals(0f, x[i], 0f, "silent before the start, at " + i);
        for (int i = from; i < to; i++) {
            assertTrue(Float.isFinite(x[i]) && Math.abs(x[i]) <= 1f);
            sum += x[i] * x[i];
        }
        assertTrue(Math.sqrt(sum / (to - from)) > 1e-3, "audible");
    }

    @Test
    void sources() {
        audibleAndClean(render(b -> b.mix(b.unit("sine", b.constant(220)), b.unit("saw", b.constant(110)),
                b.unit("pulse", b.constant(330), b.constant(0.3)), b.unit("tri", b.constant(440)),
                b.unit("noise"), b.unit("pink"), b.unit("impulse", b.constant(10))).pipe(s -> b.unit("mul", s, b.constant(0.1))), 200),
                1000, 12800);
    }

    @Test
    void filters() {
        audibleAndClean(render(b -> {
            Signal src = b.unit("saw", b.constant(110));
            return b.unit("mul", b.mix(b.unit("lpf", src, b.constant(800)), b.unit("hpf", src, b.constant(2000)),
                    b.unit("rlpf", src, b.constant(600), b.constant(0.2)), b.unit("rhpf", src, b.constant(3000), b.constant(0.5)),
                    b.unit("bpf", src, b.constant(1000), b.constant(0.3)), b.unit("moog", src, b.constant(700), b.constant(0.7))),
                    b.constant(0.1));
        }, 200), 1000, 12800);
    }

    @Test
    void envelopesAndMath() {
        float[] x = render(b -> b.unit("clip", b.unit("tanh", b.unit("mul",
                b.unit("sine", b.unit("range", b.unit("sine", b.constant(2)), b.constant(200), b.constant(400))),
                b.unit("mul", b.unit("perc", b.constant(0.01), b.constant(0.5)), b.unit("line", b.constant(0.2), b.constant(0.8), b.constant(0.5))))),
                b.constant(-0.5), b.constant(0.5)), 600);
        audibleAndClean(x, 1000, 1000 + 24000);
        for (int i = 1000 + 24480 + 64; i < 38400; i++) assertEquals(0f, x[i], 0f, "perc ended the synth");
    }

    @Test
    void effects() {
        audibleAndClean(render(b -> b.unit("limit", b.unit("reverb",
                b.unit("delay", b.unit("mul", b.unit("saw", b.constant(220)), b.unit("perc", b.constant(0.001), b.constant(0.1))),
                        b.constant(0.1), b.constant(0.6)), b.constant(0.4), b.constant(0.7), b.constant(0.3)), b.constant(0.5)), 400),
                1000, 20000);
    }

    @Test
    void busesCarrySignalBetweenSynthsInTreeOrder() {
        try (Rig rig = new Rig()) {
            GraphBuilder src = new GraphBuilder();
            src.unit("out", src.constant(20), src.unit("mul", src.unit("sine", src.constant(300)), src.constant(0.5)));
            rig.server.addDef(src.build("src", null));
            GraphBuilder fx = new GraphBuilder();
            rig.server.addDef(fx.build("fx", fx.unit("mul", fx.unit("in", fx.constant(20)), fx.constant(0.5))));
            GraphBuilder ctl = new GraphBuilder();
            ctl.unit("outk", ctl.constant(3), ctl.constant(0.25));
            rig.server.addDef(ctl.build("ctl", null));
            GraphBuilder reader = new GraphBuilder();
            rig.server.addDef(reader.build("reader", reader.unit("ink", reader.constant(3))));
            rig.play("src");
            rig.play("fx");
            rig.blocks(2);
            float[] l = rig.out.left();
            for (int i = 0; i < 128; i++) {
                assertEquals(0.25f * (float) Math.sin(2 * Math.PI * 300 * i / 48000.0), l[i], 1e-5f, "sample " + i);
            }
            NodeRef c = rig.play("ctl");
            rig.blocks(1);
            rig.server.freeAll(rig.server.defaultGroup(), Command.NOW);
            rig.blocks(1);
            assertTrue(!c.playing());
            rig.play("reader"); // the writer is gone; the bus still holds what it wrote
            rig.blocks(1);
            assertEquals(0.25f, rig.out.left()[rig.out.frames() - 1], 0f, "a control bus keeps its value");
        }
    }

    @Test
    void aSetRampsWithoutZipperSteps() {
        try (Rig rig = new Rig()) {
            rig.defineDc();
            NodeRef n = rig.play("dc", "amp", 0);
            rig.blocks(1);
            rig.server.set(n, new String[] {"amp"}, new float[] {1}, rig.server.sampleTime() + 17);
            rig.blocks(4);
            float[] l = rig.out.left();
            float maxStep = 0;
            for (int i = 1; i < rig.out.frames(); i++) maxStep = Math.max(maxStep, Math.abs(l[i] - l[i - 1]));
            assertEquals(1f / 64, maxStep, 1e-6f, "0 to 1 in steps of at most one 64th (the ramp)");
            assertEquals(1f, l[rig.out.frames() - 1], 0f);
        }
    }
}
