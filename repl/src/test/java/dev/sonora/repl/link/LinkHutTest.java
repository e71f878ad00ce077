package dev.sonora.repl.link;

import static dev.sonora.repl.link.LinkPeers.await;
import static dev.sonora.repl.link.LinkPeers.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.sonora.repl.LiveHost;
import dev.sonora.repl.RealTimeRetry;
import dev.sonora.repl.link.net.LinkProbe;

/**
 * Sonora against Ableton's own LinkHut: Sonora joins LinkHut's session and takes its tempo; its
 * bar clicks, measured on its sample clock as the times they leave the speakers, fall on
 * LinkHut's bar lines, as LinkHut's own timeline and ghost clock say (read from its broadcast
 * and measured by pinging it directly, not through Sonora); tempo changes go both ways and
 * start/stop is shared. Skipped in one line without LinkHut or jackd.
 */
class LinkHutTest {
    @Test
    @ExtendWith(RealTimeRetry.class) // judged in real time: see RealTimeRetry
    void sonoraPlaysInTimeWithLinkHut() throws Exception {
        HeardOut out = LinkPeers.out();
        try (LinkHutProcess hut = LinkHutProcess.start(); LinkProbe probe = new LinkProbe()) {
            hut.key('a');
            Thread.sleep(700); // LinkHut's session is the older: Sonora joins it
            try (LiveHost s = LinkPeers.host(out)) {
                s.eval("tempo(100); link(true)\n" + LinkPeers.BAR_CLICKS, "s.js");
                await("Sonora and LinkHut see each other", () -> link(s, "peers") == 1 && hut.state().peers() == 1);
                try {
                    await("Sonora has LinkHut's tempo", () -> Math.abs(link(s, "tempo") - 120) < 0.01);
                } catch (AssertionError e) {
                    System.out.println("DEBUG " + s.eval("JSON.stringify([link(), link.status()])", "t") + " hut " + hut.state() + " heard " + probe.other(0));
                    throw e;
                }
                Thread.sleep(5000); // Sonora aligns at its next bar
                long xruns = LinkPeers.xrunCount(s);
                List<Double> phase = barPhaseMs(s, out, probe);
                System.out.printf("Sonora against LinkHut, 120 bpm: bar onsets off LinkHut's bar lines, ms: %s (%s)%n", phase, LinkPeers.xruns(s));
                LinkPeers.assertInPhase(phase, LinkPeers.xrunCount(s) - xruns, "on LinkHut's bars");

                long t0 = System.nanoTime();
                s.eval("tempo(133)", "t");
                await("LinkHut shows Sonora's tempo", () -> Math.abs(hut.state().tempo() - 133) < 0.005);
                System.out.printf("tempo Sonora → LinkHut shown after %.0f ms%n", (System.nanoTime() - t0) / 1e6);
                t0 = System.nanoTime();
                hut.key('e');
                await("Sonora has LinkHut's new tempo", () -> Math.abs(link(s, "tempo") - 134) < 0.01);
                System.out.printf("tempo LinkHut → Sonora after %.0f ms%n", (System.nanoTime() - t0) / 1e6);
                assertEquals(134, Double.parseDouble(s.eval("tempo()", "t")), 0.01, "Sonora's clock plays it");
                Thread.sleep(4000);
                xruns = LinkPeers.xrunCount(s);
                phase = barPhaseMs(s, out, probe);
                System.out.printf("Sonora against LinkHut, 134 bpm: bar onsets off LinkHut's bar lines, ms: %s (%s)%n", phase, LinkPeers.xruns(s));
                LinkPeers.assertInPhase(phase, LinkPeers.xrunCount(s) - xruns, "on LinkHut's bars at 134 bpm");

                s.eval("link.startStop(true)", "t");
                hut.key('s');
                hut.key(' ');
                await("Sonora hears LinkHut start", () -> link(s, "playing") == 1);
                s.eval("link.stop()", "t");
                await("LinkHut stops with Sonora", () -> !hut.state().playing());
            }
        }
    }

    /** Over 6 s of bar clicks: how far (ms) each is from LinkHut's nearest bar line (quantum 4). */
    private static List<Double> barPhaseMs(LiveHost s, HeardOut out, LinkProbe probe) throws Exception {
        int from = out.count;
        Thread.sleep(6000);
        long sonoraNode = Long.parseUnsignedLong(s.eval("link.status().node", "t").replace("'", ""), 16);
        LinkProbe.Heard hut = probe.other(sonoraNode);
        assertTrue(hut != null, "LinkHut announces itself");
        double offset = probe.ghostOffsetMicros(hut.measurement());
        List<Double> ms = new ArrayList<>();
        for (double nanos : LinkPeers.heardNanos(out, from)) {
            double beat = hut.timeline().toBeats(nanos / 1e3 + offset);
            double off = beat - Math.rint(beat / 4) * 4;
            ms.add(off * hut.timeline().microsPerBeat() / 1e3);
        }
        return ms;
    }
}
