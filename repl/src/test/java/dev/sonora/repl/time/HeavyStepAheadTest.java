package dev.sonora.repl.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Heavy steps run ahead (docs/api.md, "Steps due at the same beat"): live, on the clocked null
 * driver, with a 20 ms latency and no extra lead, loop 'heavy' (every beat, started first, so it
 * runs first at each beat) computes for 60 ms in every step, and loop 'light' (every quarter beat)
 * has a step at each of those beats too. Queued behind the heavy step, the light one is late at
 * every beat; with the heavy loop's steps run ahead by twice what they took, only the steps
 * before the clock has measured one are.
 */
class HeavyStepAheadTest {
    private static final String SET = "latency(0.02)\nglobalThis.steps = 0\nglobalThis.lateAt3 = -1\n"
            + "loop('heavy', 1, () => { steps++; if (steps == 3) lateAt3 = timing().late;"
            + " const t = Date.now(); while (Date.now() - t < 60) {} })\n"
            + "loop('light', 0.25, () => {})\n";

    @Test
    void lightStepsAtAHeavyStepsBeatAreOnTimeOnceItRunsAhead() throws Exception {
        long[] with = play(true);
        assertEquals(with[0], with[1], "nothing late after the heavy loop's first two steps");
        long[] without = play(false);
        assertTrue(without[1] - without[0] >= 4, "without it the light step of each beat waits and is late "
                + "(the test can fail): " + without[0] + " then " + without[1]);
    }

    /** {late at the heavy loop's third step, late after its tenth}. */
    private static long[] play(boolean ahead) throws Exception {
        return LiveSteps.play(time -> {
            time.startLead(0);
            time.runHeavyAhead(ahead);
        }, SET, 10, 60, live -> new long[] {Long.parseLong(live.eval("lateAt3", "t")), Long.parseLong(live.eval("timing().late", "t"))});
    }
}
