package dev.sonora.repl.link;

import static dev.sonora.repl.link.LinkPeers.await;
import static dev.sonora.repl.link.LinkPeers.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.sonora.repl.LiveHost;
import dev.sonora.repl.RealTimeRetry;
import dev.sonora.repl.link.net.LinkNode;
import dev.sonora.repl.link.net.LinkProbe;
import dev.sonora.repl.link.net.Timeline;

/**
 * Garbage on Link's port and on Sonora's ping socket, and made-up peers of Sonora's own session
 * announcing absurd tempos (0, 10⁶ bpm, NaN, as they come out of a broken peer's rounding), with
 * a beat origin that would win: every one is counted and none changes the tempo or moves a bar;
 * afterwards a real peer still joins. The bars are measured as they leave the speakers.
 */
class LinkBadInputTest {
    @Test
    @ExtendWith(RealTimeRetry.class) // judged in real time: see RealTimeRetry
    void garbageAndAbsurdTemposAreCountedAndChangeNothing() throws Exception {
        HeardOut out = LinkPeers.out();
        try (LiveHost s = LinkPeers.host(out); LinkProbe probe = new LinkProbe()) {
            s.eval("tempo(120); link(true)\n" + LinkPeers.BAR_CLICKS, "s.js");
            long node = Long.parseUnsignedLong(s.eval("link.status().node", "t").replace("'", ""), 16);
            await("Sonora announces itself", () -> probe.node(node) != null);
            LinkProbe.Heard me = probe.node(node);
            Thread.sleep(2500);
            int from = out.count;
            long xrunsBefore = LinkPeers.xrunCount(s);

            Random r = new Random(19);
            byte[] valid = LinkProbe.alive(0x4142434445464748L, me.sessionId(), me.timeline());
            int sent = 0;
            for (int i = 0; i < 3000; i++) {
                byte[] junk = new byte[r.nextInt(600)];
                r.nextBytes(junk);
                if (i % 3 == 0 && junk.length >= 8) System.arraycopy("_asdp_v\u0001".getBytes(), 0, junk, 0, 8); // past the header check
                if (i % 3 == 1 && junk.length >= 8) System.arraycopy("_link_v\u0001".getBytes(), 0, junk, 0, 8);
                probe.send(junk, i % 2 == 0 ? LinkProbe.group() : me.measurement());
                sent++;
            }
            for (int cut = 1; cut < valid.length; cut++) probe.send(java.util.Arrays.copyOf(valid, cut), LinkProbe.group());
            long origin = me.timeline().beatOrigin() + 1_000_000_000L; // a beat origin that wins
            long[] absurd = {0, -500_000, Long.MIN_VALUE, 60, Long.MAX_VALUE}; // µs a beat: 0 bpm, negative, NaN, 10^6 bpm, ~0 bpm
            for (int k = 0; k < absurd.length; k++) {
                Timeline tl = new Timeline(absurd[k], origin, me.timeline().timeOrigin());
                for (int rep = 0; rep < 20; rep++) {
                    probe.send(LinkProbe.alive(0x6162636465666768L + k, me.sessionId(), tl), LinkProbe.group());
                    Thread.sleep(2); // paced: a datagram lost in a full socket buffer is not a datagram refused
                }
            }
            Thread.sleep(7000); // at least three bars after the first sent packet, whatever the sending took

            String status = s.eval("JSON.stringify(link.status())", "t");
            System.out.println("after " + sent + " garbage packets, " + (valid.length - 1) + " truncations and 100 absurd tempos: " + status
                    + " (" + LinkPeers.xruns(s) + ")");
            long dropped = Long.parseLong(status.replaceAll(".*\"dropped\":(\\d+).*", "$1"));
            long refused = Long.parseLong(status.replaceAll(".*\"refused\":(\\d+).*", "$1"));
            assertTrue(dropped >= 1000, "garbage counted: " + status);
            assertTrue(refused >= 90 && refused <= 100, "the absurd tempos refused and counted (UDP may lose a few, paced as they are): " + status);
            assertEquals(120, link(s, "tempo"), 1e-9, "the session's tempo unchanged");
            assertEquals(120, Double.parseDouble(s.eval("tempo()", "t")), 1e-9, "the clock's tempo unchanged");
            assertEquals(0, link(s, "peers"), "no made-up peer joined");
            List<Double> heard = LinkPeers.heardNanos(out, from);
            assertTrue(heard.size() >= 3, "bars heard: " + heard);
            // every bar 2 s long, none moved; a null-driver xrun in the window moves the bar across
            // it (the driver's clock back on the wall clock), which changes two bars' lengths
            List<Double> off = new ArrayList<>();
            for (int i = 1; i < heard.size(); i++) off.add((heard.get(i) - heard.get(i - 1)) / 1e6 - 2000);
            long xruns = LinkPeers.xrunCount(s) - xrunsBefore;
            LinkPeers.assertLengthsInPhase(off, xruns, 0.1, "every bar 2 s long (ms off)");

            try (LinkNode peer = LinkNode.start(120, l -> { })) {
                await("a real peer still joins", () -> link(s, "peers") == 1 && peer.state().peers() == 1);
            }
        }
    }
}
