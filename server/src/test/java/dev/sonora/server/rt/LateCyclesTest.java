package dev.sonora.server.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Only cycles that left past the threshold reach the reader, with where they entered and left. */
class LateCyclesTest {
    @Test
    void cyclesLeavingLateArePublishedAndTheRestWrittenOver() {
        LateCycles c = new LateCycles(4);
        List<String> read = new ArrayList<>();
        c.recordOnRt(1, 3, 50, 96); // on time
        c.recordOnRt(2, 90, 120, 96); // woken late
        c.recordOnRt(3, 4, 96, 96); // exactly at the threshold: kept out
        c.recordOnRt(4, 5, 140, 96); // slow once running
        assertEquals(2, c.drain((t, in, out) -> read.add(t + ":" + in + "-" + out)));
        assertEquals(List.of("2:90-120", "4:5-140"), read);
        assertEquals(0, c.drain((t, in, out) -> read.add("again")));
        for (int i = 0; i < 10; i++) c.recordOnRt(10 + i, 0, 200, 96); // more than the ring: the newest four
        read.clear();
        assertEquals(4, c.drain((t, in, out) -> read.add(String.valueOf(t))));
        assertEquals(List.of("16", "17", "18", "19"), read);
    }
}
