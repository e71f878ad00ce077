package dev.sonora.repl.time;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import dev.sonora.repl.LiveHost;
import dev.sonora.server.rt.DiscardOut;

/**
 * The live-timing tests' rig: plays a set on the clocked null driver, its clock set up first,
 * until the set's {@code steps} counter reaches a count, stops it and reads what the test needs.
 */
final class LiveSteps {
    /** What a test reads from the stopped set before it closes. */
    interface Reading<T> {
        T read(LiveHost live) throws Exception;
    }

    private LiveSteps() {
    }

    static <T> T play(Consumer<TimeBridge> setUp, String set, int steps, long limitSeconds, Reading<T> after) throws Exception {
        try (LiveHost live = new LiveHost(new DiscardOut(), 256)) {
            live.onLang(() -> {
                setUp.accept(live.host.extension("time", TimeBridge.class));
                return null;
            });
            live.eval(set, "set.js");
            long until = System.nanoTime() + limitSeconds * 1_000_000_000L; // a stop condition, not a threshold
            while (System.nanoTime() < until && Integer.parseInt(live.eval("steps", "t")) < steps) Thread.sleep(20);
            live.eval("stop()", "t");
            assertTrue(Integer.parseInt(live.eval("steps", "t")) >= steps, "the loops ran: " + live.errors);
            return after.read(live);
        }
    }
}
