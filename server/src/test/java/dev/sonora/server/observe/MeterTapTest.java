package dev.sonora.server.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sonora.server.NodeRef;
import dev.sonora.server.Rig;
import dev.sonora.server.ServerException;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.GraphBuilder;

/** Meters and scopes measured through a whole server on the offline driver. */
class MeterTapTest {
    record Reading(long time, float peakLeft, float peakRight, float rmsLeft, float rmsRight) {
    }

    static List<Reading> drain(MeterTap t) {
        List<Reading> out = new ArrayList<>();
        t.drain((time, pl, pr, rl, rr) -> out.add(new Reading(time, pl, pr, rl, rr)));
        return out;
    }

    static void defineSine(Rig rig) {
        GraphBuilder b = new GraphBuilder();
        rig.server.addDef(b.build("sine", b.unit("mul", b.unit("sine", b.control("freq", 440)), b.control("amp", 0.5))));
        GraphBuilder c = new GraphBuilder();
        c.unit("out", c.control("bus", 20), c.unit("mul", c.unit("sine", c.control("freq", 440)), c.control("amp", 0.5)));
        rig.server.addDef(c.build("toBus", null));
    }

    @Test
    void aSineOfAmplitudeHalfReadsPeakHalfAndRmsHalfOverRootTwo() {
        try (Rig rig = new Rig()) {
            defineSine(rig);
            rig.play("sine");
            MeterTap m = new MeterTap(TapSource.out(), rig.server.blockSize(), 2400);
            rig.server.observers().add(m);
            rig.blocks(375); // 0.5 s
            List<Reading> rs = drain(m);
            assertEquals(10, rs.size(), "one reading per 2400 frames");
            for (int i = 0; i < rs.size(); i++) {
                Reading r = rs.get(i);
                assertEquals(0.5, r.peakLeft(), 0.001);
                assertEquals(0.5, r.peakRight(), 0.001);
                assertEquals(0.5 / Math.sqrt(2), r.rmsLeft(), 0.0005);
                assertEquals(0.5 / Math.sqrt(2), r.rmsRight(), 0.0005);
            }
            long first = rs.get(0).time();
            for (int i = 1; i < rs.size(); i++) assertEquals(first + 2400L * i, rs.get(i).time(), "windows cut on their exact frame");
        }
    }

    /**
     * Inside a parallel group a node's meter reads what it adds as it would in a plain group:
     * its task measures in its own lane, on whichever thread runs it (with one worker, both).
     */
    @Test
    void aNodeMeterInsideAParallelGroupReadsWhatThatNodeAdds() {
        for (int workers : new int[] {0, 1}) {
            try (Rig rig = new Rig(dev.sonora.server.ServerOptions.defaults().withWorkers(workers), 48000)) {
                defineSine(rig);
                rig.defineDc();
                NodeRef p = rig.server.parallelGroup(AddAction.TAIL, rig.server.defaultGroup(), Command.NOW);
                NodeRef sine = rig.server.synth("sine", new String[] {"amp"}, new float[] {0.5f}, AddAction.TAIL, p, Command.NOW);
                NodeRef inner = rig.server.group(AddAction.TAIL, p, Command.NOW);
                for (int i = 0; i < 3; i++) rig.server.synth("dc", new String[] {"amp"}, new float[] {0.1f}, AddAction.TAIL, inner, Command.NOW);
                NodeRef dcInInner = rig.server.synth("dc", new String[] {"amp"}, new float[] {0.05f}, AddAction.TAIL, inner, Command.NOW);
                int bs = rig.server.blockSize();
                MeterTap onSine = new MeterTap(rig.server.nodeTapSource(sine, 0), bs, 4800);
                MeterTap onInner = new MeterTap(rig.server.nodeTapSource(inner, 0), bs, 4800);
                MeterTap onDc = new MeterTap(rig.server.nodeTapSource(dcInInner, 0), bs, 4800);
                MeterTap onGroup = new MeterTap(rig.server.nodeTapSource(p, 0), bs, 4800);
                for (MeterTap m : List.of(onSine, onInner, onDc, onGroup)) rig.server.observers().add(m);
                rig.blocks(600); // 0.8 s: eight windows
                // a parked worker may find each short block done before it wakes: play on until it took a task
                for (int k = 0; k < 500 && workers > 0 && rig.driver.workerTasksRun() == 0; k++) rig.blocks(20);
                String with = workers + " worker(s): ";
                // every full window, so a block measured wrong on whichever thread ran it shows
                // (one silent block of a window's 75 moves an RMS by about 0.7 %)
                List<Reading> sines = drain(onSine), inners = drain(onInner), dcs = drain(onDc), groups = drain(onGroup);
                assertTrue(sines.size() >= 7, with + "readings: " + sines.size());
                for (int k = 1; k < sines.size(); k++) {
                    assertEquals(0.5, sines.get(k).peakLeft(), 0.001, with + "the sine alone, window " + k);
                    assertEquals(0.3536, sines.get(k).rmsLeft(), 0.0005, with + "the sine alone, window " + k);
                    assertEquals(0.35, inners.get(k).rmsLeft(), 1e-5, with + "the inner group (its four dc voices), window " + k);
                    assertEquals(0.05, dcs.get(k).rmsLeft(), 1e-6, with + "one dc voice in a group in the parallel group, window " + k);
                    assertEquals(0.85, groups.get(k).peakLeft(), 0.002, with + "the parallel group: everything in it, window " + k);
                }
                if (workers == 1) assertTrue(rig.driver.workerTasksRun() > 0, "the worker ran tasks");
            }
        }
    }

    @Test
    void aNodeMeterReadsOnlyWhatThatNodeAdds() {
        try (Rig rig = new Rig()) {
            defineSine(rig);
            rig.defineDc();
            NodeRef sine = rig.play("sine");
            NodeRef group = rig.server.group(AddAction.TAIL, rig.server.defaultGroup(), Command.NOW);
            rig.server.synth("dc", new String[] {"amp"}, new float[] {0.25f}, AddAction.TAIL, group, Command.NOW);
            int bs = rig.server.blockSize();
            MeterTap onSine = new MeterTap(rig.server.nodeTapSource(sine, 0), bs, 4800);
            MeterTap onGroup = new MeterTap(rig.server.nodeTapSource(group, 0), bs, 4800);
            MeterTap onOut = new MeterTap(TapSource.out(), bs, 4800);
            rig.server.observers().add(onSine);
            rig.server.observers().add(onGroup);
            rig.server.observers().add(onOut);
            rig.blocks(300);
            Reading s = drain(onSine).get(2);
            assertEquals(0.5, s.peakLeft(), 0.001);
            assertEquals(0.3536, s.rmsLeft(), 0.0005);
            Reading g = drain(onGroup).get(2);
            assertEquals(0.25, g.peakLeft(), 1e-6);
            assertEquals(0.25, g.rmsRight(), 1e-6);
            Reading o = drain(onOut).get(2);
            assertEquals(0.75, o.peakLeft(), 0.001, "the output holds both");
        }
    }

    @Test
    void aBusMeterReadsTheBusAndAMonoBusReadsTheSameOnBothSides() {
        try (Rig rig = new Rig()) {
            defineSine(rig);
            rig.play("toBus", "bus", 20);
            MeterTap m = new MeterTap(TapSource.bus(20, false), rig.server.blockSize(), 2400);
            rig.server.observers().add(m);
            rig.blocks(100);
            Reading r = drain(m).get(1);
            assertEquals(0.5, r.peakLeft(), 0.001);
            assertEquals(0.3536, r.rmsLeft(), 0.0005);
            assertEquals(r.rmsLeft(), r.rmsRight());
        }
    }

    @Test
    void removedMetersGetNothingAndTheEngineSeesNoObserversAgain() {
        try (Rig rig = new Rig()) {
            defineSine(rig);
            rig.play("sine");
            Observers o = rig.server.observers();
            MeterTap m = new MeterTap(TapSource.out(), rig.server.blockSize(), 64);
            int slot = o.add(m);
            rig.blocks(10);
            assertEquals(10, drain(m).size());
            o.remove(slot);
            rig.blocks(10);
            assertEquals(0, drain(m).size());
            assertEquals(0, o.count());
            assertNull(observersOf(rig), "with none left, the engine's field is null again: one read a block");
            o.remove(slot); // twice: nothing happens
            MeterTap again = new MeterTap(TapSource.out(), rig.server.blockSize(), 64);
            assertEquals(slot, o.add(again), "the slot is used again");
            rig.blocks(3);
            assertEquals(3, drain(again).size());
        }
    }

    @Test
    void anEndedNodeIsRefusedAndAMeterOnANodeThatEndsReadsSilence() {
        try (Rig rig = new Rig()) {
            defineSine(rig);
            NodeRef n = rig.play("sine");
            MeterTap m = new MeterTap(rig.server.nodeTapSource(n, 0), rig.server.blockSize(), 640);
            rig.server.observers().add(m);
            rig.blocks(20);
            rig.server.free(n, Command.NOW);
            rig.blocks(20);
            List<Reading> rs = drain(m);
            assertEquals(0.5, rs.get(0).peakLeft(), 0.001);
            assertEquals(0f, rs.get(rs.size() - 1).peakLeft());
            ServerException e = assertThrows(ServerException.class, () -> rig.server.nodeTapSource(n, 0));
            assertTrue(e.getMessage().contains("has already ended"), e.getMessage());
            assertThrows(ServerException.class, () -> rig.server.nodeTapSource(rig.server.defaultGroup(), 127));
        }
    }

    @Test
    void aScopeFrameIsExactlyTheLastFramesOfTheOutput() {
        try (Rig rig = new Rig()) {
            defineSine(rig);
            rig.play("sine", "freq", 333);
            ScopeTap s = new ScopeTap(TapSource.out(), rig.server.blockSize(), 2400, 4800);
            rig.server.observers().add(s);
            float[] l = new float[2400];
            float[] r = new float[2400];
            rig.blocks(30);
            assertEquals(-1, s.takeFrame(l, r), "not full yet: 1920 frames");
            rig.blocks(10);
            long end = s.takeFrame(l, r);
            assertEquals(38L * 64, end, "the first frame at the end of the block that filled it (2400 frames in 38 blocks)");
            float[] out = rig.out.left();
            for (int i = 0; i < 2400; i++) assertEquals(out[(int) end - 2400 + i], l[i], 0f, "frame " + i);
            assertEquals(-1, s.takeFrame(l, r), "taken");
        }
    }

    private static Object observersOf(Rig rig) {
        try {
            var f = rig.server.engine().getClass().getDeclaredField("observers");
            f.setAccessible(true);
            return f.get(rig.server.engine());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
