package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The grid verdict the real-time tests share: a clock's jump moves one gap, a late sender two, JS timing most of them. */
class GridGapsTest {
    static List<Long> grid(int n, double periodMs) {
        List<Long> instants = new ArrayList<>();
        for (int k = 0; k < n; k++) instants.add(Math.round(k * periodMs * 1e6));
        return instants;
    }

    static void shiftFrom(List<Long> instants, int from, double ms) {
        for (int k = from; k < instants.size(); k++) instants.set(k, instants.get(k) + Math.round(ms * 1e6));
    }

    @Test
    void aJumpOfTheClockIsOneGapAndPassesWithItsXrunOnly() {
        List<Long> t = grid(16, 250);
        shiftFrom(t, 8, 23.5); // a resynchronised clock: everything after moves
        double[] gaps = GridGaps.gapsMs(t);
        assertEquals(1, GridGaps.offGrid(gaps, 250, 0.05));
        GridGaps.assertOnGrid(gaps, 250, 0.05, 0, 1, "jump");
        assertThrows(AssertionFailedError.class, () -> GridGaps.assertOnGrid(gaps, 250, 0.05, 0, 0, "jump"));
    }

    @Test
    void aSkippedCycleIsOnTheGridAndOneLateInstantIsTwoGaps() {
        List<Long> t = grid(10, 250);
        t.remove(4); // a loop that fell behind skipped a cycle
        t.set(6, t.get(6) + 3_000_000); // one instant 3 ms late
        double[] gaps = GridGaps.gapsMs(t);
        assertEquals(2, GridGaps.offGrid(gaps, 250, 0.05));
        GridGaps.assertOnGrid(gaps, 250, 0.05, 0, 1, "late");
    }

    @Test
    void instantsWhereJsRanFailWithoutXrunsAndCannotBeJudgedUnderManyOfThem() {
        Random r = new Random(7);
        List<Long> t = grid(16, 250);
        for (int k = 0; k < t.size(); k++) t.set(k, t.get(k) + Math.round(r.nextDouble() * 40e6)); // 0..40 ms after the beat
        double[] gaps = GridGaps.gapsMs(t);
        int half = (gaps.length - 1) / 2;
        assertThrows(AssertionFailedError.class, () -> GridGaps.assertOnGrid(gaps, 250, 5, half, 0, "js"));
        assertThrows(RealTimeRetry.NotJudged.class, () -> GridGaps.assertOnGrid(gaps, 250, 5, half, 4, "js"));
        assertThrows(RealTimeRetry.NotJudged.class, () -> GridGaps.assertOnGrid(gaps, 250, 0.05, 0, 8, "js"));
    }
}
