package dev.sonora.server.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sonora.server.NodeRef;

/** The scsynth command set over UDP and TCP, on a live server (clocked null driver). */
class OscServerTest {
    private OscRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new OscRig(48000);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void statusVersionSyncAndNotify() throws Exception {
        rig.send(OscMessage.of("/status"));
        OscMessage s = rig.await("/status.reply");
        assertNotNull(s);
        assertEquals("iiiiiffdd", s.tags());
        assertEquals(1, s.args().get(0));
        assertEquals(2, s.args().get(4)); // ping and dc
        assertEquals(48000.0, s.args().get(7));
        rig.send(OscMessage.of("/version"));
        OscMessage v = rig.await("/version.reply");
        assertEquals("sonora", v.args().get(0));
        rig.send(OscMessage.of("/notify", 1));
        OscMessage done = rig.await("/done");
        assertEquals(List.of("/notify", 0, 1), done.args());
        rig.sync();
    }

    @Test
    void clientIdsNotificationsAndTheTree() throws Exception {
        rig.send(OscMessage.of("/notify", 1));
        rig.await("/done");
        rig.send(OscMessage.of("/g_new", 1, 0, 0)); // sclang sends this on connect: group 1 exists, no error
        rig.send(OscMessage.of("/g_new", 2000, 0, 1));
        rig.send(OscMessage.of("/s_new", "dc", 1000, 1, 2000, "amp", 0.25f, 1, 0.5f, "nope", 3));
        rig.send(OscMessage.of("/s_new", "dc", 1001, 3, 1000, 0, 0.1f));
        rig.send(OscMessage.of("/s_new", "dc", -1, 0, 1));
        List<OscMessage> got = new ArrayList<>(rig.sync());
        OscMessage go = rig.await("/n_go", got);
        // /n_go can come before or after /synced: collect the four of them
        while (got.stream().filter(m -> m.address().equals("/n_go")).count() + (go != null ? 1 : 0) < 4) {
            OscMessage m = rig.receive();
            if (m == null) break;
            got.add(m);
        }
        if (go != null) got.add(go);
        List<Object> synth1000 = got.stream().filter(m -> m.address().equals("/n_go") && m.args().get(0).equals(1000)).findFirst().orElseThrow().args();
        assertEquals(List.of(1000, 2000, -1, -1, 0), synth1000); // where it was when placed, as scsynth reports it
        List<Object> group = got.stream().filter(m -> m.address().equals("/n_go") && m.args().get(0).equals(2000)).findFirst().orElseThrow().args();
        assertEquals(List.of(2000, 1, -1, -1, 1, -1, -1), group);
        assertTrue(rig.errors.isEmpty(), rig.errors.toString());

        rig.send(OscMessage.of("/g_queryTree", 1, 1));
        OscMessage tree = rig.await("/g_queryTree.reply");
        assertNotNull(tree);
        List<Object> t = tree.args();
        assertEquals(1, t.get(0));
        assertEquals(1, t.get(1)); // group 1
        assertEquals(2, t.get(2)); // the -1 synth at its head, group 2000
        int own = (Integer) t.get(3);
        assertTrue(own < -1, "a server-chosen id is negative: " + own);
        assertEquals(List.of(-1, "dc", 2, "amp", 0.5f, "gate", 1f), t.subList(4, 11));
        assertEquals(List.of(2000, 2, 1000, -1, "dc", 2, "amp", 0.25f, "gate", 0.5f, 1001, -1, "dc", 2, "amp", 0.1f, "gate", 1f),
                t.subList(11, t.size()));

        rig.send(OscMessage.of("/n_query", 1001));
        assertEquals(List.of(1001, 2000, 1000, -1, 0), rig.await("/n_info").args());
        rig.send(OscMessage.of("/n_before", 1001, 1000));
        rig.send(OscMessage.of("/n_query", 1001));
        assertEquals(List.of(1001, 2000, -1, 1000, 0), rig.await("/n_info").args());
        rig.send(OscMessage.of("/n_set", 1001, "amp", 0.2f));
        rig.send(OscMessage.of("/n_setn", 1000, 0, 2, 0.3f, 1f));
        rig.send(OscMessage.of("/n_run", 1000, 0));
        rig.send(OscMessage.of("/g_tail", 2000, 1001));
        rig.send(OscMessage.of("/n_query", 2000));
        assertEquals(List.of(2000, 1, own, -1, 1, 1000, 1001), rig.await("/n_info").args());

        NodeRef n1000 = rig.server.node(rig.server.defaultGroup().id()); // the default group exists
        assertNotNull(n1000);
        rig.send(OscMessage.of("/n_free", 1000));
        OscMessage end = rig.await("/n_end");
        assertEquals(List.of(1000, -1, -1, -1, 0), end.args());
        rig.send(OscMessage.of("/g_deepFree", 2000));
        assertEquals(1001, rig.await("/n_end").args().get(0));
        rig.send(OscMessage.of("/n_query", 2000));
        assertEquals(List.of(2000, 1, own, -1, 1, -1, -1), rig.await("/n_info").args());
        rig.send(OscMessage.of("/g_freeAll", 1));
        List<Object> ends = new ArrayList<>();
        for (int i = 0; i < 2; i++) ends.add(rig.await("/n_end").args().get(0));
        assertTrue(ends.contains(2000) && ends.contains(own), ends.toString());
        // the client id 1000 is free again once its node ended
        rig.send(OscMessage.of("/s_new", "dc", 1000, 0, 1, "amp", 0f));
        assertEquals(1000, rig.await("/n_go").args().get(0));
        assertTrue(rig.errors.isEmpty(), rig.errors.toString());
    }

    @Test
    void nSetOnAGroupSetsEverySynthInItAtAnyDepth() throws Exception {
        rig.send(OscMessage.of("/g_new", 2000, 0, 1));
        rig.send(OscMessage.of("/g_new", 2001, 1, 2000));
        rig.send(OscMessage.of("/s_new", "dc", 1000, 0, 2000, "amp", 0.1f));
        rig.send(OscMessage.of("/s_new", "dc", 1001, 0, 2001, "amp", 0.2f));
        rig.send(OscMessage.of("/s_new", "dc", 1002, 0, 1, "amp", 0.3f)); // outside the group
        rig.send(OscMessage.of("/n_set", 2000, "amp", 0.05f, "nosuch", 1f));
        rig.send(OscMessage.of("/n_set", 2000, 1, 0.75f)); // by index: each synth's own control 1 (gate)
        rig.sync();
        rig.send(OscMessage.of("/g_queryTree", 1, 1));
        List<Object> t = rig.await("/g_queryTree.reply").args();
        assertEquals(List.of(1002, -1, "dc", 2, "amp", 0.3f, "gate", 1f), t.subList(t.indexOf(1002), t.indexOf(1002) + 8), t.toString());
        assertEquals(List.of(1000, -1, "dc", 2, "amp", 0.05f, "gate", 0.75f), t.subList(t.indexOf(1000), t.indexOf(1000) + 8), t.toString());
        assertEquals(List.of(1001, -1, "dc", 2, "amp", 0.05f, "gate", 0.75f), t.subList(t.indexOf(1001), t.indexOf(1001) + 8), t.toString());
        rig.send(OscMessage.of("/n_set", 2000, "amp", "c1"));
        assertEquals(List.of("/n_set", "control amp: bus mapping 'c1' is not supported"), rig.await("/fail").args());
        assertTrue(rig.errors.isEmpty(), rig.errors.toString());
    }

    @Test
    void failuresInScsynthsWords() throws Exception {
        rig.send(OscMessage.of("/s_new", "nosuch", 1000, 0, 1));
        assertEquals(List.of("/s_new", "SynthDef not found"), rig.await("/fail").args());
        rig.send(OscMessage.of("/n_free", 4321));
        assertEquals(List.of("/n_free", "Node 4321 not found"), rig.await("/fail").args());
        rig.send(OscMessage.of("/g_new", 7, 0, 99));
        assertEquals(List.of("/g_new", "Group 99 not found"), rig.await("/fail").args());
        rig.send(OscMessage.of("/s_new", "dc", 1000, 0, 1));
        rig.send(OscMessage.of("/s_new", "dc", 1000, 0, 1));
        assertEquals(List.of("/s_new", "duplicate node ID"), rig.await("/fail").args());
        // the server's own refusals name the client's ids (they named Sonora's: Node(1001 'dc') for node 1000)
        rig.send(OscMessage.of("/s_new", "dc", 5000, 0, 1));
        rig.send(OscMessage.of("/n_before", 5000, 5000));
        assertEquals(List.of("/n_before", "move: Node(5000 'dc') cannot be placed relative to itself"), rig.await("/fail").args());
        // a message cut short did nothing without a word
        rig.send(OscMessage.of("/n_set", 5000, "amp"));
        assertEquals(List.of("/n_set", "control amp has no value"), rig.await("/fail").args());
        rig.send(OscMessage.of("/n_run", 5000));
        assertEquals(List.of("/n_run", "the last node id and run flag pair is missing its second half"), rig.await("/fail").args());
        rig.send(OscMessage.of("/c_set", 0));
        assertEquals(List.of("/c_set", "the last bus index and value pair is missing its second half"), rig.await("/fail").args());
        rig.send(OscMessage.of("/n_free"));
        assertEquals(List.of("/n_free", "which node? /n_free takes node ids"), rig.await("/fail").args());
        rig.send(OscMessage.of("/frobnicate", 1));
        assertEquals(List.of("/frobnicate", "Command not found"), rig.await("/fail").args());
        rig.send(OscMessage.of("/s_new", 3.5f, 1000, 0, 1));
        assertEquals("wrong type for synth definition name: expected a string, got float 3.5", rig.await("/fail").args().get(1));
        rig.send(OscMessage.of("/s_new", "dc", 5001, 0, 1, "amp", 1e39)); // a double (tag d) past float range
        assertEquals(List.of("/s_new", "control value 1.0E39 is beyond a float's range (±3.4e38)"), rig.await("/fail").args());
        rig.send(OscMessage.of("/d_recv", new byte[] {'S', 'C', 'g', 'f', 0, 0, 0, 2}));
        OscMessage d = rig.await("/fail");
        assertEquals("/d_recv", d.args().get(0));
        assertTrue(((String) d.args().get(1)).contains("define synths in JavaScript"), d.toString());

        long failsBefore = rig.osc.stats().failed.sum();
        // garbage, truncation, a wrong tag: counted drops, no reply, and the server goes on
        rig.send(new byte[] {1, 2, 3});
        rig.send(new byte[] {'/', 's', 0, 0, ',', 'i', 0, 0, 0, 0});
        rig.send(new byte[] {'/', 's', 0, 0, ',', 'Q', 0, 0});
        rig.send(new byte[] {'#', 'b', 'u', 'n', 'd', 'l', 'e', 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0});
        rig.send(new byte[65000]);
        rig.sync();
        assertEquals(5, rig.osc.stats().dropped.sum());
        assertEquals(failsBefore, rig.osc.stats().failed.sum());
        long t0 = rig.server.sampleTime();
        OscRig.sleep(100);
        assertTrue(rig.server.sampleTime() > t0, "the audio goes on");
    }

    @Test
    void busesAndBuffers() throws Exception {
        rig.send(OscMessage.of("/c_set", 3, 0.75f, 4, 2));
        rig.send(OscMessage.of("/c_get", 3, 4));
        assertEquals(List.of(3, 0.75f, 4, 2f), rig.await("/c_set").args());
        rig.send(OscMessage.of("/c_get", 999999));
        assertTrue(((String) rig.await("/fail").args().get(1)).startsWith("Bus index out of range"));
        var wav = dev.sonora.server.TestData.dir("").getParent();
        rig.send(OscMessage.of("/b_query", 5));
        assertEquals(List.of(5, 0, 0, 0f), rig.await("/b_info").args());
        rig.send(OscMessage.of("/b_allocRead", 5, "/no/such/file.wav"));
        assertEquals("/b_allocRead", rig.await("/fail").args().get(0));
        assertNotNull(wav);
    }

    @Test
    void tcpFramesWithALengthPrefix() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), rig.osc.port())) {
            s.setSoTimeout(3000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] status = OscCodec.encode(OscMessage.of("/status"));
            out.writeInt(status.length);
            out.write(status);
            out.writeInt(OscServer.MAX_PACKET + 1); // oversized: skipped whole
            out.write(new byte[OscServer.MAX_PACKET + 1]);
            byte[] sync = OscCodec.encode(OscMessage.of("/sync", 5));
            out.writeInt(sync.length);
            out.write(sync);
            out.flush();
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                byte[] p = new byte[in.readInt()];
                in.readFully(p);
                got.add(((OscMessage) OscCodec.decode(p, 0, p.length)).address());
            }
            assertEquals(List.of("/status.reply", "/synced"), got);
            assertEquals(1, rig.osc.stats().dropped.sum());
        }
    }

    @Test
    void sclangsNumberedSNewPlays() throws Exception {
        // the bytes sclang 3.13 sends for Synth(\\dc, [\\amp, 0.125]) (captured): command number 9
        byte[] p = {0, 0, 0, 9, ',', 's', 'i', 'i', 'i', 's', 'f', 0, 'd', 'c', 0, 0, 0, 0, 3, (byte) 0xe8, 0, 0, 0, 0, 0, 0, 0, 1,
            'a', 'm', 'p', 0, 0x3e, 0, 0, 0};
        rig.send(p);
        rig.send(OscMessage.of("/n_query", 1000));
        assertEquals(List.of(1000, 1, -1, -1, 0), rig.await("/n_info").args(), rig.log.toString());
    }

    /** supernova's {@code /p_new} makes a parallel group (issue 14): its children play, and it shows as parallel. */
    @Test
    void pNewMakesAParallelGroup() throws Exception {
        rig.send(OscMessage.of("/p_new", 3000, 0, 1));
        rig.send(OscMessage.of("/s_new", "dc", 3001, 1, 3000, "amp", 0.25f));
        rig.send(OscMessage.of("/s_new", "dc", 3002, 1, 3000, "amp", 0.25f));
        rig.sync();
        rig.send(OscMessage.of("/n_query", 3000));
        assertEquals(List.of(3000, 1, -1, -1, 1, 3001, 3002), rig.await("/n_info").args());
        long parallel = java.util.stream.IntStream.range(0, rig.server.options().maxNodes()).mapToObj(rig.server::node)
                .filter(n -> n != null && n.toString().endsWith(" parallel)")).count();
        assertEquals(1, parallel, "one parallel group in the tree");
        assertTrue(rig.errors.isEmpty(), rig.errors.toString());
    }

    @Test
    void quitIsAnswered() throws Exception {
        rig.send(OscMessage.of("/quit"));
        assertEquals(List.of("/quit"), rig.await("/done").args());
        for (int i = 0; i < 100 && !rig.quit.get(); i++) OscRig.sleep(10); // the reply goes out first
        assertTrue(rig.quit.get());
    }
}
