package dev.sonora.repl.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The clock's memory of recent stalls: a value is held for half to one whole window, then forgotten. */
class RecentPeakTest {
    @Test
    void aValueHoldsForHalfToAWholeWindowThenGoes() {
        RecentPeak p = new RecentPeak(1000);
        assertEquals(0, p.peak(0), "nothing offered"); // the first half runs from sample 0
        p.offer(100, 40);
        assertEquals(40, p.peak(100));
        assertEquals(40, p.peak(499), "the same half");
        assertEquals(40, p.peak(999), "the next half still remembers it");
        assertEquals(0, p.peak(1000), "a whole window after its half began: gone");
    }

    @Test
    void theLargestOfTheRecentOnesHoldsAndASmallerOneOutlivesAnOldBurst() {
        RecentPeak p = new RecentPeak(1000);
        p.offer(0, 500); // a burst (warm-up)
        p.offer(300, 20);
        assertEquals(500, p.peak(300), "the largest recent value");
        p.offer(700, 30); // the next half
        assertEquals(500, p.peak(900));
        assertEquals(30, p.peak(1000), "the burst's half is past; the later stall is not");
        p.offer(1200, 25);
        assertEquals(30, p.peak(1400));
        assertEquals(25, p.peak(1500), "then only the latest");
    }

    @Test
    void aLongQuietForgetsEverything() {
        RecentPeak p = new RecentPeak(1000);
        p.offer(0, 70);
        assertEquals(0, p.peak(5000), "many windows later");
        p.offer(5000, 10);
        assertEquals(10, p.peak(5001), "and a new value counts from there");
    }
}
