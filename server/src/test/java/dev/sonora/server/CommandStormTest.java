package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.RtEngine;

/**
 * A command storm (8192 commands for one block) does not make any block's work grow past the
 * stated bound: no block performs more than {@link RtEngine#MAX_COMMANDS_PER_BLOCK}; what is
 * left runs in the following blocks, the timed ones counted late, and every command comes back.
 * Counts, not wall time.
 */
class CommandStormTest {
    private static final int STORM = 8192;

    @Test
    void aStormOfTimedCommandsIsSpreadOverBlocksAndCountedLate() {
        try (Rig rig = new Rig(ServerOptions.defaults().withCommandCapacity(2 * STORM), 64 * 2000)) {
            rig.defineDc();
            NodeRef n = rig.play("dc", "amp", 0.1);
            rig.blocks(2);
            long t = rig.server.sampleTime() + 10; // all due inside the next block
            for (int i = 0; i < STORM; i++) rig.server.set(n, new String[] {"amp"}, new float[] {i * 1e-5f}, t);
            int blocks = 0;
            while (rig.server.stats().publishedLate < STORM - RtEngine.MAX_COMMANDS_PER_BLOCK && blocks < 1000) {
                rig.blocks(1);
                blocks++;
            }
            rig.blocks(2);
            assertEquals(RtEngine.MAX_COMMANDS_PER_BLOCK, rig.server.stats().publishedMostCommands, "the most one block performed");
            assertEquals(STORM - RtEngine.MAX_COMMANDS_PER_BLOCK, rig.server.stats().publishedLate,
                    "all but the first block's share ran late, none was dropped");
            assertTrue(blocks >= STORM / RtEngine.MAX_COMMANDS_PER_BLOCK, "spread over " + blocks + " blocks");
            assertEquals(0, rig.server.pollReturns(), "every command came back");
            assertEquals(1e-5f * (STORM - 1), rig.out.left()[rig.out.frames() - 1], 1e-6f,
                    "performed in the order sent: the last set holds");
        }
    }

    @Test
    void aStormOfImmediateCommandsIsSpreadWithoutLateness() {
        try (Rig rig = new Rig(ServerOptions.defaults().withCommandCapacity(2 * STORM), 64)) {
            rig.defineDc();
            NodeRef n = rig.play("dc", "amp", 0.1);
            rig.blocks(2);
            for (int i = 0; i < STORM; i++) rig.server.set(n, new String[] {"amp"}, new float[] {0.2f}, Command.NOW);
            rig.blocks(STORM / RtEngine.MAX_COMMANDS_PER_BLOCK + 2);
            assertEquals(RtEngine.MAX_COMMANDS_PER_BLOCK, rig.server.stats().publishedMostCommands);
            assertEquals(0, rig.server.stats().publishedLate, "immediate commands have no deadline to miss");
        }
    }
}
