package dev.sonora.server.ugen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A reverb whose tail has died clears its lines a slice per block, never all at once: the work
 * of one 64-frame range is at most 64 x {@link Freeverb#CLEAR_PER_FRAME} line samples (counted),
 * and it idles once every line is clear.
 */
class FreeverbClearTest {
    private static final int SR = 48000;
    private static final int BS = 64;

    @Test
    void theDeadTailIsClearedInBoundedSlices() {
        Wire in = new Wire(BS);
        Wire outL = new Wire(BS);
        Wire outR = new Wire(BS);
        Freeverb r = new Freeverb(new UnitContext(null, null, SR, BS, 1, null), in, in, Wire.constant(BS, 1f),
                Wire.constant(BS, 0.5f), Wire.constant(BS, 0.5f), outL, outR);
        in.buf[0] = 1f;
        r.process(0, BS);
        in.buf[0] = 0f;
        int blocks = 0;
        while (r.leftToClear() == 0 && blocks++ < 20 * SR / BS) r.process(0, BS);
        int total = r.leftToClear();
        assertTrue(total > 20_000, "clearing started with the whole lines to clear: " + total);
        int slices = 0;
        int left = total;
        while (left > 0) {
            r.process(0, BS);
            int now = r.leftToClear();
            assertTrue(left - now <= BS * Freeverb.CLEAR_PER_FRAME, "cleared " + (left - now) + " in one block");
            left = now;
            slices++;
        }
        assertEquals((total + BS * Freeverb.CLEAR_PER_FRAME - 1) / (BS * Freeverb.CLEAR_PER_FRAME), slices);
        for (int i = 0; i < BS; i++) assertEquals(0f, outL.buf[i], 0f, "idle and silent");
    }
}
