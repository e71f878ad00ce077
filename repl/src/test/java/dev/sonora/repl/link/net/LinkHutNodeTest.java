package dev.sonora.repl.link.net;

import static dev.sonora.repl.link.net.LinkNodeTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.sonora.repl.link.LinkHutProcess;

/**
 * The protocol against Ableton's own implementation (LinkHut): discovery both ways, one
 * session, tempo changes both ways, start/stop. Skipped in one line without LinkHut.
 */
class LinkHutNodeTest {
    @Test
    void aNodeAndLinkHutShareSessionTempoAndStartStop() throws Exception {
        try (LinkHutProcess hut = LinkHutProcess.start(); LinkNode node = LinkNode.start(120, l -> System.out.println(l))) {
            hut.key('a');
            await("LinkHut and the node see each other", () -> hut.state().peers() == 1 && node.state().peers() == 1);
            node.requestTempo(131, LinkNode.hostMicros());
            await("LinkHut shows the node's tempo", () -> Math.abs(hut.state().tempo() - 131) < 0.005);
            hut.key('e');
            await("the node has LinkHut's tempo", () -> Math.abs(node.state().bpm() - 132) < 0.005);
            assertEquals(132, hut.state().tempo(), 0.005);
            node.requestStartStopSync(true);
            hut.key('s');
            hut.key(' ');
            await("the node hears LinkHut start", () -> node.state().startStop().playing());
            node.requestStartStop(false);
            await("LinkHut stops with the node", () -> !hut.state().playing());
            System.out.println("LinkHut: " + hut.state() + "; node: " + node.state());
        }
    }

    @Test
    void aNodeJoinsLinkHutsOlderSessionAndItsGhostClock() throws Exception {
        try (LinkHutProcess hut = LinkHutProcess.start(); LinkProbe probe = new LinkProbe()) {
            hut.key('a');
            Thread.sleep(700);
            try (LinkNode node = LinkNode.start(100, l -> System.out.println(l))) {
                await("the node is in LinkHut's session", () -> {
                    LinkProbe.Heard h = probe.other(node.state().nodeId());
                    return h != null && node.state().sessionId() == h.sessionId() && node.state().peers() == 1;
                });
                await("the node has LinkHut's tempo", () -> Math.abs(node.state().bpm() - 120) < 0.005);
                LinkProbe.Heard h = probe.other(node.state().nodeId());
                double offset = probe.ghostOffsetMicros(h.measurement());
                double host = LinkNode.hostMicros();
                double diff = node.state().xform().hostToGhost(host) - (host + offset);
                System.out.printf("node's ghost clock against LinkHut's, measured apart: %.1f us%n", diff);
                assertEquals(0, diff, 500, "one ghost clock");
            }
        }
    }
}
