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

/**
 * Two Sonoras with Link on (one JVM, two servers on clocked null drivers, two Link nodes on the
 * loopback): the second joins the first's session and takes its tempo, its bar clicks land on
 * the first's, measured on both sample clocks as the times the sound leaves; a tempo change in
 * either reaches the other, and the other's bars bend to it without a jump.
 */
class LinkTwoSonorasTest {
    @Test
    @ExtendWith(RealTimeRetry.class) // judged in real time: see RealTimeRetry
    void twoSonorasShareTempoAndBarPhaseAndTempoChanges() throws Exception {
        HeardOut outA = LinkPeers.out();
        HeardOut outB = LinkPeers.out();
        try (LiveHost a = LinkPeers.host(outA); LiveHost b = LinkPeers.host(outB)) {
            a.eval("tempo(120); link(true)\n" + LinkPeers.BAR_CLICKS, "a.js");
            Thread.sleep(700); // a's session is older than half a second: b joins it, not the other way
            b.eval("tempo(97); link(true)\n" + LinkPeers.BAR_CLICKS, "b.js");
            await("each sees the other", () -> link(a, "peers") == 1 && link(b, "peers") == 1);
            await("b has a's tempo", () -> Math.abs(link(b, "tempo") - 120) < 0.01);
            assertEquals(120, Double.parseDouble(b.eval("tempo()", "t")), 0.01, "b's clock plays the session's tempo");
            Thread.sleep(5000); // b aligns its phase at its next bar (at most 4 beats)

            int fromA = outA.count;
            int fromB = outB.count;
            long xruns = LinkPeers.xrunCount(a, b);
            Thread.sleep(6000); // three bars of clicks from each
            List<Double> d = LinkPeers.nearestMs(LinkPeers.heardNanos(outB, fromB), LinkPeers.heardNanos(outA, fromA));
            System.out.printf("two Sonoras, 120 bpm: bar onsets of b against a's, ms: %s (%s)%n", d, LinkPeers.xruns(a, b));
            LinkPeers.assertInPhase(d, LinkPeers.xrunCount(a, b) - xruns, "bars");

            // a tempo change in b reaches a; a's bars bend to it, never jump
            int beforeA = outA.count;
            long xrunsAtChange = LinkPeers.xrunCount(a, b);
            long t0 = System.nanoTime();
            b.eval("tempo(140)", "t");
            await("a has b's new tempo", () -> Math.abs(link(a, "tempo") - 140) < 0.01);
            System.out.printf("tempo change b → a seen after %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            Thread.sleep(5000);
            fromA = outA.count;
            fromB = outB.count;
            xruns = LinkPeers.xrunCount(a, b);
            Thread.sleep(4000);
            d = LinkPeers.nearestMs(LinkPeers.heardNanos(outA, fromA), LinkPeers.heardNanos(outB, fromB));
            System.out.printf("two Sonoras, 140 bpm: bar onsets of a against b's, ms: %s (%s)%n", d, LinkPeers.xruns(a, b));
            LinkPeers.assertInPhase(d, LinkPeers.xrunCount(a, b) - xruns, "bars after the change");
            List<Double> heard = LinkPeers.heardNanos(outA, beforeA);
            double bar120 = 4 * 60e3 / 120;
            double bar140 = 4 * 60e3 / 140;
            // the change is stamped at b's logical now, about the latency ahead; when a hears it a little of
            // that may already be sent at the old tempo, and a bends over the next beat to catch up: a few
            // ms. A jump (a realignment) would move a bar by up to half a bar, hundreds of ms.
            // A null-driver xrun resynchronises a clock with the wall clock and moves the bar across it by the
            // stall (tens of ms at most, seen: 1698 ms): with xruns since the change, as many bars as xruns may
            // be outside the 10 ms band (LinkPeers.judgeBars), but none by 100 ms, which only a jump would do.
            List<Double> bars = new ArrayList<>();
            for (int i = 1; i < heard.size(); i++) bars.add((heard.get(i) - heard.get(i - 1)) / 1e6);
            for (double ms : bars) assertTrue(ms > bar140 - 100 && ms < bar120 + 100, "a bar of a jumped: " + ms + " ms in " + bars);
            long outside = bars.stream().filter(ms -> !(ms > bar140 - 10 && ms < bar120 + 10)).count();
            long xrunsSinceChange = LinkPeers.xrunCount(a, b) - xrunsAtChange;
            LinkPeers.judgeBars(bars, outside == 0 || (outside <= xrunsSinceChange && outside < bars.size()), xrunsSinceChange,
                    "a's bars between the two tempos' bars (" + bar140 + ".." + bar120 + " ms, 10 ms either side): " + bars
                            + " (" + xrunsSinceChange + " xruns since the change)");
        }
    }

    @Test
    @ExtendWith(RealTimeRetry.class) // judged in real time: see RealTimeRetry
    void aClockStartedInASessionIsInPhaseFromItsFirstBar() throws Exception {
        HeardOut outA = LinkPeers.out();
        HeardOut outB = LinkPeers.out();
        try (LiveHost a = LinkPeers.host(outA); LiveHost b = LinkPeers.host(outB)) {
            a.eval("tempo(120); link(true)\n" + LinkPeers.BAR_CLICKS, "a.js");
            Thread.sleep(700);
            b.eval("link(true)", "b.js"); // b's clock is not started yet
            await("b is in a's session", () -> link(b, "peers") == 1 && Math.abs(link(b, "tempo") - 120) < 0.01);
            Thread.sleep(1000); // the session is measured again 3 s after joining: either measurement is good to far below 1 ms
            long xrunsBefore = LinkPeers.xrunCount(a, b);
            b.eval(LinkPeers.BAR_CLICKS, "b.js"); // starts b's clock: its beat 0 lands on a bar of the session
            await("b's first bars are heard", () -> outB.count >= 2);
            Thread.sleep(2500);
            List<Double> d = LinkPeers.nearestMs(LinkPeers.heardNanos(outB, 0), LinkPeers.heardNanos(outA, 0));
            System.out.printf("a clock started in the session: b's first bars against a's, ms: %s (%s)%n", d, LinkPeers.xruns(a, b));
            LinkPeers.assertInPhase(d, LinkPeers.xrunCount(a, b) - xrunsBefore, "in phase from the first bar");
        }
    }
}
