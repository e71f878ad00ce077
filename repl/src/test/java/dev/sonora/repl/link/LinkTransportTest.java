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
import dev.sonora.repl.midi.MidiBridge;
import dev.sonora.repl.link.net.LinkProbe;
import dev.sonora.server.midi.LoopbackMidiDevice;

/**
 * Link's shared transport moves Sonora's loops, against Ableton's own LinkHut (its space bar
 * pressed through its terminal): LinkHut stops, Sonora's bar clicks stop; LinkHut starts, they
 * come back on LinkHut's bar lines, and a note a loop held on a MIDI output is ended at the stop; Sonora's link.stop() and link.start() stop and start
 * LinkHut and its own loops alike. Skipped in one line without LinkHut or jackd.
 */
class LinkTransportTest {
    static final LoopbackMidiDevice synth = new LoopbackMidiDevice("Synth Cable");

    @Test
    @ExtendWith(RealTimeRetry.class) // judged in real time: see RealTimeRetry
    void loopsStopAndStartWithTheSessionsTransport() throws Exception {
        HeardOut out = LinkPeers.out();
        try (LinkHutProcess hut = LinkHutProcess.start(); LinkProbe probe = new LinkProbe()) {
            hut.key('a');
            Thread.sleep(700); // LinkHut's session is the older: Sonora joins it
            try (LiveHost s = LinkPeers.host(out)) {
                s.onLang(() -> {
                    s.host.extension("midi", MidiBridge.class).useDevices(() -> List.of(synth));
                    return null;
                });
                // a note-on every bar and no note-off: a stop must not leave it hanging
                s.eval("link(true)\n" + LinkPeers.BAR_CLICKS + "const syn = midi.out('synth'); loop('held', 4, () => syn.on(60))\n", "s.js");
                await("Sonora and LinkHut see each other", () -> link(s, "peers") == 1 && hut.state().peers() == 1);
                s.eval("link.startStop(true)", "t");
                hut.key('s');
                await("LinkHut shares start/stop", () -> hut.state().sync());
                hut.key(' ');
                await("Sonora hears LinkHut start", () -> link(s, "playing") == 1);
                Thread.sleep(3000);
                assertTrue(out.count > 0, "Sonora's loop plays while the session does");
                assertTrue(!synth.of(0x90).isEmpty() && synth.of(0x80).isEmpty(), "notes held: " + synth.arrived);

                hut.key(' ');
                await("Sonora hears LinkHut stop", () -> link(s, "playing") == 0);
                Thread.sleep(300); // what was sent before the stop (the latency) plays out
                int quiet = out.count;
                Thread.sleep(4500); // more than two bars at 120 bpm
                assertEquals(quiet, out.count, "no bar clicks while the session is stopped");
                assertEquals(60, synth.of(0x80).get(0).data1(), "the held note ended at the stop: " + synth.arrived);

                long xruns = LinkPeers.xrunCount(s);
                hut.key(' ');
                await("Sonora hears LinkHut start again", () -> link(s, "playing") == 1);
                Thread.sleep(2500); // up to a bar until the next bar line, and one more
                List<Double> phase = barPhaseMs(s, out, probe, quiet);
                System.out.printf("Sonora's loop after LinkHut's start: bar onsets off LinkHut's bar lines, ms: %s (%s)%n", phase,
                        LinkPeers.xruns(s));
                LinkPeers.assertInPhase(phase, LinkPeers.xrunCount(s) - xruns, "back, on LinkHut's bars");

                s.eval("link.stop()", "t");
                await("LinkHut stops with Sonora", () -> !hut.state().playing());
                Thread.sleep(300);
                quiet = out.count;
                Thread.sleep(4500);
                assertEquals(quiet, out.count, "Sonora's own stop stops its loops too");
                xruns = LinkPeers.xrunCount(s);
                s.eval("link.start()", "t");
                await("LinkHut starts with Sonora", () -> hut.state().playing());
                Thread.sleep(2500);
                phase = barPhaseMs(s, out, probe, quiet);
                LinkPeers.assertInPhase(phase, LinkPeers.xrunCount(s) - xruns, "Sonora's start: on LinkHut's bars");
                String said = String.join("\n", s.printed);
                assertTrue(said.contains("link: the session stopped: loops and patterns wait for its start"), said);
                assertTrue(said.contains("link: the session started: loops and patterns play from beat "), said);
            }
        }
    }

    /** The bar clicks heard from index {@code from} on, 4 s more of them: how far (ms) each is from LinkHut's nearest bar line. */
    private static List<Double> barPhaseMs(LiveHost s, HeardOut out, LinkProbe probe, int from) throws Exception {
        Thread.sleep(4000);
        long sonoraNode = Long.parseUnsignedLong(s.eval("link.status().node", "t").replace("'", ""), 16);
        LinkProbe.Heard hut = probe.other(sonoraNode);
        assertTrue(hut != null, "LinkHut announces itself");
        double offset = probe.ghostOffsetMicros(hut.measurement());
        List<Double> ms = new ArrayList<>();
        for (double nanos : LinkPeers.heardNanos(out, from)) {
            double beat = hut.timeline().toBeats(nanos / 1e3 + offset);
            ms.add((beat - Math.rint(beat / 4) * 4) * hut.timeline().microsPerBeat() / 1e3);
        }
        return ms;
    }
}
