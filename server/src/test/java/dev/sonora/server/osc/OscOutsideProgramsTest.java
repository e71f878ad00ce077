package dev.sonora.server.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The OSC server against programs nobody here wrote: liblo's {@code oscsend} (UDP and TCP) and
 * {@code oscdump} (Debian's liblo-tools), and SuperCollider's own client {@code sclang}
 * ({@code Server.remote}, {@code Synth}, {@code s.queryAllNodes}). Each is skipped with one line
 * when the program is absent.
 */
class OscOutsideProgramsTest {
    static boolean has(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

    static String run(long seconds, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + ": no exit in " + seconds + " s; output: "
                    + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    @Test
    void oscsendDrivesTheServerOverUdpAndTcp() throws Exception {
        assumeTrue(has("oscsend"), "oscsend not installed (Debian: liblo-tools): skipped");
        try (OscRig rig = new OscRig(48000)) {
            String port = String.valueOf(rig.osc.port());
            run(10, "oscsend", "localhost", port, "/s_new", "siiisf", "dc", "1000", "0", "1", "amp", "0.125");
            run(10, "oscsend", "osc.tcp://localhost:" + port, "/c_set", "if", "7", "0.5");
            run(10, "oscsend", "localhost", port, "/n_set", "isf", "1000", "amp", "0.25");
            // the TCP connection has its own thread: ask until its /c_set has been performed
            List<Object> bus = null;
            for (int i = 0; i < 40 && !List.of(7, 0.5f).equals(bus); i++) {
                rig.send(OscMessage.of("/c_get", 7));
                bus = rig.await("/c_set").args();
                OscRig.sleep(50);
            }
            assertEquals(List.of(7, 0.5f), bus);
            rig.send(OscMessage.of("/g_queryTree", 1, 1));
            List<Object> tree = rig.await("/g_queryTree.reply").args();
            assertEquals(List.of(1, 1, 1, 1000, -1, "dc", 2, "amp", 0.25f, "gate", 1f), tree);
            assertTrue(rig.errors.isEmpty(), rig.errors.toString());
        }
    }

    @Test
    void oscdumpReadsTheServersReplies() throws Exception {
        assumeTrue(has("oscdump"), "oscdump not installed (Debian: liblo-tools): skipped");
        try (OscRig rig = new OscRig(48000); DatagramSocket probe = new DatagramSocket()) {
            int dumpPort = probe.getLocalPort();
            probe.close();
            Path out = Files.createTempFile("oscdump", ".txt");
            Process dump = new ProcessBuilder("oscdump", "-L", String.valueOf(dumpPort)).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            try {
                Thread.sleep(300);
                rig.send(OscMessage.of("/s_new", "dc", 1000, 0, 1, "amp", 0f));
                rig.sync();
                OscRig.sleep(50); // a block or two: the synth is counted in status()
                List<byte[]> replies = new ArrayList<>();
                rig.send(OscMessage.of("/status"));
                replies.add(rig.receiveRaw());
                rig.send(OscMessage.of("/g_queryTree", 0, 0));
                replies.add(rig.receiveRaw());
                rig.send(OscMessage.of("/version"));
                replies.add(rig.receiveRaw());
                // the server's reply bytes as they came, handed on to liblo's decoder
                try (DatagramSocket s = new DatagramSocket()) {
                    for (byte[] r : replies) {
                        assertNotNull(r);
                        s.send(new DatagramPacket(r, r.length, InetAddress.getLoopbackAddress(), dumpPort));
                    }
                }
                long until = System.nanoTime() + 5_000_000_000L;
                String text = "";
                while (System.nanoTime() < until && text.lines().count() < 3) {
                    Thread.sleep(50);
                    text = Files.readString(out);
                }
                List<String> lines = text.lines().map(l -> l.replaceAll("^[0-9a-f.]+ ", "")).toList();
                assertTrue(lines.get(0).startsWith("/status.reply iiiiiffdd 1 0 1 2 2 "), text);
                assertTrue(lines.get(0).endsWith(" 48000.000000 48000.000000"), text);
                assertEquals("/g_queryTree.reply iiiiiiis 0 0 1 1 1 1000 -1 \"dc\"", lines.get(1), text);
                assertTrue(lines.get(2).startsWith("/version.reply siisss \"sonora\" 0 1 "), text);
            } finally {
                dump.destroy();
                dump.waitFor(5, TimeUnit.SECONDS);
                Files.deleteIfExists(out);
            }
        }
    }

    @Test
    void sclangPlaysASynthAndQueriesTheTree() throws Exception {
        assumeTrue(has("sclang"), "sclang not installed (Debian: supercollider-language): skipped");
        try (OscRig rig = new OscRig(48000)) {
            Path script = Files.createTempFile("sonora-remote", ".scd");
            Files.writeString(script, """
                    Server.default = s = Server.remote(\\sonora, NetAddr("127.0.0.1", %d));
                    s.doWhenBooted({
                        fork {
                            var x;
                            s.sendMsg("/dumpOSC", 1);
                            x = Synth(\\dc, [\\amp, 0.125]);
                            s.sync;
                            s.queryAllNodes; // a local address: sclang asks the server to print it (/g_dumpTree)
                            OSCFunc({ |msg| ("SONORA-TREE " ++ msg).postln }, '/g_queryTree.reply', s.addr).oneShot;
                            s.sendMsg("/g_queryTree", 0, 0); // what queryAllNodes sends to a remote address
                            0.5.wait;
                            ("SONORA-NODE " ++ x.nodeID).postln;
                            x.free;
                            s.sync;
                            "SONORA-DONE".postln;
                            0.exit;
                        }
                    }, 100, { "SONORA-NO-BOOT".postln; 1.exit });
                    """.formatted(rig.osc.port()));
            ProcessBuilder pb = new ProcessBuilder("sclang", script.toString()).redirectErrorStream(true);
            // headless and as root: Qt offscreen, no Chromium sandbox (sclang's help browser)
            pb.environment().put("QT_QPA_PLATFORM", "offscreen");
            pb.environment().put("QTWEBENGINE_DISABLE_SANDBOX", "1");
            pb.environment().put("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox");
            Process p = pb.start();
            String out;
            try {
                if (!p.waitFor(90, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(script);
            }
            assertTrue(out.contains("SONORA-DONE"), out);
            String node = out.lines().filter(l -> l.startsWith("SONORA-NODE ")).findFirst().orElseThrow().substring(12).trim();
            assertEquals("1000", node);
            assertTrue(out.contains("SONORA-TREE [ /g_queryTree.reply, 0, 0, 1, 1, 1, 1000, -1, dc ]"), out + "\nserver log:\n" + rig.log + " packets " + rig.osc.stats().packets + " messages " + rig.osc.stats().messages + " dropped " + rig.osc.stats().dropped + " errors " + rig.errors);
            assertTrue(out.contains("SONORA-TREE [ /g_queryTree.reply, 0, 0, 1, 1, 1, 1000, -1, dc ]"), out);
            String dumped = String.join("\n", rig.log);
            assertTrue(dumped.contains("NODE TREE Group 0\n   1 group\n      1000 dc"), dumped);
            assertTrue(rig.errors.isEmpty(), rig.errors.toString());
        }
    }
}
