package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.sonora.server.midi.MidiHub;
import dev.sonora.server.rt.RtEngine;
import dev.sonora.server.rt.SetBlockHook;

/**
 * The block hook belongs to the audio thread: it changes only when a command is served, at the
 * top of a block, and the removal comes back to NRT as a confirmation after which the old hook
 * is never called again. Driven block by block, so every step is observed exactly.
 */
class HookOwnershipTest {
    @Test
    void aHookStartsAndStopsAtTheBlockThatServesItsCommand() {
        try (Rig rig = new Rig()) {
            AtomicInteger calls = new AtomicInteger();
            RtEngine.BlockHook hook = w -> calls.incrementAndGet();
            rig.server.sendToRt(new SetBlockHook(rig.server.engine(), hook));
            assertEquals(0, calls.get(), "sending installs nothing: the audio thread has not served it");
            rig.blocks(3);
            assertEquals(3, calls.get(), "called once per block once served");

            SetBlockHook off = new SetBlockHook(rig.server.engine(), null);
            rig.server.sendToRt(off);
            assertFalse(off.replaced().isDone(), "not confirmed before the audio thread served it");
            rig.blocks(1);
            assertTrue(off.replaced().isDone(), "confirmed on NRT after the block that took it out");
            assertSame(hook, off.replaced().join());
            int atConfirmation = calls.get();
            rig.blocks(5);
            assertEquals(atConfirmation, calls.get(), "never called after the confirmation");
        }
    }

    @Test
    void aClosedMidiHubIsConfirmedUnhooked() {
        try (Rig rig = new Rig()) {
            MidiHub hub = new MidiHub(rig.server, List::of);
            rig.blocks(2);
            assertEquals(null, hub.unhooked(), "hooked while open");
            hub.close();
            assertFalse(hub.unhooked().isDone(), "the audio thread still holds the mapper until its next block");
            rig.blocks(1);
            assertTrue(hub.unhooked().isDone());
            assertTrue(hub.unhooked().join() != null, "the hub's own mapper came out");
        }
    }
}
