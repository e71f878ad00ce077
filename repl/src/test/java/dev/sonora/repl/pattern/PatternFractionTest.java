package dev.sonora.repl.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Exact time: normalised fractions, floor/ceil of negatives, doubles to the simplest fraction, overflow refused. */
class PatternFractionTest {
    @Test
    void normalisedAndExact() {
        assertEquals(Fraction.of(1, 2), Fraction.of(2, 4));
        assertEquals(Fraction.of(-1, 2), Fraction.of(1, -2));
        assertEquals("3/8", Fraction.of(1, 8).add(Fraction.of(1, 4)).toString());
        assertEquals(Fraction.ONE, Fraction.of(1, 3).mul(3));
        assertEquals(Fraction.of(5, 6), Fraction.of(1, 2).add(Fraction.of(1, 3)));
        assertEquals(Fraction.of(3, 2), Fraction.of(1, 2).div(Fraction.of(1, 3)));
        assertEquals("2", Fraction.of(4, 2).toString());
    }

    @Test
    void floorCeilSamOfNegatives() {
        assertEquals(-1, Fraction.of(-1, 3).floor());
        assertEquals(0, Fraction.of(-1, 3).ceil());
        assertEquals(Fraction.of(2, 3), Fraction.of(-1, 3).cyclePos());
        assertEquals(Fraction.of(2), Fraction.of(7, 4).nextSam());
    }

    @Test
    void doublesBecomeTheSimplestFraction() {
        assertEquals(Fraction.of(3, 2), Fraction.of(1.5));
        assertEquals(Fraction.of(1, 3), Fraction.of(1 / 3.0));
        assertEquals(Fraction.of(3, 10000), Fraction.of(0.0003));
        assertEquals(Fraction.of(9, 10000), Fraction.of(0.0003 * 3));
        assertEquals(Fraction.of(-7, 4), Fraction.of(-1.75));
        assertEquals(Fraction.of(137), Fraction.of(137.0));
    }

    @Test
    void comparisonIsExactAndOverflowIsRefused() {
        Fraction a = Fraction.of(Long.MAX_VALUE / 2, 3);
        Fraction b = Fraction.of(Long.MAX_VALUE / 2 - 1, 3);
        assertTrue(a.gt(b));
        assertTrue(Fraction.of(1, 3).lt(Fraction.of(1, 2)));
        assertThrows(PatternTimeException.class, () -> Fraction.of(Long.MAX_VALUE, 7).mul(Fraction.of(Long.MAX_VALUE, 11)));
        assertThrows(PatternTimeException.class, () -> Fraction.ONE.div(Fraction.ZERO));
    }
}
