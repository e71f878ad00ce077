package dev.sonora.server.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The commands the OSC server sends to the audio thread (node and tree queries, control bus
 * writes and reads, deep free) allocate nothing there: after a warm-up round of the same load,
 * hundreds of rounds leave the audio thread's allocation counter at 0. A figure the JVM itself can
 * spoil (a C2 compilation triggered on the audio thread) gets a second measured round.
 */
class OscRtAllocationTest {
    private static void round(OscRig rig, int k) throws Exception {
        rig.send(OscMessage.of("/g_new", 3000 + k, 0, 1));
        rig.send(OscMessage.of("/s_new", "dc", 4000 + k, 0, 3000 + k, "amp", 0f));
        rig.send(OscMessage.of("/n_query", 4000 + k, 3000 + k));
        rig.send(OscMessage.of("/g_queryTree", 0, 1));
        rig.send(OscMessage.of("/c_set", 1, (float) k, 2, 0.5f));
        rig.send(OscMessage.of("/c_get", 1, 2));
        rig.send(OscMessage.of("/g_deepFree", 3000 + k));
        rig.send(OscMessage.of("/n_free", 3000 + k));
    }

    private static long measure(OscRig rig, int rounds) throws Exception {
        rig.server.markWarm();
        for (int k = 0; k < rounds; k++) {
            round(rig, k);
            if (k % 4 == 3) rig.sync(); // at most 32 datagrams in flight: UDP may drop a longer burst under load
        }
        rig.sync();
        OscRig.sleep(100);
        return rig.server.rtAllocatedBytes();
    }

    @Test
    void oscCommandsAllocateNothingOnTheAudioThread() throws Exception {
        try (OscRig rig = new OscRig(48000)) {
            rig.client.setSoTimeout(5000);
            for (int k = 0; k < 300; k++) {
                round(rig, k);
                if (k % 4 == 3) rig.sync(); // at most 32 datagrams in flight: UDP may drop a longer burst under load
            }
            rig.sync();
            long bytes = measure(rig, 300);
            if (bytes != 0) bytes = measure(rig, 300);
            System.out.println("OSC commands on the audio thread: " + bytes + " bytes allocated over 300 rounds");
            assertEquals(0, bytes);
            assertTrue(rig.errors.isEmpty(), rig.errors.toString());
            // everything made was freed: the default group ends empty (/synced came after every reply
            // of the rounds, so the next tree reply is this query's)
            rig.send(OscMessage.of("/g_queryTree", 1, 0));
            List<Object> tree = rig.await("/g_queryTree.reply").args();
            assertEquals(List.of(0, 1, 0), tree);
        }
    }
}
