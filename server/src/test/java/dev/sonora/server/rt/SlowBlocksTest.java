package dev.sonora.server.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The audio thread hands every block to the slow-block ring and only the slow ones are
 * published: the reader sees exactly those, in order, with their figures, and counts what a
 * full ring overwrote.
 */
class SlowBlocksTest {
    @Test
    void onlyTheBlocksKeptReachTheReaderInOrder() {
        SlowBlocks ring = new SlowBlocks(8);
        for (int b = 0; b < 20; b++) ring.recordOnRt(1000L * b, 10L * b, 5L * b, 64L * b, b, b % 3 == 0 ? 1 : 0);
        List<Long> samples = new ArrayList<>();
        List<Integer> commands = new ArrayList<>();
        int n = ring.drain((start, took, cpu, sample, cmds) -> {
            assertEquals(start / 100, took, "the fields of one block stay together");
            assertEquals(took / 2, cpu);
            samples.add(sample);
            commands.add(cmds);
        });
        assertEquals(7, n);
        assertEquals(List.of(0L, 192L, 384L, 576L, 768L, 960L, 1152L), samples);
        assertEquals(List.of(0, 3, 6, 9, 12, 15, 18), commands);
        assertEquals(0, ring.lost());
        assertEquals(0, ring.drain((start, took, cpu, sample, cmds) -> { }), "nothing twice");
    }

    @Test
    void aReaderAWholeRingBehindLosesTheOldestAndSaysHowMany() {
        SlowBlocks ring = new SlowBlocks(4);
        for (int b = 0; b < 10; b++) ring.recordOnRt(b, 0, -1, b, b, 1);
        List<Integer> seen = new ArrayList<>();
        ring.drain((start, took, cpu, sample, cmds) -> seen.add(cmds));
        assertEquals(List.of(6, 7, 8, 9), seen);
        assertEquals(6, ring.lost());
    }
}
