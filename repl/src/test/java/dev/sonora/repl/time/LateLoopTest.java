package dev.sonora.repl.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sonora.repl.Await;
import dev.sonora.repl.LiveHost;
import dev.sonora.server.rt.DiscardOut;

/**
 * A loop step that comes a little late (the JS thread held up for a moment) still plays, late,
 * and says so; one that comes later than half a cycle is skipped to catch up, as before. Live, on
 * the clocked null driver: loop 'l' has a 250 ms cycle (0.5 beat at 120 bpm) and a 20 ms
 * latency, and its third cycle stalls the JS thread.
 */
class LateLoopTest {
    @Test
    void aStepAFewMillisecondsLatePlaysInsteadOfLosingItsCycle() throws Exception {
        // 300 ms of work in a 250 ms cycle: the next step comes about 30 ms after its sample
        List<Double> beats = run(300);
        for (int i = 1; i < beats.size(); i++) {
            assertEquals(0.5, beats.get(i) - beats.get(i - 1), 1e-9, "every cycle played: " + beats);
        }
    }

    @Test
    void aStepLaterThanHalfACycleIsSkippedAndTheLoopStaysOnItsGrid() throws Exception {
        List<Double> beats = run(700);
        double gaps = 0;
        for (int i = 1; i < beats.size(); i++) {
            double d = beats.get(i) - beats.get(i - 1);
            assertEquals(0, d % 0.5, 1e-9, "on the loop's grid: " + beats);
            gaps += d > 0.5 ? 1 : 0;
        }
        assertEquals(1, gaps, "one catch-up after the stall: " + beats);
    }

    @Test
    void aLateLoopsLineNamesTheLoopThatHeldTheThread() throws Exception {
        // the victim is the one late; the culprit ran just before it at the same beat
        try (LiveHost live = new LiveHost(new DiscardOut(), 256)) {
            live.eval("latency(0.02)\nglobalThis.n = 0\n"
                    + "loop('busy', 0.5, () => { if (++n === 3) { const t = Date.now(); while (Date.now() - t < 400) {} } })\n"
                    + "loop('victim', 0.5, () => {})\n", "set.js");
            Await.until(() -> live.errors.stream().anyMatch(e -> e.startsWith("loop 'victim' was ")), "the victim's late line");
            live.eval("stop()", "t");
            String line = live.errors.stream().filter(e -> e.startsWith("loop 'victim' was ")).findFirst().orElseThrow();
            assertTrue(line.matches("loop 'victim' was \\d+ ms late.* \\(loop 'busy' held the Lang thread for \\d+ ms\\): lighten it .*"), line);
        }
    }

    private static List<Double> run(int stallMillis) throws Exception {
        try (LiveHost live = new LiveHost(new DiscardOut(), 256)) {
            live.eval("latency(0.02)\nglobalThis.beats = []\n"
                    + "loop('l', 0.5, (b) => { beats.push(b); if (beats.length === 3) { const t = Date.now(); while (Date.now() - t < "
                    + stallMillis + ") {} } })\n", "set.js");
            long until = System.nanoTime() + 20_000_000_000L; // a stop condition, not a threshold
            int n = 0;
            while (n < 8 && System.nanoTime() < until) {
                Thread.sleep(50);
                n = (int) Double.parseDouble(live.eval("beats.length", "t"));
            }
            live.eval("stop('l')", "t");
            assertTrue(n >= 8, "the loop ran " + n + " times; " + live.errors);
            assertTrue(live.errors.stream().anyMatch(e -> e.startsWith("loop 'l' was ")), "the late step was reported: " + live.errors);
            List<Double> beats = new ArrayList<>();
            for (String b : live.eval("beats.join(' ')", "t").replace("'", "").split(" ")) beats.add(Double.parseDouble(b));
            return beats;
        }
    }
}
