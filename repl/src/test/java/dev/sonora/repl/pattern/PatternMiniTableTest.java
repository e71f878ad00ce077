package dev.sonora.repl.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mini-notation table: each row is a string, how many cycles to query, and the events
 * (whole span and value, onsets only) written from Tidal's and Strudel's published semantics.
 * The random rows ({@code ?}, {@code |}) were worked out from Strudel's random stream
 * (packages/core/signal.mjs: the xorshift time seed, sampled at each event's beginning,
 * shifted 0.0003 cycles per seed) with its published formulas.
 */
class PatternMiniTableTest {
    static Stream<Arguments> table() {
        return Stream.of(
                // steps share the cycle
                row("a", 1, "0-1 a"),
                row("a b", 1, "0-1/2 a | 1/2-1 b"),
                row("a b c", 1, "0-1/3 a | 1/3-2/3 b | 2/3-1 c"),
                row("a b", 2, "0-1/2 a | 1/2-1 b | 1-3/2 a | 3/2-2 b"),
                // [ ] nests
                row("a [b c]", 1, "0-1/2 a | 1/2-3/4 b | 3/4-1 c"),
                row("a [b [c d]]", 1, "0-1/2 a | 1/2-3/4 b | 3/4-7/8 c | 7/8-1 d"),
                row("[a b c]", 1, "0-1/3 a | 1/3-2/3 b | 2/3-1 c"),
                // . groups
                row("a . b c", 1, "0-1/2 a | 1/2-3/4 b | 3/4-1 c"),
                row("a . b c . d", 1, "0-1/3 a | 1/3-1/2 b | 1/2-2/3 c | 2/3-1 d"),
                row("a b . c", 1, "0-1/4 a | 1/4-1/2 b | 1/2-1 c"),
                row("a*2 . b*3", 1, "0-1/4 a | 1/4-1/2 a | 1/2-2/3 b | 2/3-5/6 b | 5/6-1 b"),
                // , stacks
                row("[a, b]", 1, "0-1 a | 0-1 b"),
                row("a, b c", 1, "0-1 a | 0-1/2 b | 1/2-1 c"),
                row("[a, b c]*2", 1, "0-1/2 a | 0-1/4 b | 1/4-1/2 c | 1/2-1 a | 1/2-3/4 b | 3/4-1 c"),
                row("[a b, c d e] f", 1, "0-1/4 a | 0-1/6 c | 1/6-1/3 d | 1/4-1/2 b | 1/3-1/2 e | 1/2-1 f"),
                // ~ and - rest
                row("a ~ b", 1, "0-1/3 a | 2/3-1 b"),
                row("- a", 1, "1/2-1 a"),
                row("~", 2, ""),
                row("a [~ b]", 1, "0-1/2 a | 3/4-1 b"),
                // * faster, / slower, fractions, patterns
                row("a*2", 1, "0-1/2 a | 1/2-1 a"),
                row("a*2 b", 1, "0-1/4 a | 1/4-1/2 a | 1/2-1 b"),
                row("a [b c]*2", 1, "0-1/2 a | 1/2-5/8 b | 5/8-3/4 c | 3/4-7/8 b | 7/8-1 c"),
                row("a*1.5", 2, "0-2/3 a | 2/3-4/3 a | 4/3-2 a"),
                row("a/2", 2, "0-2 a"),
                row("[a b]/2", 2, "0-1 a | 1-2 b"),
                row("a/1.5", 3, "0-3/2 a | 3/2-3 a"),
                row("a/2 b", 2, "0-1 a | 1/2-1 b | 3/2-2 b"), // a's whole runs past its step: it sounds in even cycles only
                row("a*<2 3>", 2, "0-1/2 a | 1/2-1 a | 1-4/3 a | 4/3-5/3 a | 5/3-2 a"),
                row("a*[2 3]", 1, "0-1/2 a | 2/3-1 a"),
                row("[a a a a a a a a]/[2 4]", 1, "0-1/4 a | 1/4-1/2 a | 1/2-1 a"),
                row("[a b]*<1 2>", 2, "0-1/2 a | 1/2-1 b | 1-5/4 a | 5/4-3/2 b | 3/2-7/4 a | 7/4-2 b"),
                // < > one per cycle
                row("<a b>", 3, "0-1 a | 1-2 b | 2-3 a"),
                row("<a b c>", 3, "0-1 a | 1-2 b | 2-3 c"),
                row("<a [b c]>", 2, "0-1 a | 1-3/2 b | 3/2-2 c"),
                row("x <a b>", 2, "0-1/2 x | 1/2-1 a | 1-3/2 x | 3/2-2 b"),
                row("<a b>*2", 1, "0-1/2 a | 1/2-1 b"),
                row("<a b>/2", 4, "0-2 a | 2-4 b"),
                row("<a b, c d e>", 3, "0-1 a | 0-1 c | 1-2 b | 1-2 d | 2-3 a | 2-3 e"),
                row("<a@3 b>", 4, "0-3 a | 3-4 b"),
                row("<a!2 b>", 3, "0-1 a | 1-2 a | 2-3 b"),
                row("<a <b c>>", 4, "0-1 a | 1-2 b | 2-3 a | 3-4 c"),
                // ! repeats
                row("a!3 b", 1, "0-1/4 a | 1/4-1/2 a | 1/2-3/4 a | 3/4-1 b"),
                row("a ! ! b", 1, "0-1/4 a | 1/4-1/2 a | 1/2-3/4 a | 3/4-1 b"),
                row("a! b", 1, "0-1/3 a | 1/3-2/3 a | 2/3-1 b"),
                row("[a b]!2", 1, "0-1/4 a | 1/4-1/2 b | 1/2-3/4 a | 3/4-1 b"),
                row("<a b>!2 c", 2, "0-1/3 a | 1/3-2/3 a | 2/3-1 c | 1-4/3 b | 4/3-5/3 b | 5/3-2 c"),
                // @ and _ lengthen
                row("a@3 b", 1, "0-3/4 a | 3/4-1 b"),
                row("a@2 b@3", 1, "0-2/5 a | 2/5-1 b"),
                row("a _ _ b", 1, "0-3/4 a | 3/4-1 b"),
                row("a _ b _ _", 1, "0-2/5 a | 2/5-1 b"),
                row("a@1.5 b", 1, "0-3/5 a | 3/5-1 b"),
                row("[a b]@3 c", 1, "0-3/8 a | 3/8-3/4 b | 3/4-1 c"),
                row("a@3 _ b", 1, "0-4/5 a | 4/5-1 b"),
                // Euclidean rhythms
                row("a(3,8)", 1, "0-1/8 a | 3/8-1/2 a | 3/4-7/8 a"),
                row("a(5,8)", 1, "0-1/8 a | 1/4-3/8 a | 3/8-1/2 a | 5/8-3/4 a | 3/4-7/8 a"),
                row("a(3,8,2)", 1, "1/8-1/4 a | 1/2-5/8 a | 3/4-7/8 a"),
                row("a(-3,8)", 1, "1/8-1/4 a | 1/4-3/8 a | 1/2-5/8 a | 5/8-3/4 a | 7/8-1 a"),
                row("a(<3 5>,8)", 2, "0-1/8 a | 3/8-1/2 a | 3/4-7/8 a | 1-9/8 a | 5/4-11/8 a | 11/8-3/2 a | 13/8-7/4 a | 7/4-15/8 a"),
                row("a(3,8,<0 2>)", 2, "0-1/8 a | 3/8-1/2 a | 3/4-7/8 a | 9/8-5/4 a | 3/2-13/8 a | 7/4-15/8 a"),
                row("a(3,8) b", 1, "0-1/16 a | 3/16-1/4 a | 3/8-7/16 a | 1/2-1 b"),
                row("[a b](3,8)", 1, "0-1/8 a | 3/8-1/2 a | 3/4-7/8 b"),
                // { } polymeter
                row("{a b c, d e}", 1, "0-1/3 a | 0-1/3 d | 1/3-2/3 b | 1/3-2/3 e | 2/3-1 c | 2/3-1 d"),
                row("{a b c, d e}", 2, "0-1/3 a | 0-1/3 d | 1/3-2/3 b | 1/3-2/3 e | 2/3-1 c | 2/3-1 d"
                        + " | 1-4/3 a | 1-4/3 e | 4/3-5/3 b | 4/3-5/3 d | 5/3-2 c | 5/3-2 e"),
                row("{a b, c d e}%4", 1, "0-1/4 a | 0-1/4 c | 1/4-1/2 b | 1/4-1/2 d | 1/2-3/4 a | 1/2-3/4 e | 3/4-1 b | 3/4-1 c"),
                row("{a b c}%4", 1, "0-1/4 a | 1/4-1/2 b | 1/2-3/4 c | 3/4-1 a"),
                row("{a b}%<2 4>", 2, "0-1/2 a | 1/2-1 b | 1-5/4 a | 5/4-3/2 b | 3/2-7/4 a | 7/4-2 b"),
                // : index, numbers, note names, words
                row("bd:3 sn", 1, "0-1/2 bd:3 | 1/2-1 sn"),
                row("bd:<1 2>", 2, "0-1 bd:1 | 1-2 bd:2"),
                row("1 2.5 -3", 1, "0-1/3 1 | 1/3-2/3 2.5 | 2/3-1 -3"),
                row("c4 eb3 a#2", 1, "0-1/3 c4 | 1/3-2/3 eb3 | 2/3-1 a#2"),
                row("hh_open sn-2", 1, "0-1/2 hh_open | 1/2-1 sn-2"),
                // ? and | at random, Strudel's stream
                row("a*8?", 2, "1/8-1/4 a | 1-9/8 a | 9/8-5/4 a | 5/4-11/8 a | 3/2-13/8 a | 15/8-2 a"),
                row("a*8?0.3", 1, "1/8-1/4 a | 1/4-3/8 a | 3/8-1/2 a | 7/8-1 a"),
                row("a? b?", 8, "1-3/2 a | 2-5/2 a | 5/2-3 b | 7/2-4 b | 9/2-5 b | 6-13/2 a"), // each ? samples in its step's own time
                row("a | b | c", 6, "0-1 a | 1-2 b | 2-3 c | 3-4 a | 4-5 a | 5-6 a"),
                row("[a|b] [c|d]", 4, "0-1/2 a | 1/2-1 c | 1-3/2 b | 3/2-2 c | 2-5/2 b | 5/2-3 d | 3-7/2 a | 7/2-4 d"),
                // combined
                row("<a b>(3,8)", 2, "0-1/8 a | 3/8-1/2 a | 3/4-7/8 a | 1-9/8 b | 11/8-3/2 b | 7/4-15/8 b"),
                row("[a <b c>]*2", 2, "0-1/4 a | 1/4-1/2 b | 1/2-3/4 a | 3/4-1 c | 1-5/4 a | 5/4-3/2 b | 3/2-7/4 a | 7/4-2 c"),
                row("a [b c]@2", 1, "0-1/3 a | 1/3-2/3 b | 2/3-1 c"));
    }

    private static Arguments row(String mini, int cycles, String expected) {
        return Arguments.of(mini, cycles, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void miniNotation(String mini, int cycles, String expected) {
        assertEquals(expected, Show.onsets(Mini.parse(mini), cycles), mini);
    }

    @Test
    void theTableIsLargeEnough() {
        assertTrue(table().count() >= 60, "at least 60 rows: " + table().count());
    }

    @Test
    void theIssuesDensePatternHasItsCounts() {
        Pattern p = Mini.parse("hh*16, bd(5,8), <sn [sn sn]>");
        assertEquals(16 + 5 + 1, p.onsets(Fraction.ZERO, Fraction.ONE).size());
        assertEquals(16 + 5 + 2, p.onsets(Fraction.ONE, Fraction.of(2)).size());
    }

    @Test
    void queriesThatCutEventsSeeEachOnsetOnce() {
        Pattern p = Mini.parse("a/2 b*3 <c d>, e(3,8)");
        java.util.List<String> pieces = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            for (Hap h : p.onsets(Fraction.of(i, 8), Fraction.of(i + 1, 8))) pieces.add(h.whole() + " " + Values.show(h.value()));
        }
        java.util.List<String> whole = new java.util.ArrayList<>(java.util.List.of(Show.onsets(p, 3).split(" \\| ")));
        java.util.Collections.sort(pieces);
        java.util.Collections.sort(whole);
        assertEquals(whole, pieces);
        assertEquals("", Show.onsets(p, 1, 1), "an empty span has no onsets");
    }
}
