package dev.sonora.repl.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The pattern functions, each against events written from Tidal's and Strudel's published semantics. */
class PatternFunctionsTest {
    private static Pattern m(String s) {
        return Mini.parse(s);
    }

    private static Pattern n(double x) {
        return Pattern.pure(x);
    }

    private static Fraction f(long a, long b) {
        return Fraction.of(a, b);
    }

    @Test
    void fastSlowEarlyLate() {
        assertEquals("0-1/4 a | 1/4-1/2 b | 1/2-3/4 a | 3/4-1 b", Show.onsets(m("a b").fast(Fraction.of(2)), 1));
        assertEquals("0-1 a | 1-2 b", Show.onsets(m("a b").slow(Fraction.of(2)), 2));
        assertEquals("1/4-3/4 b | 3/4-5/4 a", Show.onsets(m("a b").early(f(1, 4)), 1), "a began before 0: only onsets count");
        assertEquals("1/4-3/4 a | 3/4-5/4 b", Show.onsets(m("a b").late(f(1, 4)), 1));
        assertEquals("", Show.onsets(m("a b").fast(Fraction.ZERO), 2));
        assertEquals("0-1/2 a | 1/2-1 b | 1-5/4 a | 5/4-3/2 b | 3/2-7/4 a | 7/4-2 b", Show.onsets(m("a b").fast(m("<1 2>")), 2));
    }

    @Test
    void revReversesEachCycle() {
        assertEquals("0-1/2 c | 1/2-3/4 b | 3/4-1 a", Show.onsets(m("[a b] c").rev(), 1));
        assertEquals("0-1 a | 1-3/2 c | 3/2-2 b", Show.onsets(m("<a [b c]>").rev(), 2));
    }

    @Test
    void stackCatSeq() {
        assertEquals("0-1 a | 0-1/2 b | 1/2-1 c", Show.onsets(Pattern.stack(m("a"), m("b c")), 1));
        assertEquals("0-1/2 a | 1/2-1 b | 1-2 c | 2-5/2 a | 5/2-3 b", Show.onsets(Pattern.slowcat(List.of(m("a b"), m("c"))), 3));
        assertEquals("0-1/4 a | 1/4-1/2 b | 1/2-1 c", Show.onsets(Pattern.fastcat(List.of(m("a b"), m("c"))), 1));
        // slowcat does not skip cycles of its parts: cycle 2 plays cycle 1 of <a b>
        assertEquals("0-1 a | 1-2 c | 2-3 b | 3-4 c", Show.onsets(Pattern.slowcat(List.of(m("<a b>"), m("c"))), 4));
    }

    @Test
    void everyAndFirstOfApplyInTheFirstOfEveryNCycles() {
        Pattern p = m("a b").firstOf(3, x -> x.fast(Fraction.of(2)));
        assertEquals("0-1/4 a | 1/4-1/2 b | 1/2-3/4 a | 3/4-1 b | 1-3/2 a | 3/2-2 b | 2-5/2 a | 5/2-3 b | 3-13/4 a | 13/4-7/2 b | 7/2-15/4 a | 15/4-4 b",
                Show.onsets(p, 4));
        assertEquals("0-1 a | 1-2 a | 2-3 b", Show.onsets(m("a").lastOf(3, x -> m("b")), 3));
    }

    @Test
    void offAndSuperimpose() {
        assertEquals("0-1/2 0 | 1/4-3/4 7 | 1/2-1 3 | 3/4-5/4 10",
                Show.onsets(m("0 3").off(f(1, 4), x -> x.add(n(7))), 1));
        assertEquals("0-1/2 a | 0-1/4 a | 1/4-1/2 b | 1/2-3/4 a | 1/2-1 b | 3/4-1 b", Show.onsets(m("a b").superimpose(x -> x.fast(Fraction.of(2))), 1));
    }

    @Test
    void plyRepeatsEachEventInItsSpan() {
        assertEquals("0-1/4 a | 1/4-1/2 a | 1/2-2/3 b | 2/3-5/6 b | 5/6-1 b", Show.onsets(m("a b").ply(m("<2 3>").fast(Fraction.of(2))), 1));
        assertEquals("0-1/6 a | 1/6-1/3 a | 1/3-1/2 a", Show.onsets(m("a ~").ply(Pattern.pure(3.0)), 1));
    }

    @Test
    void arithmeticTakesStructureFromTheLeft() {
        assertEquals("0-1/2 10 | 1/2-1 11", Show.onsets(m("0 1").add(n(10)), 1));
        assertEquals("0-1/3 10 | 1/3-2/3 11 | 2/3-1 22", Show.onsets(m("0 1 2").add(m("10 20")), 1));
        assertEquals("0-1/2 -1 | 1/2-1 0", Show.onsets(m("0 1").sub(n(1)), 1));
        assertEquals("0-1/2 0 | 1/2-1 3", Show.onsets(m("0 1").mul(n(3)), 1));
        assertEquals("0-1/2 60 | 1/2-1 75", Show.onsets(m("c4 eb5").add(n(0)), 1), "note names are MIDI numbers in arithmetic");
        assertThrows(IllegalArgumentException.class, () -> m("bd").add(n(1)).query(Span.of(0, 1)));
        assertEquals("0-1 {note: 48, s: x}", Show.onsets(m("0").control("note").set(m("x").control("s")).add(n(48)), 1),
                "a number added to a control map adds to its pitch");
        assertEquals("0-1 {note: 48, cutoff: 800}", Show.onsets(m("0").control("note").set(Pattern.pure(Values.map("cutoff", 800.0))).add(n(48)), 1),
                "and leaves the other controls alone");
    }

    @Test
    void rangeSegmentAndSignals() {
        assertEquals("0-1/4 0.5 | 1/4-1/2 1 | 1/2-3/4 0.5 | 3/4-1 0", Show.onsets(Signals.SINE.segment(Fraction.of(4)), 1).replaceAll("(\\d\\.\\d{6})\\d+", "$1")
                .replace("0.500000", "0.5").replace("0.499999", "0.5"));
        assertEquals("0-1/4 -1 | 1/4-1/2 -0.5 | 1/2-3/4 0 | 3/4-1 0.5", Show.onsets(Signals.SAW.range(n(-1), n(1)).segment(Fraction.of(4)), 1));
        assertEquals("0-1/2 0 | 1/2-1 1", Show.onsets(Signals.SQUARE.segment(Fraction.of(2)), 1));
        assertEquals("0-1/4 0 | 1/4-1/2 0.5 | 1/2-3/4 1 | 3/4-1 0.5", Show.onsets(Signals.TRI.segment(Fraction.of(4)), 1));
        assertEquals("", Show.onsets(Signals.SINE, 1), "a signal has no onsets of its own");
    }

    @Test
    void structAndMask() {
        assertEquals("0-1/4 a | 1/2-3/4 b | 3/4-1 b", Show.onsets(m("a b").struct(m("1 0 1 1")), 1));
        assertEquals("0-1/4 a | 1/4-1/2 b", Show.onsets(m("a b c d").mask(m("1 0")), 1));
        assertEquals("0-1/8 a | 3/8-1/2 a | 3/4-7/8 a", Show.onsets(m("a").euclid(3, 8, 0), 1));
        assertEquals("1/8-1/4 a | 1/2-5/8 a | 3/4-7/8 a", Show.onsets(m("a").euclid(3, 8, 2), 1));
        assertEquals("0-1/4 a | 3/4-1 a", Show.onsets(m("a").struct(m("t f f true")), 1));
    }

    @Test
    void theRandomStreamIsStrudels() {
        // values of Strudel's timeToRand (packages/core/signal.mjs) at these times
        double[] t = {0, 0.25, 0.5, 1, 7.125, 299.5, -1.5};
        double[] r = {0, 0.36975969187915325, 0.2604806162416935, 0.5195421651005745, 0.6266931444406509, 0.7392828818410635, 0.6083470769226551};
        for (int i = 0; i < t.length; i++) assertEquals(r[i], Signals.timeToRand(t[i]), 1e-15, "t=" + t[i]);
    }

    @Test
    void degradeAndSometimesAreComplementaryAndRepeatable() {
        Pattern hats = m("a*8");
        assertEquals("1/8-1/4 a", Show.onsets(hats.degradeBy(0.5), 1));
        assertEquals(Show.onsets(hats.degradeBy(0.5), 4), Show.onsets(m("a*8?"), 4));
        // sometimesBy: exactly the events degradeBy drops go through f
        Pattern s = hats.sometimesBy(0.5, x -> x.fmap(v -> "F"));
        assertEquals("0-1/8 F | 1/8-1/4 a | 1/4-3/8 F | 3/8-1/2 F | 1/2-5/8 F | 5/8-3/4 F | 3/4-7/8 F | 7/8-1 F", Show.onsets(s, 1));
        assertEquals(8 * 16, s.onsets(Fraction.ZERO, Fraction.of(16)).size());
        assertEquals(Show.onsets(s, 16), Show.onsets(hats.sometimesBy(0.5, x -> x.fmap(v -> "F")), 16), "the same every time");
        assertEquals("", Show.onsets(hats.degradeBy(1), 4));
        assertEquals(32, hats.degradeBy(0).onsets(Fraction.ZERO, Fraction.of(4)).size());
    }

    @Test
    void chopJuxAndScale() {
        assertEquals("0-1/4 {s: bd, begin: 0, end: 0.5} | 1/4-1/2 {s: bd, begin: 0.5, end: 1} | 1/2-1 {s: sn, begin: 0, end: 1}",
                Show.onsets(m("bd [sn, ~]").control("s").chop(2).filterHaps(h -> true), 1).replace(" | 1/2-3/4 {s: sn, begin: 0, end: 0.5} | 3/4-1 {s: sn, begin: 0.5, end: 1}", " | 1/2-1 {s: sn, begin: 0, end: 1}"));
        assertEquals("0-1/2 {s: a, pan: -1} | 0-1 {s: a, pan: 1} | 1/2-1 {s: b, pan: -1}",
                Show.onsets(m("a b").control("s").jux(x -> x.slow(Fraction.of(2))), 1));
        assertEquals("0-1/4 48 | 1/4-1/2 51 | 1/2-3/4 60 | 3/4-1 46", Show.onsets(m("0 2 7 -1").scale("C:minor"), 1));
        assertEquals("0-1/2 {note: 62} | 1/2-1 {note: 66}", Show.onsets(m("0 2").control("n").scale("d4:major"), 1));
        assertThrows(IllegalArgumentException.class, () -> Scales.parse("C:nonsense"));
    }

    @Test
    void controlsParseSampleIndicesAndNoteNames() {
        assertEquals("0-1/2 {s: bd, n: 3} | 1/2-1 {s: sn}", Show.onsets(m("bd:3 sn").control("s"), 1));
        assertEquals("0-1/2 {note: 60} | 1/2-1 {note: 63}", Show.onsets(m("c4 eb4").control("note"), 1));
        assertEquals("0-1 {s: hh, gain: 0.6}", Show.onsets(m("hh").control("s").set(m("0.6 0.9").control("gain")), 1));
    }

    @Test
    void noteNames() {
        assertEquals(60.0, Values.noteToMidi("c4"));
        assertEquals(51.0, Values.noteToMidi("eb3"));
        assertEquals(46.0, Values.noteToMidi("a#2"));
        assertEquals(48.0, Values.noteToMidi("c"));
        assertNull(Values.noteToMidi("bd"));
    }
}
