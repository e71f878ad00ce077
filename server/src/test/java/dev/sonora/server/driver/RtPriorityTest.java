package dev.sonora.server.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.sonora.server.Server;
import dev.sonora.server.ServerOptions;
import dev.sonora.server.rt.DiscardOut;

/**
 * The javax.sound and null drivers ask for real-time scheduling on their audio thread, and
 * the start line tells the truth about the answer: when it says real-time, the OS really runs
 * the thread SCHED_FIFO; when it was refused, the thread is normal and the line says why.
 */
class RtPriorityTest {
    @Test
    void whatTheStartLineSaysIsWhatTheThreadGot() throws Exception {
        Assumptions.assumeTrue(RtPriority.policyOfThisThread() >= 0, "scheduling policy unknown on this OS");
        RtPriority p = new RtPriority();
        AtomicInteger policy = new AtomicInteger(-2);
        Thread t = new Thread(() -> {
            p.requestOnThisThread();
            policy.set(RtPriority.policyOfThisThread());
        });
        t.start();
        t.join();
        String said = p.describe();
        if (said.startsWith("real-time")) {
            assertEquals(1, policy.get(), "said '" + said + "' but the thread's policy is " + policy.get());
        } else {
            assertEquals(0, policy.get(), "said '" + said + "'");
            assertTrue(said.contains("not permitted") || said.contains("refused") || said.contains("unavailable"), said);
        }
        assertEquals(0, RtPriority.policyOfThisThread(), "only the audio thread asks: the caller stays normal");
    }

    @Test
    void theNullDriversStartLineSaysWhichPriorityItsThreadRuns() throws Exception {
        Server server = new Server(ServerOptions.defaults());
        NullDriver d = new NullDriver(server, new DiscardOut(), 256);
        try {
            d.start();
            String line = d.describe();
            System.out.println("null driver: " + line);
            assertTrue(line.contains("real-time priority (SCHED_FIFO") || line.contains("normal priority ("), line);
        } finally {
            d.close();
            server.close();
        }
    }
}
