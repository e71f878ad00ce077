package dev.sonora.server.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sonora.server.osc.peer.AddressPattern;
import dev.sonora.server.osc.peer.BusMappings;
import dev.sonora.server.osc.peer.OscListener;

/**
 * The commands the OSC server sends to the audio thread (node and tree queries, control bus
 * writes and reads, deep free), and the bus writes of scripts' direct OSC mappings (a listener's
 * {@code osc.on('/fader/*').to(bus)}, fed four fader messages a round), allocate nothing there:
 * after a warm-up round of the same load, hundreds of rounds leave the audio thread's allocation counter at 0. A figure the JVM itself can
 * spoil (a C2 compilation triggered on the audio thread) gets a second measured round.
 */
class OscRtAllocationTest {
    /** Script-side OSC: a listener whose direct mapping the audio thread writes (osc.on('/fader/*').to(bus)). */
    private static BusMappings mappings;
    private static OscListener listener;

    private static void round(OscRig rig, int k) throws Exception {
        for (int f = 0; f < 4; f++) {
            byte[] fader = OscCodec.encode(OscMessage.of("/fader/" + f, (k % 100) / 100f));
            rig.client.send(new DatagramPacket(fader, fader.length, InetAddress.getLoopbackAddress(), listener.port()));
        }
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
            mappings = new BusMappings(rig.server);
            mappings.add(AddressPattern.of("/fader/*"), 9, 0, 10);
            listener = OscListener.open(0, mappings, (m, from, tag) -> { });
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
            // the mapping was on the load: it wrote the bus (the last round's value, k = 299 -> 0.99 * 10)
            assertTrue(mappings.applied() > 1000, "fader messages applied: " + mappings.applied());
            List<Object> bus = null;
            for (int tries = 0; tries < 20 && !List.of(9, 9.9f).equals(bus); tries++) { // the listener has a thread of its own
                rig.send(OscMessage.of("/c_get", 9));
                bus = rig.await("/c_set").args();
                OscRig.sleep(100);
            }
            assertEquals(List.of(9, 9.9f), bus);
            listener.close();
            // everything made was freed: the default group ends empty (/synced came after every reply
            // of the rounds, so the next tree reply is this query's)
            rig.send(OscMessage.of("/g_queryTree", 1, 0));
            List<Object> tree = rig.await("/g_queryTree.reply").args();
            assertEquals(List.of(0, 1, 0), tree);
        }
    }
}
