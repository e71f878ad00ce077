package dev.sonora.repl.link;

import static dev.sonora.repl.link.LinkPeers.await;
import static dev.sonora.repl.link.LinkPeers.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.sonora.repl.LiveHost;

/**
 * A script's tempo outside Link's 20..999 bpm, with Link on: one line says so, and the session
 * and the clock both play the clamped tempo (Sonora alone leads the session). Absurd values
 * are refused by tempo() itself, before Link sees them.
 */
class LinkTempoRangeTest {
    @Test
    void aTempoLinkCannotShareIsClampedWithOneLine() throws Exception {
        try (LiveHost s = LinkPeers.host(LinkPeers.out())) {
            s.eval("link(true); loop('x', 1, () => {})", "s.js");
            s.eval("tempo(10)", "t");
            await("the session plays 20 bpm", () -> Math.abs(link(s, "tempo") - 20) < 1e-9);
            await("the clock plays 20 bpm", () -> {
                try {
                    return Math.abs(Double.parseDouble(s.eval("tempo()", "t")) - 20) < 1e-9;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals(1, s.errors.stream().filter(l -> l.equals("link: Link's tempos are 20 to 999 bpm; the session plays at 20")).count(),
                    String.valueOf(s.errors));
            for (String bad : new String[] {"0", "1e6", "NaN"}) {
                String r = s.eval("try { tempo(" + bad + ") } catch (e) { String(e) }", "t");
                assertTrue(r.contains("tempo: beats per minute from 1 to 1000"), r);
            }
            assertEquals(20, link(s, "tempo"), 1e-9, "refused tempos changed nothing");
        }
    }
}
