package dev.sonora.repl.link;

import static dev.sonora.repl.link.LinkPeers.await;
import static dev.sonora.repl.link.LinkPeers.link;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.sonora.repl.LiveHost;
import dev.sonora.repl.link.net.LinkNode;

/**
 * The allocation proof's load with Link running: live on the null driver, Sonora in a session
 * with a peer that changes the tempo five times a second (so the follower bends the clock all
 * the time), loops playing 32 notes a second, after a warm-up of the same: the audio thread
 * allocates nothing. Link itself never runs there (the network thread and Lang do its work);
 * what reaches the audio thread are timed commands as before. The bound is the suite's (see
 * RenderAllocationTest: below the JVM's one-off compilation burst); steady allocation per block
 * or per note fails it.
 */
class LinkAllocationTest {
    private static final String LOAD = """
            tempo(120); link(true)
            def('tick', ({freq = 880, amp = 0.1}) => sine(freq).mul(perc(0.001, 0.05)).mul(amp))
            let notes = 0
            loop('notes', 1 / 16, (b) => { synth('tick', {freq: 440 + (notes++ % 8) * 110}) })
            loop('bar', cycle(), () => synth('tick', {freq: 220, amp: 0.2}))
            """;

    @Test
    void linkRunningAllocatesNothingOnTheAudioThread() throws Exception {
        HeardOut out = LinkPeers.out();
        try (LiveHost s = LinkPeers.host(out); LinkNode peer = LinkNode.start(120, l -> { })) {
            s.eval(LOAD, "load.js");
            await("in one session", () -> link(s, "peers") == 1);
            long end = System.nanoTime() + 4_000_000_000L;
            int k = 0;
            while (System.nanoTime() < end) { // warm-up: the same load
                peer.requestTempo(k++ % 2 == 0 ? 126 : 120, LinkNode.hostMicros());
                Thread.sleep(200);
            }
            s.server.markWarm();
            int notesBefore = Integer.parseInt(s.eval("notes", "t"));
            end = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < end) {
                peer.requestTempo(k++ % 2 == 0 ? 126 : 120, LinkNode.hostMicros());
                Thread.sleep(200);
            }
            long bytes = s.server.rtAllocatedBytes();
            int notes = Integer.parseInt(s.eval("notes", "t")) - notesBefore;
            System.out.println("Link running, " + k + " tempo changes from a peer, " + notes + " notes: audio thread allocated " + bytes
                    + " B after warm-up (" + LinkPeers.xruns(s) + ")");
            assertTrue(notes > 250, "under load: " + notes + " notes");
            assertTrue(bytes >= 0 && bytes < 4096, "audio-thread allocation after warm-up: " + bytes + " B");
        }
    }
}
