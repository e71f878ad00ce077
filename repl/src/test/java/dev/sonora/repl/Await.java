package dev.sonora.repl;

import java.util.function.BooleanSupplier;

/** Waits in live tests for something another thread does (a message at a cable, a handler's call). */
public final class Await {
    private Await() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} after 10 s. Polls every 5 ms. */
    public static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(5);
        }
    }
}
