package dev.sonora.repl.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.sonora.repl.lang.HostFixture;

/** The JavaScript patterns API (docs/api.md, "Patterns"): names, values, refusals in one line. */
class PatternApiTest {
    private static HostFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new HostFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private static String json(String expr) throws Exception {
        return f.eval("JSON.stringify(" + expr + ")").replaceAll("^'|'$", "");
    }

    /** The REPL numbers its entries: <repl>:N. */
    private static String line(String report) {
        return report.replaceFirst("^<repl>:\\d+:", "<repl>:N:");
    }

    @Test
    void miniAndQueryGiveEventsInCycles() throws Exception {
        assertEquals("[{\"begin\":0,\"end\":0.25,\"value\":\"bd\"},{\"begin\":0.25,\"end\":0.5,\"value\":\"bd\"},{\"begin\":0.75,\"end\":1,\"value\":\"sn\"},"
                + "{\"begin\":1,\"end\":1.25,\"value\":\"bd\"},{\"begin\":1.25,\"end\":1.5,\"value\":\"bd\"},{\"begin\":1.75,\"end\":2,\"value\":\"sn\"}]",
                json("mini(\"bd*2 [~ sn]\").query(0, 2)"));
        assertEquals("[{\"begin\":0,\"end\":0.5,\"value\":1},{\"begin\":0.5,\"end\":1,\"value\":2.5}]", json("mini('1 2.5').query(0, 1)"));
        assertEquals("Pattern('bd sn')", f.eval("mini('bd sn')"));
        assertEquals("Pattern('a b'.fast(2).every(3, …))", f.eval("mini('a b').fast(2).every(3, (p) => p.rev())"));
    }

    @Test
    void sometimesByTakesAPatternedProbability() throws Exception {
        // probability 0 in even cycles, 1 in odd ones: f on none, then on all, whatever the random stream
        assertEquals("[null,null,null,null,2,2,2,2,null,null,null,null,2,2,2,2]",
                json("s('hh*4').sometimesBy('<0 1>', (p) => p.speed(2)).query(0, 4).map((e) => e.value.speed ?? null)"));
        // a constant pattern is the number: the same events, the same ones changed
        assertEquals(json("s('hh*8').sometimesBy(0.3, (p) => p.speed(2)).query(0, 8)"),
                json("s('hh*8').sometimesBy(mini('0.3'), (p) => p.speed(2)).query(0, 8)"));
        assertTrue(f.error("s('hh').sometimesBy('<0 1>', 3)").contains("sometimesBy"));
    }

    @Test
    void aBadStringIsRefusedWithItsColumn() throws Exception {
        assertEquals("<repl>:N: mini: \"bd*2 [~ sn\": unclosed '[' at column 6", line(f.error("mini(\"bd*2 [~ sn\")")));
        assertEquals("<repl>:N: mini: \"a b)\": unexpected ')' at column 4", line(f.error("s('a b)')")));
        assertTrue(f.error("mini(3)").contains("mini: a string of mini-notation"));
    }

    @Test
    void aFactorThatWouldAskForMillionsOfCyclesIsOneLineNotAFrozenLangThread() throws Exception {
        // once: the Lang thread built 4 million events for one step, past any step timeout (Java, not JS)
        String why = "a pattern was asked for 4000000 cycles at once \\(at most 10000\\): is a fast\\(\\), ply\\(\\) or segment\\(\\) factor too large\\?";
        assertTrue(line(f.error("pat('typo', s('bd*4').fast(1e6))")).matches("<repl>:N: pat 'typo': " + why), f.error("pat('typo', s('bd*4').fast(1e6))"));
        assertTrue(line(f.error("s('bd').ply(1e6).query(0, 0.5)")).matches("<repl>:N: .*" + "a pattern was asked for .* cycles at once .*"));
        assertEquals("1000", f.eval("s('bd').fast(1e5).query(0, 0.01).length"), "a large factor over a short span is fine");
        assertEquals("[]", json("pats()"), "the refused pattern does not play");
    }

    @Test
    void controlsAsPatterns() throws Exception {
        assertEquals("[{\"s\":\"bd\",\"n\":3,\"gain\":0.6},{\"s\":\"sn\",\"gain\":0.9}]",
                json("s('bd:3 sn').gain('0.6 0.9').query(0, 1).map((e) => e.value)"));
        assertEquals("[{\"note\":36,\"def\":\"bass\",\"cutoff\":800},{\"note\":39,\"def\":\"bass\",\"cutoff\":800},{\"note\":43,\"def\":\"bass\",\"cutoff\":800},"
                + "{\"note\":36,\"def\":\"bass\",\"cutoff\":800},{\"note\":39,\"def\":\"bass\",\"cutoff\":800},{\"note\":46,\"def\":\"bass\",\"cutoff\":800}]",
                json("note('0 3 <7 10>').add(36).def('bass').set({cutoff: 800}).query(0, 2).map((e) => e.value)"));
        assertEquals("[48,51,55]", json("n('0 2 4').scale('C:minor').query(0, 1).map((e) => e.value.note)"));
        assertEquals("[-1,1]", json("s('hh*4').pan(sig.square.range(-1, 1)).query(0, 1).map((e) => e.value.pan).filter((x, i) => i % 2 == 0)"));
        assertEquals("[\"hh\"]", json("s('hh').set({res: '0.1 0.5'}).query(0, 1).map((e) => e.value.s)"), "structure from the left");
        assertEquals("[0.1,0.5]", json("s('hh*2').set({res: '0.1 0.5'}).query(0, 1).map((e) => e.value.res)"));
    }

    @Test
    void functionsAndCombinators() throws Exception {
        assertEquals("[\"a\",\"c\",\"b\",\"c\"]", json("cat('a', 'b').stack('c').query(0, 2).map((e) => e.value)"));
        assertEquals("[\"a\",\"b\",\"c\"]", json("seq('a', ['b', 'c']).query(0, 1).map((e) => e.value)"));
        assertEquals("[0,7,3,10]", json("mini('0 3').off(0.25, (p) => p.add(7)).query(0, 1).map((e) => e.value)"));
        assertEquals("[-1,1,-1]", json("s('a b').jux((p) => p.slow(2)).query(0, 1).map((e) => e.value.pan)"));
        assertEquals(8, Integer.parseInt(f.eval("mini('a*8').sometimesBy(0.5, (p) => p.fast(1)).query(0, 1).length")));
        assertEquals("[\"a\",\"a\",\"a\"]", json("mini('a').euclid(3, 8).query(0, 1).map((e) => e.value)"));
        assertEquals("<repl>:N: every: the last argument is a function of a pattern, like .every(4, (p) => p.fast(2)); got 2",
                line(f.error("mini('a').every(4, 2)")));
        assertEquals("<repl>:N: off: the function must return a pattern; it returned 1", line(f.error("mini('a').off(0.25, (p) => 1)")));
        assertEquals("'function'", f.eval("typeof sine"), "the unit generator keeps its name; the signal is sig.sine");
        assertEquals("'object'", f.eval("typeof sig.sine"));
    }

    @Test
    void patPatsStopCycle() throws Exception {
        f.eval("def('pclick', ({amp = 0.3}) => impulse(0.0001).mul(line(1, 1, 0.002, 1)).mul(amp))");
        f.eval("pat('p1', note('0*4').def('pclick')); pat('p2', 'bd sn')");
        assertEquals("[ 'p1', 'p2' ]", f.eval("pats()"));
        assertEquals("true", f.eval("stop('p1')"));
        assertEquals("[ 'p2' ]", f.eval("pats()"));
        assertEquals("4", f.eval("cycle()"));
        assertEquals("3", f.eval("cycle(3)"));
        assertEquals("3", f.eval("cycle()"));
        f.eval("cycle(4); stop()");
        assertEquals("[]", f.eval("pats()"));
        assertEquals("<repl>:N: pat 'x': add: expected a number, got bd", line(f.error("pat('x', mini('bd').add(1))")),
                "a pattern that throws at once is refused at once");
        assertEquals("[]", f.eval("pats()"));
        assertTrue(f.error("cycle(0)").contains("cycle: beats per cycle"));
        assertTrue(f.error("pat('x')").contains("what to play?"));
    }

    @Test
    void aNoteWhoseLegatoIsRefusedIsNeverStarted() throws Exception {
        // the note was started, then its legato refused: no release was scheduled and it held for ever
        f.eval("hush(); def('held', ({freq = 220, amp = 0.01, gate = 1}) => saw(freq).mul(adsr(0.01, 0.1, 0.7, 0.1, gate)).mul(amp))");
        f.err.clear();
        f.eval("pat('leg', note('48 52').def('held').legato('1 x')); pat('neg', note('60').def('held').legato(-1))");
        f.advance(6000); // two cycles at 120 bpm
        f.eval("stop('leg'); stop('neg')");
        f.advance(1000);
        assertEquals("0", f.eval("status().synths"), "every note started was released");
        assertTrue(f.err.stream().anyMatch(l -> l.matches("<repl>:\\d+: pat 'leg': legato is string 'x', not a number \\(its other events play on\\)")), f.err.toString());
        assertTrue(f.err.stream().anyMatch(l -> l.contains("pat 'neg'") && l.contains("legato is -1: it must be above 0")), f.err.toString());
    }

    @Test
    void aPatternFarTooDenseToPlayIsStoppedInOneLine() throws Exception {
        // 26 667 events a second held the Lang thread for good: the performer's hush() never ran
        f.err.clear();
        f.eval("tempo(1000); cycle(0.01); pat('dense', s('hh*16'))");
        f.advance(50);
        assertEquals("[]", f.eval("pats()"));
        assertTrue(f.err.stream().anyMatch(l -> l.matches("<repl>:\\d+: pat 'dense': 26667 events a second, more than the 2000 a pattern may play .*: it was stopped")),
                f.err.toString());
        f.eval("tempo(120); cycle(4)");
    }
}
