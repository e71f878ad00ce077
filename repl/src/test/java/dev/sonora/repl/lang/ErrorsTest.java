package dev.sonora.repl.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every user mistake becomes one line "file:line: reason", and the server keeps going. */
class ErrorsTest {
    static HostFixture f;

    @BeforeAll
    static void up() throws Exception {
        f = new HostFixture();
        f.eval("def('ok', ({freq = 440, amp = 0.1}) => sine(freq).mul(amp))");
    }

    @AfterAll
    static void down() throws Exception {
        f.close();
    }

    private static void assertReport(String regex, String actual) {
        assertTrue(actual.matches(regex), "expected /" + regex + "/ but got: " + actual);
        assertTrue(!actual.contains("\n"), "one line: " + actual);
    }

    @Test
    void syntaxError() throws Exception {
        assertReport("<repl>:\\d+: SyntaxError: .*", f.error("1 +* 2"));
    }

    @Test
    void runtimeErrorNamesTheSessionLine() throws Exception {
        f.eval("1");
        f.eval("2\n3");
        String e = f.error("\n\nnoSuchThing()");
        String[] parts = e.split(":");
        int line = Integer.parseInt(parts[1]);
        // the error is on the third line of this entry, after at least the three lines above
        assertTrue(line >= 6, e);
        assertReport("<repl>:\\d+: ReferenceError: noSuchThing is not defined", e);
    }

    @Test
    void anExpressionNestedThousandsDeepIsSaidToBeThatNotOutOfMemory() throws Exception {
        String deep = "(".repeat(20000) + "1" + ")".repeat(20000);
        assertReport("<repl>:\\d+: nested too deeply: the engine's stack overflowed reading or running it and it was stopped;"
                + " the music plays on \\(split it into smaller parts\\)", f.error("const x = " + deep));
        assertEquals("2", f.eval("1 + 1"), "the session goes on");
    }

    @Test
    void unknownSynth() throws Exception {
        assertReport("<repl>:\\d+: unknown synth 'nope' \\(defined: .*ok.*\\)", f.error("synth('nope')"));
    }

    @Test
    void badControlName() throws Exception {
        assertReport("<repl>:\\d+: synth 'ok': no control 'frq' \\(controls: freq, amp\\)", f.error("synth('ok', {frq: 1})"));
        f.eval("const k = synth('ok')");
        assertReport("<repl>:\\d+: set Node\\(\\d+ 'ok'\\): no control 'cutof' \\(controls: freq, amp\\)",
                f.error("k.set({cutof: 1})"));
        assertReport("<repl>:\\d+: synth 'ok': freq is string 'high', not a finite number", f.error("synth('ok', {freq: 'high'})"));
        // the messages a note's path builds only when something is wrong
        assertReport("<repl>:\\d+: synth 'ok': freq: 1e\\+300 is out of range \\(controls are 32-bit floats, within ±3.4e\\+38\\)",
                f.error("synth('ok', {freq: 1e300})"));
        assertReport("<repl>:\\d+: set Node\\(\\d+ 'ok'\\): amp is Infinity, not a finite number", f.error("k.set({amp: Infinity})"));
        assertReport("<repl>:\\d+: synth 'ok': say where with a group or .*got 5", f.error("synth('ok', {}, 5)"));
        assertReport("<repl>:\\d+: synth 'ok': expected a node or group, got 3", f.error("synth('ok', {}, {after: 3})"));
        // nothing to set is not a mistake (it was an internal error once)
        org.junit.jupiter.api.Assertions.assertEquals("true", f.eval("k.set() === k && k.set(null) === k && k.set({}) === k"));
        f.eval("k.free()");
    }

    @Test
    void aMoveRelativeToItselfIsOneCatchableLineAndAGroupIntoItsOwnSubtreeIsNamedAsAGroup() throws Exception {
        f.eval("const mm = synth('ok')");
        // it once came a moment later, with no line and uncatchable, calling the synth a group
        assertReport("<repl>:\\d+: move: Node\\(\\d+ 'ok'\\) cannot be placed relative to itself", f.error("mm.moveAfter(mm)"));
        f.eval("const pg = group(); const cg = group(pg); pg.moveToTail(cg)");
        f.advance(2);
        assertTrue(f.err.stream().anyMatch(l -> l.matches("server: move: cannot move group \\d+ into itself or a group inside it \\(target \\d+\\)")),
                f.err.toString());
        assertEquals("true", f.eval("mm.playing && pg.playing && cg.playing"), "nothing moved, everything plays");
        f.eval("mm.free(); pg.free()");
    }

    @Test
    void aBusNumberOutsideTheServersBusesIsRefusedAtDefTime() throws Exception {
        // the audio thread drops such a write or read without a word: the def says so instead
        assertReport("<repl>:\\d+: out: no audio bus 99999 \\(0 to 127\\)", f.error("def('b1', () => sine(1).out(99999))"));
        assertReport("<repl>:\\d+: out: no audio bus -1 \\(0 to 127\\)", f.error("def('b2', () => out(-1, sine(1)))"));
        assertReport("<repl>:\\d+: out: a bus is a whole number from 0 to 127 \\(or a bus from bus.audio\\(\\)\\), got 2.5",
                f.error("def('b3', () => sine(1).out(2.5))"));
        assertReport("<repl>:\\d+: in: no audio bus 1000000000 \\(0 to 127\\)", f.error("def('b4', () => in(1e9))"));
        assertReport("<repl>:\\d+: out: no audio bus 200 \\(0 to 127\\)", f.error("def('b5', () => out(200, sine(1), sine(2)))"));
        f.eval("def('b6', () => sine(1).out(16)); def('b7', () => in(127).mul(0.5))"); // in range: fine
    }

    @Test
    void moreChannelsThanABusHasAreRefusedAndAControlBusIsAnOutput() throws Exception {
        // the third channel spilled into the next bus, someone else's
        f.eval("const two = bus.audio(2), one = bus.audio(1), lfo = bus.control()");
        assertReport("<repl>:\\d+: out: Bus\\(audio \\d+, 2 ch\\) has 2 channels, got 3",
                f.error("def('c1', () => { out(two, sine(1), sine(2), sine(3)) })"));
        assertReport("<repl>:\\d+: out: Bus\\(audio \\d+\\) has 1 channel, got 2", f.error("def('c2', () => { saw(1).pan(0).out(one) })"));
        // sig.out(b, x) wrote sig alone and dropped x
        assertReport("<repl>:\\d+: out: sig.out\\(bus\\) writes this signal; to write several, out\\(bus, a, b, ...\\)",
                f.error("def('c3', () => { sine(1).out(two, sine(2)) })"));
        // a def that only writes a control bus was refused as "returned nothing"
        f.eval("def('c4', () => { sine(1).out(lfo) }); def('c5', () => { out(two, sine(1), sine(2)); sine(1).pan(0).out(two) })");
    }

    @Test
    void defMistakesAreReportedAtDefTime() throws Exception {
        assertReport("<repl>:\\d+: sine: freq is NaN, not a finite number", f.error("def('d1', () => sine(NaN))"));
        assertReport("<repl>:\\d+: TypeError: sine: freq must be a number or a signal, got string '440'",
                f.error("def('d2', () => sine('440'))"));
        assertReport("<repl>:\\d+: arithmetic operators do not work on signals: write freq.mul\\(2\\).*",
                f.error("def('d3', ({freq = 1}) => sine(freq * 2))"));
        assertReport("<repl>:\\d+: saw takes 1 input \\(freq\\), got 2", f.error("def('d4', () => saw(1, 2))"));
        assertReport("<repl>:\\d+: def 'd5': the function returned nothing.*", f.error("def('d5', () => { sine(1) })"));
        assertReport("<repl>:\\d+: def 'd6': the second argument is a function.*", f.error("def('d6', 42)"));
        assertReport("<repl>:\\d+: def 'd7': control 'x: \\{a\\}' is not a plain name.*", f.error("def('d7', ({x: {a}}) => sine(a))"));
        assertReport("<repl>:\\d+: def 'd8': control 'freq' default is string 'x', not a finite number",
                f.error("def('d8', ({freq = 'x'}) => sine(freq))"));
        assertReport("<repl>:\\d+: def 'd9': control defaults must be values known outside the def.*",
                f.error("(() => { const local = 3; def('d9', ({freq = local}) => sine(freq)) })()"));
        assertReport("<repl>:\\d+: mul: input 'b' is required", f.error("def('d10', () => mul(sine(1)))"));
        assertReport("<repl>:\\d+: sine\\(\\) makes a signal for a synth.*", f.error("sine(440)"));
    }

    @Test
    void defMistakeInAFileNamesTheFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad-def.js");
        Files.writeString(file, "// a def with a mistake on line 3\ndef('bad', ({freq = 1}) =>\n  saw(freq).mul(sine(NaN)))\n");
        String e = f.error("load('" + file + "')");
        assertReport(".*bad-def.js:3: sine: freq is NaN, not a finite number", e);
    }

    @Test
    void nestedLoadReportsTheInnerFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("outer.js"), "var outerRan = true\nload('inner.js')\n");
        Files.writeString(dir.resolve("inner.js"), "var innerRan = true\n\nundefinedFunction()\n");
        String e = f.error("load('" + dir.resolve("outer.js") + "')");
        assertReport(".*inner.js:3: ReferenceError: undefinedFunction is not defined", e);
        assertEquals("true", f.eval("outerRan && innerRan"));
        Files.writeString(dir.resolve("syntax.js"), "var a = 1\nvar b = (\n");
        assertReport(".*syntax.js:\\d: SyntaxError: .*", f.error("load('" + dir.resolve("syntax.js") + "')"));
    }

    @Test
    void missingFileForLoad() throws Exception {
        assertReport("<repl>:\\d+: load: no file 'missing.js' \\(looked for .*missing.js\\)", f.error("load('missing.js')"));
        assertReport("<repl>:\\d+: watch: no file 'missing.js'.*", f.error("watch('missing.js')"));
    }

    @Test
    void namesOfLaterIssuesAreReserved() throws Exception {
        // MIDI (issue #7) is here: a missing input is one line naming what there is
        assertReport("<repl>:\\d+: midi.open\\('no-such-input-xyz'\\): no MIDI input by that name \\(.*\\)", f.error("midi.open('no-such-input-xyz')"));
        for (String n : new String[] {"at", "now", "stop", "latency", "buffer", "samples", "record", "stopRecording"}) {
            assertEquals("'function'", f.eval("typeof " + n), n);
        }
    }

    @Test
    void everyUnitTheApiNamesIsAFunctionAndAMethod() throws Exception {
        // docs/api.md, "Unit generators": each unit is a function; one with inputs is also a method on a signal
        for (String u : new String[] {"sine", "saw", "pulse", "tri", "noise", "pink", "impulse", "playbuf", "adsr", "perc", "line",
            "mix", "In", "out", "diskin"}) {
            assertEquals("'function'", f.eval("typeof " + u), u);
        }
        f.eval("var missing = []; def('all_methods', () => { const s = saw(1); for (const m of ['lpf', 'hpf', 'rlpf', 'rhpf', 'bpf',"
                + " 'moog', 'delay', 'reverb', 'limit', 'mul', 'add', 'sub', 'div', 'range', 'clip', 'tanh', 'pan', 'out', 'channel'])"
                + " if (typeof s[m] !== 'function') missing.push(m); return s })");
        assertEquals("[]", f.eval("missing"));
    }

    @Test
    void aHeavyDefIsAcceptedWithOneWarningLineAndALightOneWithNone() throws Exception {
        f.err.clear();
        // chained filters: nothing folds them away (a chain of .mul(k) on a sine would be folded)
        String r = f.eval("def('big', () => { let s = saw(110); for (let i = 0; i < 10000; i++) s = s.lpf(1000); return s })");
        assertTrue(r.contains("big"), "the def is still made: " + r);
        assertEquals(1, f.err.size(), f.err.toString());
        assertReport("def 'big': one synth of it would take about \\d+% of an audio block \\(10002 units\\); live, .*: simplify it.*",
                f.err.get(0));
        f.err.clear();
        f.eval("def('bass', ({freq = 110, amp = 0.3, cutoff = 1200, gate = 1}) =>\n"
                + "  saw(freq).rlpf(cutoff, 0.3).mul(adsr(0.01, 0.2, 0.6, 0.4, gate)).mul(amp).pan(0))");
        assertEquals(0, f.err.size(), f.err.toString());
        // play of a heavy graph warns too, once for the same graph however often it is played
        f.eval("const heavy = () => { let s = saw(110); for (let i = 0; i < 300; i++) s = s.moog(1000); return s }");
        f.eval("play(heavy).free(); play(heavy).free()");
        assertEquals(1, f.err.size(), f.err.toString());
        assertReport("play: one synth of it would take about \\d+% of an audio block.*", f.err.get(0));
        f.advance(1);
    }

    @Test
    void errorInACallbackIsReportedAndTheMusicGoesOn() throws Exception {
        f.err.clear();
        f.eval("def('blip', () => sine(880).mul(perc(0.001, 0.01)).mul(0.1))");
        f.eval("const blip = synth('blip');\nblip.onEnd(() => { throw new Error('callback broke') })");
        f.eval("const steady = synth('ok')");
        f.advance(60);
        assertTrue(f.err.stream().anyMatch(s -> s.matches("<repl>:\\d+: callback broke \\(in an onEnd callback\\)")), f.err.toString());
        assertEquals("true", f.eval("steady.playing"));
        f.eval("steady.free()");
    }

    @Test
    void freeingOrReleasingWhatHasEndedSaysNothing() throws Exception {
        // a double free before the audio thread ended the node was refused there a moment later
        // ("server: free: node N has already ended", failing a render); a free after the Lang thread
        // heard of the end threw, stopping the loop step that freed a note which had ended by itself
        f.err.clear();
        f.eval("def('tick', () => sine(880).mul(perc(0.001, 0.01)).mul(0.1))");
        f.eval("const twice = synth('ok'); twice.free(); twice.free(); twice.release(); twice.pause(); twice.resume()");
        f.advance(20);
        f.eval("twice.free(); twice.release(); twice.pause(); const tick = synth('tick')");
        f.advance(60);
        assertEquals("false", f.eval("tick.playing"), "it ended by itself");
        assertEquals("'done'", f.eval("tick.release(); tick.free(); 'done'"));
        f.advance(2);
        assertEquals(List.of(), f.err);
    }

    @Test
    void serverErrorsOnEndedNodes() throws Exception {
        f.eval("const gone = synth('ok'); gone.free()");
        f.advance(2);
        assertReport("<repl>:\\d+: set: Node\\(\\d+ 'ok'\\) has already ended",
                f.error("gone.set({freq: 1})"));
    }
}
