package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import dev.sonora.server.driver.JackDriver;
import dev.sonora.server.driver.JackSettings;
import dev.sonora.server.driver.JackTestServer;

/**
 * The RT rule with JACK's own thread as the audio thread: after warm-up, JACK's process
 * callback (JNA's work on entry included) allocates nothing while the allocation proof's load
 * of notes starting and ending runs live, and every command comes back.
 */
class JackAllocationTest {
    private static final long WARM_NANOS = 4_000_000_000L;
    private static final long WINDOW_NANOS = 1_500_000_000L;

    @Test
    void jacksThreadAllocatesNothingUnderLoad() throws Exception {
        try (JackTestServer jack = JackTestServer.start(48000, 128)) {
            Server server = new Server(ServerOptions.defaults());
            server.startNrtThread();
            JackDriver driver = new JackDriver(server, JackSettings.defaults().withServer(jack.name()).withConnect(false), s -> { });
            driver.start();
            Load load = Load.live(server);
            long end = System.nanoTime() + WARM_NANOS;
            while (System.nanoTime() < end) load.step();
            Thread rt = server.audioThread();
            assertNotNull(rt, "JACK's thread entered the block loop");
            assertEquals(driver.audioThread(), rt);
            server.markWarm();
            long started = load.notesStarted;
            long ended = load.notesEnded;
            long before = Server.allocatedBytes(rt);
            long[] windows = new long[6];
            long mark = before;
            for (int w = 0; w < windows.length; w++) {
                end = System.nanoTime() + WINDOW_NANOS;
                while (System.nanoTime() < end) load.step();
                long now = Server.allocatedBytes(rt);
                windows[w] = now - mark;
                mark = now;
            }
            long after = mark;
            assertTrue(load.notesStarted - started > 1000, "notes started: " + (load.notesStarted - started));
            assertTrue(load.notesEnded - ended > 1000, "and ended: " + (load.notesEnded - ended));
            assertEquals(0, server.stats().publishedRtErrors);
            assertEquals(0, after - before,
                    "bytes allocated by JACK's thread after warm-up, per window of 1.5 s: " + java.util.Arrays.toString(windows));
            assertEquals(after - before, server.status().rtAllocBytes(), "status() reports the same figure");
            driver.close();
            // every command comes back: with the audio stopped, NRT drains what is left
            LockSupport.parkNanos(100_000_000L);
            server.close();
        }
    }
}
