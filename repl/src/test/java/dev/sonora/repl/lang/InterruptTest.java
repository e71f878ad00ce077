package dev.sonora.repl.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** Ctrl-C stops a runaway evaluation; the context, its state and the music stay. */
class InterruptTest {
    @Test
    void interruptKeepsTheContextAndItsState() throws Exception {
        try (HostFixture f = new HostFixture()) {
            f.eval("def('hum', () => sine(100).mul(0.1)); const hum = synth('hum'); var kept = 42");
            f.advance(2);
            Future<String> running = f.lang.submit(() -> f.host.evalRepl("while (true) {}"));
            // interrupt until the loop has started and stopped (the first call may come before it runs)
            UserError stopped = null;
            for (int i = 0; i < 100 && stopped == null; i++) {
                Thread.sleep(50);
                f.host.interrupt();
                if (running.isDone()) {
                    try {
                        running.get();
                    } catch (ExecutionException e) {
                        stopped = (UserError) e.getCause();
                    }
                }
            }
            assertTrue(stopped != null && stopped.interrupted(), "the loop was interrupted");
            assertEquals("42", f.eval("kept"));
            assertEquals("true", f.eval("hum.playing"));
            f.advance(2);
            assertEquals("2", f.eval("1 + 1"));
        }
    }
}
