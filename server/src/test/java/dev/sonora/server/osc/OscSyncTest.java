package dev.sonora.server.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code /synced} comes after the replies of everything sent before {@code /sync}, as scsynth
 * answers: a client that sends a query, then syncs, finds the query answered. (Sonora used to
 * answer {@code /sync} at once when no asynchronous work was pending, before the audio thread
 * had performed the query: the reply then came after {@code /synced}.)
 */
class OscSyncTest {
    @Test
    void everyReplySentBeforeSyncArrivesBeforeSynced() throws Exception {
        try (OscRig rig = new OscRig(48000)) {
            for (int k = 0; k < 20; k++) {
                rig.send(OscMessage.of("/s_new", "dc", 5000 + k, 0, 1, "amp", 0f));
                rig.send(OscMessage.of("/g_queryTree", 1, 0));
                rig.send(OscMessage.of("/c_get", 3));
                rig.send(OscMessage.of("/sync", k));
                List<OscMessage> before = new ArrayList<>();
                OscMessage synced = rig.await("/synced", before);
                assertNotNull(synced, "no /synced " + k);
                assertEquals(List.of(k), synced.args());
                List<String> addresses = new ArrayList<>();
                for (OscMessage m : before) addresses.add(m.address());
                assertEquals(List.of("/g_queryTree.reply", "/c_set"), addresses, "round " + k + ": the replies before /synced");
                // the tree the query saw holds the synth made just before it
                List<Object> tree = before.get(0).args();
                assertEquals(k + 1, tree.get(2), "round " + k + ": children of the default group");
            }
        }
    }
}
