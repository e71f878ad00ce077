package dev.sonora.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WarmupTest {
    @Test
    void warmsEveryRegisteredUnitWithoutTouchingAnyLiveServer() {
        try (Rig live = new Rig()) {
            long nanos = Warmup.run(ServerOptions.defaults(), 400);
            assertTrue(nanos > 0);
            live.blocks(2);
            for (int i = 0; i < 128; i++) assertTrue(live.out.left()[i] == 0f, "the live server stays silent");
        }
    }

    @Test
    void theStageWarmUpPlaysItsSetThroughWithoutAnError() {
        // voices released in every stage, samples run off their ends, a warm-up voice whose
        // playbuf finds one of those samples ends early: none of it may throw
        try (Rig live = new Rig()) {
            long nanos = Warmup.run(ServerOptions.defaults(), 120, true);
            assertTrue(nanos > 0);
            live.blocks(2);
            for (int i = 0; i < 128; i++) assertTrue(live.out.left()[i] == 0f, "the live server stays silent");
        }
    }
}
