package dev.sonora.repl.link.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two nodes in one JVM, over this machine's loopback multicast: they find each other, end up in
 * one session with one timeline and agree on its ghost clock; a tempo change by either reaches
 * the other; leaving is seen. Polls with generous timeouts: the assertions are about what the
 * nodes agree on, never about how fast.
 */
class LinkNodeTest {
    static void await(String what, BooleanSupplier ok) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void twoNodesShareOneSessionTimelineAndGhostClock() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (LinkNode a = LinkNode.start(120, lines::add)) {
            Thread.sleep(600); // a's session is older by more than half a second: b must join it
            try (LinkNode b = LinkNode.start(97, lines::add)) {
                await("both see one peer in one session", () -> a.state().peers() == 1 && b.state().peers() == 1
                        && a.state().sessionId() == b.state().sessionId());
                assertEquals(a.state().nodeId(), b.state().sessionId(), "the older session wins");
                await("b has a's timeline", () -> b.state().timeline().equals(a.state().timeline()));
                double host = LinkNode.hostMicros();
                double ghostA = a.state().xform().hostToGhost(host);
                double ghostB = b.state().xform().hostToGhost(host);
                System.out.printf("ghost clocks differ by %.1f us%n", ghostA - ghostB);
                assertTrue(Math.abs(ghostA - ghostB) < 1000, "one ghost clock, measured to well under a millisecond: " + (ghostA - ghostB));
                assertEquals(120, b.state().bpm(), 1e-3);

                b.requestTempo(133.5, LinkNode.hostMicros());
                await("a follows b's tempo", () -> Math.abs(a.state().bpm() - 133.5) < 0.01);
                double h = LinkNode.hostMicros();
                assertEquals(a.state().beatAtHost(h), b.state().beatAtHost(h), 1e-3, "the same beat at the same time");
            }
            await("a sees b leave", () -> a.state().peers() == 0);
        }
        assertEquals(2, lines.stream().filter(l -> l.contains("joined")).count(), String.valueOf(lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("left")), String.valueOf(lines));
    }

    @Test
    void interfacesAreListedAgainAndANewOneIsUsedAGoneOneLeft() throws Exception {
        List<LinkNode.Candidate> all = LinkNode.SYSTEM.scan();
        List<LinkNode.Candidate> loopback = all.stream().filter(c -> c.address().isLoopbackAddress()).toList();
        List<LinkNode.Candidate> others = all.stream().filter(c -> !c.address().isLoopbackAddress()).toList();
        Assumptions.assumeFalse(others.isEmpty(), "interface rescan test skipped: no IPv4 interface here but the loopback");
        LinkNode.Candidate cable = others.get(0);
        String where = cable.nif().getName() + " " + cable.address().getHostAddress();
        AtomicReference<List<LinkNode.Candidate>> plugged = new AtomicReference<>(loopback); // a cable not plugged in yet
        List<String> lines = new CopyOnWriteArrayList<>();
        LinkNode.Interfaces listing = () -> {
            List<LinkNode.Candidate> l = plugged.get();
            if (l == null) throw new IOException("the listing failed");
            return l;
        };
        try (LinkNode a = LinkNode.start(120, lines::add, listing, 100_000_000L); LinkNode b = LinkNode.start(120, lines::add)) {
            assertTrue(!a.where().contains(where), a.where());
            await("the two meet on the loopback", () -> a.state().peers() == 1 && b.state().peers() == 1);
            plugged.set(all);
            await("the cable is used once it is listed", () -> a.where().contains(where));
            // the network thread prints the line just after it changes where(): wait for it, not only for where()
            await("it says so: " + lines, () -> lines.contains("link: now also on " + where));
            plugged.set(loopback);
            await("and left once it is gone", () -> !a.where().contains(where));
            await("it says so: " + lines, () -> lines.contains("link: no longer on " + where));
            Thread.sleep(1000);
            assertEquals(1, a.state().peers(), "the peer on the loopback stays all along");
            plugged.set(null); // a listing that fails changes nothing
            Thread.sleep(300);
            assertTrue(a.where().contains("127.0.0.1"), a.where());
            assertEquals(1, b.state().peers());
        }
    }
}
