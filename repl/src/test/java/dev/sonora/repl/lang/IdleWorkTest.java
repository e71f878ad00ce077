package dev.sonora.repl.lang;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * Background work on the Lang loop (the modules not used yet, loaded after the prompt) waits
 * while the clock has events to play: a module parsed cold holds the thread for a few hundred
 * milliseconds, and every loop step due meanwhile would be late. It runs once nothing is
 * scheduled. Counted in loop turns (ticks), not in time.
 */
class IdleWorkTest {
    @Test
    void idleWorkWaitsWhileAHoldSaysSoAndRunsAfter() throws Exception {
        try (LangLoop lang = new LangLoop()) {
            AtomicBoolean hold = new AtomicBoolean(true);
            AtomicBoolean ran = new AtomicBoolean();
            AtomicInteger ticks = new AtomicInteger();
            lang.addTicker(ticks::incrementAndGet);
            lang.holdIdleWorkWhile(hold::get);
            lang.postWhenIdle(() -> ran.set(true));
            awaitTicks(ticks, 200);
            assertFalse(ran.get(), "held for 200 turns of the loop");
            hold.set(false);
            await(ran);
        }
    }

    @Test
    void theClockHoldsBackgroundLoadsWhileALoopIsScheduled() throws Exception {
        try (HostFixture f = new HostFixture()) {
            AtomicInteger ticks = new AtomicInteger();
            f.lang.addTicker(ticks::incrementAndGet);
            f.eval("loop('l', 1, () => {})");
            AtomicBoolean ran = new AtomicBoolean();
            f.lang.postWhenIdle(() -> ran.set(true));
            awaitTicks(ticks, 200);
            assertFalse(ran.get(), "no background work while the loop is scheduled");
            f.eval("hush()"); // nothing scheduled any more
            await(ran);
        }
    }

    private static void awaitTicks(AtomicInteger ticks, int more) throws InterruptedException {
        int until = ticks.get() + more;
        long end = System.nanoTime() + 30_000_000_000L; // a stop condition, not a threshold
        while (ticks.get() < until && System.nanoTime() < end) Thread.sleep(5);
        assertTrue(ticks.get() >= until, "the loop turned");
    }

    private static void await(AtomicBoolean ran) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L; // a stop condition, not a threshold
        while (!ran.get() && System.nanoTime() < end) Thread.sleep(5);
        assertTrue(ran.get(), "the background work ran once nothing held it");
    }
}
