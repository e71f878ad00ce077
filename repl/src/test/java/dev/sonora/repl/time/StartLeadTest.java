package dev.sonora.repl.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.sonora.repl.LiveHost;
import dev.sonora.server.rt.DiscardOut;

/**
 * The start lead (docs/api.md, "The start lead"): live, on the clocked null driver, with a 20 ms
 * latency, loop 'slow' (every beat) holds the JS thread 150 ms in each of its first three steps,
 * as a cold JIT does in a set's first seconds, while loop 'tick' (every eighth of a beat) is due
 * meanwhile. With a start lead of 0.4 s nothing is late; without it 'tick' is. Once the steps are
 * quick the lead comes down to 0, and from then on a stall makes 'tick' late again: the lead does
 * not grow back, unless the session follows stalls (live sessions do): then the first stall is late
 * and the ones after it are on time.
 */
class StartLeadTest {
    private static final String SET = "latency(0.02)\nglobalThis.steps = 0\nglobalThis.stall = 150\n"
            + "loop('slow', 1, () => { steps++; if (steps <= 3) { const t = Date.now(); while (Date.now() - t < stall) {} } })\n"
            + "loop('tick', 0.125, () => {})\n";

    @Test
    void slowFirstStepsAreOnTimeWithTheStartLeadAndLateWithout() throws Exception {
        assertEquals(0, lateAfterSlowStart(0.4), "with the start lead");
        assertTrue(lateAfterSlowStart(0) > 0, "without it the slow first steps are late (the test can fail)");
    }

    @Test
    void theLeadComesDownOnceStepsAreQuickAndDoesNotGrowBack() throws Exception {
        try (LiveHost live = new LiveHost(new DiscardOut(), 256)) {
            live.onLang(() -> {
                live.host.extension("time", TimeBridge.class).startLead(0.3);
                return null;
            });
            live.eval(SET, "set.js");
            // 0.3 s at 100 ms per second of audio: about 3 s once the stalls are over
            long until = System.nanoTime() + 60_000_000_000L; // a stop condition, not a threshold
            double lead = Double.NaN;
            while (System.nanoTime() < until) {
                Thread.sleep(200);
                lead = Double.parseDouble(live.eval("timing().startLeadMs", "t"));
                if (lead == 0) break;
            }
            assertEquals(0, lead, "the start lead settled");
            assertEquals("0", live.eval("timing().late", "t"), "nothing late while it settled: " + live.errors);
            // a stall now is late and said, as without a start lead
            live.eval("stall = 150; steps = 0", "t");
            long end = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < end && live.eval("timing().late", "t").equals("0")) Thread.sleep(50);
            live.eval("stop()", "t");
            assertTrue(Integer.parseInt(live.eval("timing().late", "t")) > 0, "a stall after the start is late: " + live.errors);
            assertEquals("0", live.eval("timing().startLeadMs", "t"), "and the lead stayed 0");
        }
    }

    @Test
    void followingStallsTheFirstIsLateAndTheNextAreOnTime() throws Exception {
        assertOnlyTheFirstStallIsLate(SET, "the second and third stalls are covered by the lead the first one raised");
    }

    @Test
    void stallsThatRecurAfterTheLeadWouldHaveSettledAreCoveredToo() throws Exception {
        // a heavy step every 8 beats (4 s at 120 bpm): the lead its first stall raises (2 x 150 ms
        // less the 20 ms latency) would settle in about 2.8 s, so without a hold every stall is late
        assertOnlyTheFirstStallIsLate(SET.replace("loop('slow', 1,", "loop('slow', 8,").replace("if (steps <= 3)", "if (steps <= 4)"),
                "the stalls 4 s apart after it are covered: the lead holds while stalls recur");
    }

    /** Plays {@code set} following stalls from a zero lead: the first stall is late, none after it. */
    private static void assertOnlyTheFirstStallIsLate(String set, String why) throws Exception {
        // the late count as step 2 begins: what the first stall made late
        String marked = set.replace("steps++;", "steps++; if (steps == 2) globalThis.lateAfterFirst = timing().late;");
        LiveSteps.play(time -> {
            time.startLead(0);
            time.followStalls(true);
        }, marked, 5, 60, live -> {
            long afterFirst = Long.parseLong(live.eval("lateAfterFirst", "t"));
            assertTrue(afterFirst > 0, "the first stall, with no lead yet, is late (the test can fail): " + live.errors);
            assertEquals(afterFirst, Long.parseLong(live.eval("timing().late", "t")), why + ": " + live.errors);
            return null;
        });
    }

    /** Late events of the set's first five beats (three slow steps among them). */
    private static long lateAfterSlowStart(double startLead) throws Exception {
        return LiveSteps.play(time -> time.startLead(startLead), SET, 5, 20, live -> Long.parseLong(live.eval("timing().late", "t")));
    }
}
