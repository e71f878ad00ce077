package dev.sonora.server.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;
import org.junit.jupiter.api.Test;

import dev.sonora.server.driver.MemoryOut;
import dev.sonora.server.node.NewNode;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.RtEngine;
import dev.sonora.server.rt.RtStats;
import dev.sonora.server.rt.Ugen;
import dev.sonora.server.rt.World;
import dev.sonora.server.ugen.UnitResources;

/**
 * A reset synth is a fresh synth: every resettable built-in unit, played hard with other controls
 * and another id, then reset for id 1234, renders sample-identical to one built fresh for id 1234
 * (every wire of the graph compared after every block, and the output), when it starts on a
 * block boundary and when it starts inside a block.
 */
class SynthResetTest {
    private static final int BS = 64;
    private static final int ID = 1234;

    /** One unit of every type that can be reset, each fed a moving signal and controls of its own. */
    private static SynthDef everyUnit(List<String> controlNames) {
        GraphBuilder b = new GraphBuilder();
        Signal moving = b.unit("add", b.unit("mul", b.unit("sine", b.control("lfo", 3)), b.constant(100)), b.constant(300));
        Signal sum = null;
        int skipped = 0;
        for (UnitType t : Units.builtIn().warmable()) {
            if (t.name().equals("playbuf") || t.name().equals("diskin")) { // hold a buffer or stream: never pooled
                skipped++;
                continue;
            }
            Signal[] in = new Signal[t.inputs().length];
            for (int i = 0; i < in.length; i++) {
                if (i == 0) {
                    in[i] = t.name().equals("outk") || t.name().endsWith("in") || t.name().equals("ink") ? b.constant(3) : moving;
                } else {
                    String n = t.name() + "_" + t.inputs()[i];
                    controlNames.add(n);
                    in[i] = b.control(n, Float.isNaN(t.defaults()[i]) ? 0.5f : t.defaults()[i]);
                }
            }
            Signal s = b.unit(t.name(), in);
            if (s.channels() > 0) sum = sum == null ? s : b.unit("add", sum, s);
        }
        assertEquals(2, skipped);
        b.unit("out", b.constant(0), b.unit("pan", b.unit("mul", b.unit("saw", moving), b.control("amp2", 0.1f)), b.unit("sine", b.constant(1))));
        return b.build("every", b.unit("mul", sum, b.control("amp", 0.01f)));
    }

    private record Rt(World world, RtEngine engine, MpscArrayQueue<Command> inbox, SpscArrayQueue<Object> returns, MemoryOut out) {
        static Rt make() {
            SpscArrayQueue<Object> returns = new SpscArrayQueue<>(1024);
            World w = new World(48000, BS, 4096, 128, 64, returns, new RtStats());
            MpscArrayQueue<Command> inbox = new MpscArrayQueue<>(1024);
            return new Rt(w, new RtEngine(w, inbox, 1024), inbox, returns, new MemoryOut(48000 * 4));
        }

        void block() {
            engine.renderBlock(out);
            while (returns.relaxedPoll() != null) { }
        }

        void start(SynthDef.Built b, long time) {
            inbox.offer(new NewNode(time, b.synth, AddAction.TAIL, world.defaultGroup, World.DEFAULT_GROUP, 0));
        }
    }

    @Test
    void aResetSynthRendersExactlyAsAFreshOne() {
        for (int startOffset : new int[] {0, 37}) {
            List<String> names = new ArrayList<>();
            SynthDef def = everyUnit(names);
            String[] setNames = names.toArray(new String[0]);
            float[] values = new float[setNames.length];
            for (int i = 0; i < values.length; i++) values[i] = setNames[i].endsWith("time") ? 0.6f : 0.3f + 0.01f * i;

            Rt fresh = Rt.make();
            Rt used = Rt.make();
            float[] byIndex = new float[def.controlNames().size()];
            java.util.Arrays.fill(byIndex, Float.NaN);
            for (int i = 0; i < setNames.length; i++) byIndex[def.controlIndex(setNames[i])] = values[i];
            SynthDef.Built f = def.build(fresh.world, ID, byIndex, UnitResources.NONE, null);

            // the other: another id, the defaults, played for a while with controls moving, then ended
            SynthDef.Built u = def.build(used.world, 77, null, UnitResources.NONE, null);
            assertTrue(def.resettable(u), "every unit but the buffer and stream players can be reset");
            used.start(u, Command.NOW);
            for (int k = 0; k < 400; k++) {
                if (k % 50 == 3) for (int c = 0; c < def.controlNames().size(); c++) u.synth.setControl(c, 0.2f + 0.001f * k);
                used.block();
            }
            used.world.endNode(u.synth);
            used.block();

            // control buses are the world's, not the synth's (outk wrote one, ink reads it): as new
            java.util.Arrays.fill(used.world.controlBuses, 0f);
            def.reset(u, ID, setNames, values);
            assertEquals(ID, u.synth.id());
            long t0 = used.world.blockStart() + startOffset;
            used.start(u, t0);
            // the fresh one starts at the same offset of the same block index
            while (fresh.world.blockStart() < used.world.blockStart()) fresh.block();
            fresh.start(f, fresh.world.blockStart() + startOffset);
            int framesBefore = fresh.out.frames(), usedBefore = used.out.frames();
            for (int k = 0; k < 600; k++) {
                fresh.block();
                used.block();
                for (int w = 0; w < f.wires.length; w++) {
                    assertArrayEquals(f.wires[w].buf, u.wires[w].buf, "wire " + w + " at block " + k + ", start offset " + startOffset);
                }
            }
            float[] a = java.util.Arrays.copyOfRange(fresh.out.left(), framesBefore, fresh.out.frames());
            float[] b = java.util.Arrays.copyOfRange(used.out.left(), usedBefore, used.out.frames());
            assertArrayEquals(a, b, "output, start offset " + startOffset);
            float peak = 0;
            for (float x : a) peak = Math.max(peak, Math.abs(x));
            assertTrue(peak > 0.001f, "the synth is heard: " + peak);
            for (Ugen unit : u.units) assertTrue(unit.canReset());
        }
    }
}
