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
}
