package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.Signal;
import dev.sonora.server.synth.SynthDef;
import dev.sonora.server.synth.SynthPool;

/**
 * The node pool, end to end on the offline driver: notes allocate nothing after warm-up on the
 * audio thread and (but for the handle and its link command) on the sending thread, a reused
 * synth sounds exactly as a fresh one, a stale handle never reaches a reused synth, redefinition
 * retires a pool, and a growth says one line.
 */
class SynthPoolTest {
    /** bench's notes_stream voice: sine(freq) × perc(0.001, 0.2, amp, -4). */
    private static SynthDef percVoice(String name) {
        GraphBuilder b = new GraphBuilder();
        Signal env = b.unit("perc", b.constant(0.001), b.constant(0.2), b.control("amp", 0.1), b.constant(-4));
        return b.build(name, b.unit("mul", b.unit("sine", b.control("freq", 440)), env));
    }

    /** A perc note with noise in it (its seed follows the id) and a settable release. */
    private static SynthDef noisyPing() {
        GraphBuilder b = new GraphBuilder();
        Signal env = b.unit("perc", b.constant(0.001), b.control("release", 0.02), b.control("amp", 0.2), b.constant(-4));
        Signal tone = b.unit("add", b.unit("sine", b.control("freq", 440)), b.unit("mul", b.unit("noise"), b.constant(0.3)));
        return b.build("nping", b.unit("mul", tone, env));
    }

    @Test
    void twelveThousandNotesAllocateNothingOnTheAudioThreadAndOnlyTheHandleOnTheSender() {
        try (Rig rig = new Rig()) {
            Server s = rig.server;
            s.addDef(percVoice("perc_voice"));
            String[] names = {"freq", "amp"};
            float[] values = {440, 0.1f};
            int sr = s.sampleRate();
            long[] k = {0};
            // a perc note every 5 ms (240 samples), as bench's notes_stream; the test thread is sender and NRT
            Runnable notes = () -> {
                long t = Math.round(k[0] * 0.005 * sr);
                while (t < s.sampleTime() + 64 * 8) {
                    values[0] = 100f + (k[0] % 40) * 50f;
                    s.synth("perc_voice", names, values, AddAction.TAIL, s.defaultGroup(), t);
                    k[0]++;
                    t = Math.round(k[0] * 0.005 * sr);
                }
                rig.blocks(4);
            };
            while (k[0] < 6000) notes.run(); // warm-up: the pool grows to the notes playing at once, the JIT settles
            SynthPool pool = s.pool(s.def("perc_voice"));
            int size = pool.size();
            Thread rt = rig.driver.audioThread();
            Thread me = Thread.currentThread();
            long rt0 = Server.allocatedBytes(rt), me0 = Server.allocatedBytes(me);
            long start = k[0];
            while (k[0] < start + 12_000) notes.run();
            long rtBytes = Server.allocatedBytes(rt) - rt0, meBytes = Server.allocatedBytes(me) - me0;
            long notesPlayed = k[0] - start;
            System.out.println("SynthPoolTest: " + notesPlayed + " notes after warm-up: audio thread " + rtBytes
                    + " bytes, sending/NRT thread " + meBytes + " bytes (" + (meBytes / notesPlayed) + " a note); pool " + pool.size());
            assertEquals(size, pool.size(), "no growth in steady state");
            assertTrue(size <= 64, "the pool holds the notes playing at once (about 41), doubled up to: " + size);
            assertEquals(0, s.stats().publishedRtErrors);
            assertEquals(0, rtBytes, "audio thread allocated " + rtBytes + " bytes over 12 000 notes");
            // per note the sender makes the handle the caller gets (NodeRef, 32 bytes) and the link command
            // (NewNode, 64 bytes); the rig records every ended handle in a growing list; measured 141 bytes
            // a note in all (before the pool: every synth's whole graph, several kilobytes)
            assertTrue(meBytes < notesPlayed * 200, "sender + NRT allocated " + meBytes + " bytes over " + notesPlayed + " notes");
        }
    }

    @Test
    void aReusedSynthSoundsExactlyAsAFreshOneWithTheSameId() {
        // the fewest ids a server takes (16: 14 for nodes, handed out 8..15, 2..7): ids come round quickly
        ServerOptions small = ServerOptions.defaults().withMaxNodes(16);
        long at = 48000; // both notes start at the same sample, so only their history differs
        float[] fresh, reused;
        int freshId;
        try (Rig a = new Rig(small, 48000 * 2)) {
            a.server.addDef(noisyPing());
            a.blocks(10);
            // a definition the server does not hold is not pooled: this synth is built fresh for its id
            NodeRef n = a.server.synth(noisyPing(), new String[] {"freq", "amp"}, new float[] {660, 0.3f},
                    AddAction.TAIL, a.server.defaultGroup(), at);
            freshId = n.id();
            assertEquals(0, n.generation(), "built fresh: the first life of its object");
            assertEquals(null, a.server.pool(n.def()));
            a.driver.advanceTo(at + 4800);
            a.server.pollReturns();
            fresh = Arrays.copyOfRange(a.out.left(), (int) at, (int) at + 4800);
        }
        try (Rig b = new Rig(small, 48000 * 2)) {
            b.server.addDef(noisyPing());
            NodeRef last = null;
            // notes with other controls, each ending before the next, on one object (the pool hands out the
            // synth that came back last): ids 8..15, 2..7, then 8 again for the note compared
            for (int i = 0; i < 14; i++) {
                last = b.play("nping", "freq", 200 + 100 * i, "amp", 0.5f, "release", 0.005f);
                b.blocks(20);
                assertFalse(last.playing());
            }
            b.driver.advanceTo(at - 64);
            b.server.pollReturns();
            NodeRef n = b.playAt("nping", at, "freq", 660, "amp", 0.3f);
            assertEquals(freshId, n.id(), "same id as the fresh one");
            assertSame(last.node(), n.node(), "the object the last note played on");
            assertTrue(n.generation() > 0, "a reused object: generation " + n.generation());
            b.driver.advanceTo(at + 4800);
            b.server.pollReturns();
            reused = Arrays.copyOfRange(b.out.left(), (int) at, (int) at + 4800);
        }
        assertArrayEquals(fresh, reused, "sample-identical");
        assertTrue(Math.abs(fresh[100]) + Math.abs(fresh[200]) > 0, "and heard");
    }

    @Test
    void aStaleHandleNeverReachesTheReusedSynthEvenUnderItsOldId() {
        try (Rig rig = new Rig(ServerOptions.defaults().withMaxNodes(16), 48000 * 4)) {
            Server s = rig.server;
            s.addDef(noisyPing());
            NodeRef first = rig.play("nping", "release", 0.005f);
            long later = 48000;
            // sent while it plays, for a sample after it has ended: in flight when its object is reused
            s.set(first, new String[] {"amp"}, new float[] {0f}, later);
            s.free(first, later + 64);
            rig.blocks(20);
            assertFalse(first.playing());
            for (int i = 0; i < 13; i++) { // the other 13 ids, on the same object
                NodeRef between = rig.play("nping", "release", 0.005f);
                rig.blocks(20);
                assertFalse(between.playing());
            }
            NodeRef again = rig.play("nping", "release", 2f, "amp", 0.3f);
            assertEquals(first.id(), again.id(), "the old id came round");
            assertSame(first.node(), again.node(), "on the same object");
            assertEquals(first.generation() + 14, again.generation());
            rig.driver.advanceTo(later + 64 * 20);
            s.pollReturns();
            assertTrue(again.playing(), "the stale free did not end the new note");
            assertTrue(Math.abs(rig.out.left()[(int) later + 64 * 10]) > 1e-4f, "and the stale set did not silence it");
            assertEquals(List.of("set: node " + first.id() + " has already ended", "free: node " + first.id() + " has already ended"),
                    rig.errors);
            // and the sender refuses the old handle outright
            try {
                s.free(first, Command.NOW);
                throw new AssertionError("free of an ended handle was accepted");
            } catch (ServerException e) {
                assertTrue(e.getMessage().contains("has already ended"), e.getMessage());
            }
        }
    }

    @Test
    void redefinitionRetiresThePool() {
        try (Rig rig = new Rig()) {
            Server s = rig.server;
            SynthDef v1 = noisyPing();
            s.addDef(v1);
            NodeRef[] old = new NodeRef[3];
            for (int i = 0; i < old.length; i++) old[i] = rig.play("nping", "release", 0.05f);
            SynthPool pool1 = s.pool(v1);
            assertFalse(pool1.retired());
            SynthDef v2 = noisyPing();
            s.addDef(v2);
            assertTrue(pool1.retired(), "replaced: the old pool is retired");
            assertEquals(0, pool1.freeCount(), "its free synths are dropped at once");
            for (NodeRef n : old) assertTrue(n.playing(), "the old notes play on");
            rig.blocks(100);
            for (NodeRef n : old) assertFalse(n.playing(), "and end");
            assertEquals(0, pool1.freeCount(), "ended synths of the old definition are not kept");
            NodeRef fresh = rig.play("nping");
            assertSame(v2, fresh.def());
            for (NodeRef n : old) assertNotSame(n.node(), fresh.node(), "nothing of the old pool is reused");
            assertFalse(s.pool(v2).retired());
            assertTrue(rig.errors.isEmpty(), rig.errors.toString());
        }
    }

    @Test
    void aBurstOfGrowthSaysOneLine() throws InterruptedException {
        try (Rig rig = new Rig()) {
            List<String> info = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            rig.server.addListener(new ServerListener() {
                @Override
                public void info(String message) {
                    info.add(message);
                }
            });
            rig.server.addDef(noisyPing());
            for (int i = 0; i < SynthPool.INITIAL; i++) rig.play("nping", "release", 5f);
            rig.blocks(2);
            rig.server.sayPoolGrowth();
            assertEquals(List.of(), info, "the first " + SynthPool.INITIAL + " synths are built silently");
            for (int i = 0; i < SynthPool.INITIAL * 3; i++) rig.play("nping", "release", 5f); // 32 playing: 8 → 16 → 32
            // said by the NRT owner's poll once the pool has not grown for a while: one line for both doublings
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (info.isEmpty() && System.nanoTime() < deadline) {
                rig.blocks(1);
                Thread.sleep(5);
            }
            assertEquals(List.of("synth 'nping': 8 ready-built synths were all playing; pool grown to 32 (at most 4094)"), info);
            assertEquals(List.of(), rig.errors, "news, not an error");
            for (int i = 0; i < 32; i++) rig.play("nping", "release", 5f); // 64 playing: a second burst
            rig.blocks(2);
            rig.server.sayPoolGrowth(); // at a render's end: said at once, settled or not
            rig.server.sayPoolGrowth();
            assertEquals(List.of("synth 'nping': 8 ready-built synths were all playing; pool grown to 32 (at most 4094)",
                    "synth 'nping': 32 ready-built synths were all playing; pool grown to 64 (at most 4094)"), info);
            rig.server.freeAll(rig.server.defaultGroup(), Command.NOW);
            rig.blocks(4);
            for (int i = 0; i < 64; i++) rig.play("nping", "release", 5f); // all 64 reused: no line
            rig.blocks(2);
            rig.server.sayPoolGrowth();
            assertEquals(2, info.size(), info.toString());
            assertEquals(64, rig.server.pool(rig.server.def("nping")).size());
        }
    }
}
