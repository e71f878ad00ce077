package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RealTimeRetry}: an assertion that fails once is tried again, and the second run decides. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealTimeRetryTest {
    private static int runs;

    @Test
    @Order(1)
    @ExtendWith(RealTimeRetry.class)
    void failsOnceThenPasses() {
        runs++;
        assertTrue(runs >= 2, "the first run fails on purpose");
    }

    @Test
    @Order(2)
    void theMethodRanTwice() {
        assertEquals(2, runs, "one failed attempt, then one that passed");
    }
}
