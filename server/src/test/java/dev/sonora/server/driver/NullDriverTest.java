package dev.sonora.server.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import dev.sonora.server.Server;
import dev.sonora.server.ServerOptions;
import dev.sonora.server.rt.AudioOut;

/** The silent driver is paced by the clock, like a sound card. */
class NullDriverTest {

    @Test
    void rendersInStepWithTheClockNeverFarAhead() {
        Server server = new Server(ServerOptions.defaults());
        int buffer = 512;
        long[] maxLead = new long[1];
        long[] t0 = new long[1];
        AudioOut watch = (l, r, n) -> {
            // how far the rendered audio runs ahead of the wall clock, in frames
            long elapsedFrames = (System.nanoTime() - t0[0]) * 48000L / 1_000_000_000L;
            long lead = server.stats().publishedSampleTime + n - elapsedFrames;
            if (lead > maxLead[0]) maxLead[0] = lead;
        };
        NullDriver driver = new NullDriver(server, watch, buffer);
        t0[0] = System.nanoTime();
        driver.start();
        while (server.stats().publishedSampleTime < 48000 / 4) LockSupport.parkNanos(5_000_000);
        driver.close();
        assertEquals("sonora-rt", driver.audioThread().getName());
        assertTrue(maxLead[0] <= buffer + 2 * 64, "ran " + maxLead[0] + " frames ahead of the clock; buffer is " + buffer);
        server.close();
    }
}
