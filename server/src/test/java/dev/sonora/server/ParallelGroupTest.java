package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.Ugen;
import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.Signal;
import dev.sonora.server.synth.UnitType;

/**
 * Parallel groups (issue 14 item 3): what their children write is summed per child and added to
 * the buses in child order after all ran, so the output is a function of the tree alone: the
 * same with any number of workers, the same as a plain group where each child adds once to each
 * bus, and a child reads the buses as they were when the group began plus its own writes.
 */
class ParallelGroupTest {
    private static final int BLOCKS = 1500;

    /**
     * Voices that add once into each of buses 0 and 1 (a mono result: one plain addition per
     * bus), and a panned one (pan fused into out: one fused multiply-add per bus, which a lane
     * splits into a product and an addition, one rounding apart).
     */
    private static void defineVoices(Server s) {
        GraphBuilder b = new GraphBuilder();
        var env = b.unit("perc", b.constant(0.002), b.control("release", 0.05));
        s.addDef(b.build("note", b.unit("mul", b.unit("saw", b.control("freq", 220)), b.unit("mul", env, b.constant(0.05)))));
        GraphBuilder h = new GraphBuilder();
        s.addDef(h.build("hold", h.unit("mul", h.unit("sine", h.control("freq", 330)), h.control("amp", 0.02))));
        GraphBuilder ph = new GraphBuilder();
        s.addDef(ph.build("panned", ph.unit("pan", ph.unit("mul", ph.unit("sine", ph.control("freq", 330)), ph.control("amp", 0.02)),
                ph.control("pos", 0))));
        // a track's voice to a private bus, and its effect reading that bus back to the main output
        GraphBuilder v = new GraphBuilder();
        v.unit("out", v.control("bus", 20), v.unit("mul", v.unit("tri", v.control("freq", 110)), v.constant(0.1)));
        s.addDef(v.build("toBus", null));
        GraphBuilder fx = new GraphBuilder();
        s.addDef(fx.build("fx", fx.unit("tanh", fx.unit("mul", fx.unit("in", fx.control("bus", 20)), fx.constant(3)))));
        GraphBuilder dc = new GraphBuilder();
        dc.unit("out", dc.control("bus", 10), dc.control("level", 0.25));
        s.addDef(dc.build("dc", null));
        GraphBuilder rd = new GraphBuilder();
        rd.unit("out", rd.control("to", 0), rd.unit("in", rd.control("from", 10)));
        s.addDef(rd.build("read", null));
    }

    /** A set whose children each add once per bus: holds, notes that end inside the group, a track with its effect. */
    private static List<String> playSet(Rig rig, boolean parallel) {
        Server s = rig.server;
        defineVoices(s);
        NodeRef g = parallel ? s.parallelGroup(AddAction.TAIL, s.defaultGroup(), Command.NOW)
                : s.group(AddAction.TAIL, s.defaultGroup(), Command.NOW);
        for (int i = 0; i < 6; i++) {
            s.synth("hold", new String[] {"freq"}, new float[] {200 + 37 * i}, AddAction.TAIL, g, Command.NOW);
        }
        NodeRef track = s.group(AddAction.TAIL, g, Command.NOW); // one child: a voice to bus 20 and its effect
        s.synth("toBus", null, null, AddAction.TAIL, track, Command.NOW);
        s.synth("fx", null, null, AddAction.TAIL, track, Command.NOW);
        List<String> ends = new ArrayList<>();
        s.addListener(new ServerListener() {
            @Override
            public void nodeEnded(NodeRef node) {
                ends.add(node.id() + "@" + s.sampleTime());
            }
        });
        for (int block = 0; block < BLOCKS; block++) {
            long now = s.sampleTime();
            if (block % 3 == 0) {
                // notes at odd offsets (the block is split there) that end by their envelopes inside the group
                s.synth("note", new String[] {"freq", "release"}, new float[] {100 + block % 700, 0.01f + block % 5 * 0.01f},
                        block % 2 == 0 ? AddAction.HEAD : AddAction.TAIL, g, now + block % 61);
            }
            rig.blocks(1);
        }
        return ends;
    }

    private static float[] render(int workers, boolean parallel, List<String> ends) {
        try (Rig rig = new Rig(ServerOptions.defaults().withWorkers(workers), 48000 * 3)) {
            ends.addAll(playSet(rig, parallel));
            assertEquals(List.of(), rig.errors);
            return rig.out.left().clone();
        }
    }

    @Test
    void aParallelGroupWhoseChildrenAddOnceSoundsExactlyAsAPlainGroup() {
        List<String> plainEnds = new ArrayList<>();
        List<String> parallelEnds = new ArrayList<>();
        float[] plain = render(1, false, plainEnds);
        float[] parallel = render(1, true, parallelEnds);
        assertTrue(peak(plain) > 0.05, "the set sounds: " + peak(plain));
        assertArrayEquals(plain, parallel, "sample for sample");
        assertTrue(plainEnds.size() > 300, "notes ended inside the group: " + plainEnds.size());
        assertEquals(plainEnds, parallelEnds, "the same nodes end on the same block, in the same order");
    }

    /** Children that add many times (groups of voices) are summed per child: the same sum whatever runs them. */
    @Test
    void theOutputIsTheSameWithAnyNumberOfWorkers() {
        float[] none = renderGroupsOfVoices(0, true, new long[1]);
        long[] tasks = new long[1];
        float[] one = renderGroupsOfVoices(1, true, tasks);
        float[] plain = renderGroupsOfVoices(1, false, new long[1]);
        assertTrue(peak(none) > 0.1, "it sounds: " + peak(none));
        assertArrayEquals(none, one, "0 workers and 1 worker: sample for sample");
        assertTrue(tasks[0] > 0, "the worker ran some of the tasks");
        // against a plain group only rounding differs: per-child sums, and pan's multiply-add split in two
        float worst = 0;
        for (int i = 0; i < plain.length; i++) worst = Math.max(worst, Math.abs(plain[i] - none[i]));
        assertTrue(worst < 1e-5f, "a plain group differs by rounding only: " + worst);
    }

    private static float[] renderGroupsOfVoices(int workers, boolean parallel, long[] workerTasks) {
        try (Rig rig = new Rig(ServerOptions.defaults().withWorkers(workers), 48000 * 3)) {
            Server s = rig.server;
            defineVoices(s);
            NodeRef p = parallel ? s.parallelGroup(AddAction.TAIL, s.defaultGroup(), Command.NOW)
                    : s.group(AddAction.TAIL, s.defaultGroup(), Command.NOW);
            for (int side = 0; side < 2; side++) {
                NodeRef g = s.group(AddAction.TAIL, p, Command.NOW);
                for (int i = 0; i < 150; i++) {
                    s.synth("panned", new String[] {"freq", "pos"}, new float[] {100 + 7 * i + side, side - 0.5f}, AddAction.TAIL, g, Command.NOW);
                }
            }
            for (int i = 0; i < 100; i++) rig.blocks(20); // long steps: the worker spins through them
            workerTasks[0] = rig.driver.workerTasksRun();
            assertEquals(List.of(), rig.errors);
            return rig.out.left().clone();
        }
    }

    /** The rule: a child reads the buses as they were when its parallel group began, plus its own writes. */
    @Test
    void aChildReadsTheBusesAsTheGroupFoundThemNeverASiblingsWrites() {
        for (boolean writerFirst : new boolean[] {true, false}) {
            try (Rig rig = new Rig(ServerOptions.defaults().withWorkers(1), 48000)) {
                Server s = rig.server;
                defineVoices(s);
                s.synth("dc", new String[] {"level"}, new float[] {0.25f}, AddAction.TAIL, s.defaultGroup(), Command.NOW);
                NodeRef p = s.parallelGroup(AddAction.TAIL, s.defaultGroup(), Command.NOW);
                NodeRef writer = s.synth("dc", new String[] {"level"}, new float[] {0.5f}, AddAction.TAIL, p, Command.NOW);
                NodeRef reader = s.synth("read", new String[] {"to"}, new float[] {0}, writerFirst ? AddAction.AFTER : AddAction.BEFORE,
                        writer, Command.NOW);
                s.synth("read", new String[] {"to"}, new float[] {1}, AddAction.TAIL, s.defaultGroup(), Command.NOW); // after the group
                rig.blocks(10);
                assertTrue(reader.playing());
                assertEquals(0.25f, rig.out.left()[5 * 64], "inside: the bus as the group found it (writer " + (writerFirst ? "first)" : "second)"));
                assertEquals(0.75f, rig.out.right()[5 * 64], "after the group: both writes");
            }
        }
    }

    /** A unit that throws on a worker mutes the block as on the audio thread; the next blocks play. */
    @Test
    void aFailingChildMutesItsBlockAndTheMusicGoesOn() {
        boolean[] armed = {false};
        try (Rig rig = new Rig(ServerOptions.defaults().withWorkers(1), 48000)) {
            Server s = rig.server;
            s.units().register(new UnitType("boom", new String[0], new float[0], 1, false, (c, in, out) -> new Ugen() {
                @Override
                public void process(int from, int to) {
                    if (armed[0]) throw new IllegalStateException("boom");
                }
            }));
            defineVoices(s);
            GraphBuilder b = new GraphBuilder(s.units());
            Signal boom = b.unit("boom");
            s.addDef(b.build("boom", b.unit("mul", boom, b.constant(0))));
            NodeRef p = s.parallelGroup(AddAction.TAIL, s.defaultGroup(), Command.NOW);
            for (int i = 0; i < 4; i++) s.synth("hold", null, null, AddAction.TAIL, p, Command.NOW);
            s.synth("boom", null, null, AddAction.TAIL, p, Command.NOW);
            rig.blocks(10);
            armed[0] = true;
            rig.blocks(1);
            armed[0] = false;
            rig.blocks(10);
            assertEquals(1, s.stats().publishedRtErrors, "one block failed");
            assertFalse(rig.errors.isEmpty(), "and was reported: " + rig.errors);
            float[] left = rig.out.left();
            assertEquals(0f, peak(java.util.Arrays.copyOfRange(left, 10 * 64, 11 * 64)), "the failed block is muted");
            assertTrue(peak(java.util.Arrays.copyOfRange(left, 11 * 64, 21 * 64)) > 0.01f, "the next blocks play");
        }
    }

    private static float peak(float[] x) {
        float p = 0;
        for (float v : x) p = Math.max(p, Math.abs(v));
        return p;
    }
}
