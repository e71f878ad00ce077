package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.World;

class CommandLifecycleTest {

    /** Counts how many commands came back to NRT. */
    static final class Probe extends Command {
        static int returned;

        Probe() {
            super(NOW);
        }

        @Override
        protected void performOnRt(World world) {
        }

        @Override
        public void completeOnNrt(CommandOutcome outcome) {
            returned++;
        }
    }

    @Test
    void everyCommandComesBack() {
        try (Rig rig = new Rig()) {
            Probe.returned = 0;
            for (int i = 0; i < 500; i++) rig.server.sendToRt(new Probe());
            rig.blocks(500 / dev.sonora.server.rt.RtEngine.MAX_COMMANDS_PER_BLOCK + 1); // a block performs at most that many
            assertEquals(500, Probe.returned);
        }
    }

    @Test
    void nodesEndByFreeAndByEnvelopeAndTheirIdsComeBackOnlyThen() {
        try (Rig rig = new Rig(ServerOptions.defaults().withMaxNodes(40), 48000)) {
            rig.definePing();
            rig.defineDc();
            NodeRef held = rig.play("dc");
            NodeRef ping = rig.play("ping", "release", 0.01);
            rig.blocks(1);
            assertTrue(held.playing());
            assertTrue(ping.playing());
            rig.blocks(20); // 20 ms > 11 ms of envelope
            assertFalse(ping.playing(), "the envelope ended its synth");
            assertTrue(rig.ended.contains(ping));
            rig.server.free(held, Command.NOW);
            assertTrue(held.playing(), "ended only once it came back from the audio thread");
            rig.blocks(1);
            assertFalse(held.playing());
            assertEquals(List.of(), rig.errors);
        }
    }

    @Test
    void anIdIsNeverReusedWhileTheAudioThreadHoldsItsNode() {
        try (Rig rig = new Rig(ServerOptions.defaults().withMaxNodes(20), 48000)) {
            rig.defineDc();
            // 18 usable ids (0 and 1 are the root and default groups)
            List<NodeRef> refs = new ArrayList<>();
            for (int i = 0; i < 18; i++) refs.add(rig.play("dc"));
            Set<Integer> ids = new HashSet<>();
            for (NodeRef r : refs) ids.add(r.id());
            assertEquals(18, ids.size());
            ServerException full = assertThrows(ServerException.class, () -> rig.play("dc"));
            assertTrue(full.getMessage().startsWith("node limit reached"), full.getMessage());
            rig.blocks(1);
            // freed but not yet back: still no id to hand out
            rig.server.free(refs.get(0), Command.NOW);
            assertThrows(ServerException.class, () -> rig.play("dc"));
            rig.driver.advance(1); // the audio thread ends it, NRT has not seen it yet
            assertThrows(ServerException.class, () -> rig.play("dc"));
            rig.server.pollReturns();
            NodeRef again = rig.play("dc");
            assertEquals(refs.get(0).id(), again.id(), "the id is free once the node came back");
            rig.blocks(1);
            assertTrue(again.playing());
        }
    }

    @Test
    void aFullQueueFailsTheSenderAndTheAudioGoesOn() {
        try (Rig rig = new Rig(ServerOptions.defaults().withCommandCapacity(32), 48000)) {
            rig.defineDc();
            NodeRef dc = rig.play("dc", "amp", 0.25);
            ServerException e = assertThrows(ServerException.class, () -> {
                for (int i = 0; i < 100; i++) rig.server.set(dc, new String[] {"amp"}, new float[] {0.25f}, Command.NOW);
            });
            assertTrue(e.getMessage().startsWith("command queue full"), e.getMessage());
            rig.blocks(4);
            assertEquals(0.25f, rig.out.left()[rig.out.frames() - 1], 1e-6f, "still playing");
            // the queue drained: sending works again
            rig.server.set(dc, new String[] {"amp"}, new float[] {0.5f}, Command.NOW);
            rig.blocks(2);
            assertEquals(0.5f, rig.out.left()[rig.out.frames() - 1], 1e-6f);
        }
    }

    @Test
    void endAndReleaseOfANodeThatHasEndedSayNothingWhereFreeIsTold() {
        try (Rig rig = new Rig()) {
            rig.definePing();
            NodeRef ping = rig.play("ping", "release", 0.005);
            rig.blocks(1);
            rig.driver.advance(10); // ended on the audio thread; NRT has not heard yet
            assertTrue(ping.playing());
            rig.server.end(ping, Command.NOW);
            rig.server.release(ping, Command.NOW);
            rig.blocks(1);
            assertFalse(ping.playing());
            rig.server.end(ping, Command.NOW); // and once NRT knows: nothing sent, nothing thrown
            rig.server.release(ping, Command.NOW);
            rig.blocks(1);
            assertEquals(List.of(), rig.errors);
            // a live node still ends (twice asked: once done)
            NodeRef dc = rig.play("ping", "release", 10);
            rig.blocks(1);
            rig.server.end(dc, Command.NOW);
            rig.server.end(dc, Command.NOW);
            rig.blocks(2);
            assertFalse(dc.playing());
            assertEquals(List.of(), rig.errors);
        }
    }

    @Test
    void aCommandForANodeThatEndedOnTheAudioThreadIsAnsweredWithAnError() {
        try (Rig rig = new Rig()) {
            rig.definePing();
            NodeRef ping = rig.play("ping", "release", 0.005);
            rig.blocks(1);
            // the node ends on the audio thread before NRT hears of it: the sender still thinks it plays
            rig.driver.advance(10);
            assertTrue(ping.playing());
            rig.server.set(ping, new String[] {"freq"}, new float[] {220}, Command.NOW);
            rig.server.free(ping, Command.NOW);
            rig.blocks(1);
            assertEquals(List.of("set: node " + ping.id() + " has already ended",
                    "free: node " + ping.id() + " has already ended"), rig.errors);
            assertEquals(0, rig.server.stats().publishedRtErrors);
            // once NRT knows, the sender is told at once
            ServerException e = assertThrows(ServerException.class,
                    () -> rig.server.set(ping, new String[] {"freq"}, new float[] {1}, Command.NOW));
            assertEquals("set: " + ping + " has already ended", e.getMessage());
        }
    }

    @Test
    void badRequestsAreRefusedInOneLine() {
        try (Rig rig = new Rig()) {
            rig.defineDc();
            ServerException unknown = assertThrows(ServerException.class, () -> rig.play("nope"));
            assertEquals("unknown synth 'nope' (defined: dc)", unknown.getMessage());
            ServerException control = assertThrows(ServerException.class, () -> rig.play("dc", "cutoff", 1));
            assertEquals("synth 'dc': no control 'cutoff' (controls: amp, gate)", control.getMessage());
            ServerException nan = assertThrows(ServerException.class, () -> rig.play("dc", "amp", Double.NaN));
            assertEquals("synth 'dc': amp = NaN is not a finite number", nan.getMessage());
            NodeRef dc = rig.play("dc");
            ServerException inf = assertThrows(ServerException.class,
                    () -> rig.server.set(dc, new String[] {"amp"}, new float[] {Float.POSITIVE_INFINITY}, Command.NOW));
            assertEquals("set " + dc + ": amp = Infinity is not a finite number", inf.getMessage());
            ServerException notGroup = assertThrows(ServerException.class,
                    () -> rig.server.synth("dc", null, null, AddAction.HEAD, dc, Command.NOW));
            assertTrue(notGroup.getMessage().contains("is not a group"), notGroup.getMessage());
            assertFalse(notGroup.getMessage().contains("\n"));
        }
    }

    @Test
    void aNewNodeWhoseTargetEndedFirstNeverPlaysAndFreesItsId() {
        try (Rig rig = new Rig()) {
            rig.defineDc();
            NodeRef g = rig.server.group(AddAction.TAIL, rig.server.defaultGroup(), Command.NOW);
            rig.blocks(1);
            rig.server.free(g, Command.NOW);
            NodeRef late = rig.play("dc"); // to the default group: fine
            NodeRef orphan = rig.server.synth("dc", null, null, AddAction.HEAD, g, Command.NOW);
            rig.blocks(1);
            assertFalse(orphan.playing());
            assertTrue(late.playing());
            assertEquals(1, rig.errors.size());
            assertTrue(rig.errors.get(0).contains("target node " + g.id() + " has already ended"), rig.errors.get(0));
            assertNotEquals(-1, rig.server.nodesInUse());
            assertEquals(1, rig.server.nodesInUse(), "only the dc synth holds an id");
        }
    }
}
