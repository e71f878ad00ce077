package dev.sonora.repl.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The prelude's API against a server rendered offline: defs, controls, nodes, groups, printing. */
class ApiTest {
    static HostFixture f;

    @BeforeAll
    static void up() throws Exception {
        f = new HostFixture();
    }

    @AfterAll
    static void down() throws Exception {
        f.close();
    }

    @Test
    void resultsPrintLikeAConsole() throws Exception {
        assertEquals("2", f.eval("1+1"));
        assertEquals("'abc'", f.eval("'abc'"));
        assertEquals("[ 1, 'x', { a: true } ]", f.eval("[1, 'x', {a: true}]"));
        assertNull(f.eval("undefined"));
        assertEquals("[Function: lpfLike]", f.eval("function lpfLike() {}; lpfLike"));
    }

    @Test
    void controlsComeFromTheDestructuringPattern() throws Exception {
        assertEquals("Def('ctl', freq = 110, amp = 0.3, cutoff = 1200, gate = 1)",
                f.eval("def('ctl', ({freq = 110, amp = 0.3, cutoff = 1000 + 200, gate = 1}) =>\n"
                        + "  saw(freq).mul(adsr(0.01, 0.2, 0.6, 0.4, gate)).mul(amp).pan(0))"));
        assertEquals("[ 'freq', 'amp', 'cutoff', 'gate' ]", f.eval("def('ctl2', ({freq = 110, amp = 0.3, cutoff = 1200, gate = 1}) => saw(freq).mul(amp)).controls"));
        // renamed and default-less controls, and a plain parameter read as c.name
        assertEquals("Def('ren', freq = 220, amp = 0)", f.eval("def('ren', ({freq: f = 220, amp}) => sine(f).mul(amp))"));
        assertEquals("Def('prox', freq = 0, amp = 0)", f.eval("def('prox', (c) => sine(c.freq).mul(c.amp))"));
    }

    @Test
    void aHandleKeepsItsNodeToItselfAndPlacesTakeAnyPlainObject() throws Exception {
        f.eval("def('hid', ({freq = 440, amp = 0.1}) => sine(freq).mul(amp))");
        f.eval("const h = synth('hid', {freq: 220})");
        assertEquals("[]", f.eval("Object.keys(h)"), "nothing of the server's shows on a handle");
        assertEquals("true", f.eval("h.__ref = 5; h.__ref !== 5 && h.playing"), "its node cannot be swapped");
        assertEquals("true", f.eval("h instanceof Object && String(h).startsWith('Node(')"));
        // controls and places need not inherit from Object.prototype: only their own keys count
        f.eval("const c = Object.create(null); c.freq = 330; const w = Object.create(null); w.tail = defaultGroup()");
        assertTrue(f.eval("synth('hid', c, w)").matches("Node\\(\\d+ 'hid'\\)"));
        assertTrue(f.eval("synth('hid', {freq: 300}, {before: h})").matches("Node\\(\\d+ 'hid'\\)"));
        assertTrue(f.eval("synth('hid', undefined, defaultGroup())").matches("Node\\(\\d+ 'hid'\\)"));
    }

    @Test
    void nodesPlayAndPrintAndEnd() throws Exception {
        f.eval("def('beep', ({freq = 440, amp = 0.2, gate = 1}) => sine(freq).mul(adsr(0.001, 0.01, 1, 0.01, gate)).mul(amp))");
        String shown = f.eval("const b = synth('beep', {freq: 330}); b");
        assertTrue(shown.matches("Node\\(\\d+ 'beep'\\)"), shown);
        f.advance(10);
        assertEquals("true", f.eval("b.playing"));
        f.eval("b.onEnd((n) => console.log('ended ' + n.id))");
        f.eval("b.set({freq: 440, amp: 0.1}); b.release()");
        f.advance(40);
        assertEquals("false", f.eval("b.playing"));
        assertTrue(f.out.contains("ended " + f.eval("b.id")), f.out.toString());
        float peak = 0;
        for (int i = 0; i < f.audio.frames(); i++) peak = Math.max(peak, Math.abs(f.audio.left()[i]));
        assertTrue(peak > 0.01f, "the synth made sound: " + peak);
    }

    @Test
    void aResultOfMoreThanTwoChannelsIsFoldedOntoLeftAndRight() throws Exception {
        // docs/api.md, def: channels 1, 3, 5 … sum on the left, 2, 4, 6 … on the right
        f.eval("hush()"); // alone on the output: what other tests left playing goes
        f.advance(2);
        f.eval("const five = play(() => [1, 2, 4, 8, 16].map((k) => sine(0).add(k / 100)))");
        f.advance(4);
        int last = f.audio.frames() - 1;
        assertEquals(0.21f, f.audio.left()[last], 1e-5f, "0.01 + 0.04 + 0.16");
        assertEquals(0.10f, f.audio.right()[last], 1e-5f, "0.02 + 0.08");
        f.eval("five.free()");
        f.advance(2);
    }

    @Test
    void hushLeavesTheServerAbleToPlayAndTheDefaultGroupCannotBeReplaced() throws Exception {
        // a paused default group kept everything after the panic silent
        f.eval("defaultGroup().pause(); hush()");
        f.advance(2);
        f.eval("const after = play(() => sine(0).add(0.25))");
        f.advance(4);
        assertEquals(0.25f, f.audio.left()[f.audio.frames() - 1], 1e-6f, "heard after the hush");
        f.eval("after.free()");
        // replacing the default group was accepted, then refused a moment later without a place
        String e = f.error("play(() => sine(440).mul(0.01), {}, {replace: defaultGroup()})");
        assertTrue(e.matches("<repl>:\\d+: .*the default group cannot be replaced.*"), e);
        assertTrue(f.error("group({replace: defaultGroup()})").contains("the default group cannot be replaced"));
        f.advance(2);
    }

    @Test
    void groupsAndOrdering() throws Exception {
        f.eval("def('g1', () => sine(220).mul(0.01))");
        String g = f.eval("const grp = group(); grp");
        assertTrue(g.matches("Group\\(\\d+\\)"), g);
        f.eval("const a = synth('g1', {}, grp); const c = synth('g1', {}, {after: a})");
        f.eval("c.moveBefore(a); a.moveToTail(grp)");
        f.advance(2);
        assertEquals("true", f.eval("a.playing && c.playing"));
        f.eval("grp.freeAll()");
        f.advance(2);
        assertEquals("false", f.eval("a.playing || c.playing"));
        assertEquals("true", f.eval("grp.playing"));
        String e = f.error("synth('g1', {}, a)");
        assertTrue(e.contains("say where"), e);
    }

    /** Parallel groups (issue 14): the option alone, with a placement, inside a group; wrong options in one line. */
    @Test
    void parallelGroups() throws Exception {
        f.eval("def('pg', ({freq = 220}) => sine(freq).mul(0.05))");
        String p = f.eval("const par = group({parallel: true}); par");
        assertTrue(p.matches("Group\\(\\d+ parallel\\)"), p);
        String q = f.eval("const half = group({tail: par}); const inner = par.group({parallel: true}); inner");
        assertTrue(q.matches("Group\\(\\d+ parallel\\)"), q);
        assertTrue(f.eval("group({parallel: false, after: par})").matches("Group\\(\\d+\\)"));
        f.eval("const v1 = half.synth('pg', {freq: 330}); const v2 = synth('pg', {freq: 440}, {tail: par})");
        int before = f.audio.frames();
        f.advance(50);
        float peak = 0;
        for (int i = before; i < f.audio.frames(); i++) peak = Math.max(peak, Math.abs(f.audio.left()[i]));
        assertTrue(peak > 0.05, "the parallel group's children sound: " + peak);
        assertTrue(f.error("group({paralel: true})").contains("group: unknown option 'paralel'"));
        assertTrue(f.error("group({parallel: 'yes'})").contains("group: parallel is true or false, got string 'yes'"));
        f.eval("par.free()");
        f.advance(2);
        assertEquals("false", f.eval("v1.playing || v2.playing"));
    }

    @Test
    void playAndHushAndStatus() throws Exception {
        String n = f.eval("const p = play(() => saw(110).mul(0.05)); p");
        assertTrue(n.matches("Node\\(\\d+ 'play'\\)"), n);
        f.advance(2);
        assertTrue(f.eval("status().synths").matches("[1-9]\\d*"));
        f.eval("hush()");
        f.advance(2);
        assertEquals("0", f.eval("status().synths"));
        String s = f.eval("Object.keys(status()).join()");
        assertTrue(s.contains("cpu,peakCpu,peak,nodes,synths,late,xruns,rtAllocBytes"), s);
    }

    @Test
    void topLevelConstCanBeEvaluatedAgain() throws Exception {
        f.eval("const again = 1");
        f.eval("const again = 2");
        assertEquals("2", f.eval("again"));
    }

    @Test
    void busesAndHelpers() throws Exception {
        assertEquals("Bus(audio 16, 2 ch)", f.eval("bus.audio(2)"));
        assertEquals("440", f.eval("midicps(69)"));
        assertEquals("0.5", f.eval("linlin(5, 0, 10, 0, 1)"));
        assertEquals("1000", f.eval("Math.round(linexp(1, 0, 1, 10, 1000))"));
        assertEquals("true", f.eval("Math.abs(dbamp(-6) - 0.501) < 0.001"));
        assertEquals("true", f.eval("[1, 2].includes(choose([1, 2]))"));
        assertEquals("true", f.eval("const r = rand(2, 3); r >= 2 && r < 3"));
    }

    @Test
    void busesEffectsAndStereo() throws Exception {
        // a send to a private bus, read back by an effect synth placed after it
        f.eval("const fxBus = bus.audio(1); const srcs = group(); const fxs = group({after: srcs})");
        f.eval("def('src', ({out = 0}) => sine(330).mul(0.2).out(out))");
        f.eval("def('fx', ({inBus = 0}) => in(inBus).delay(0.01, 0.3).reverb(0.3, 0.5))");
        f.eval("def('wide', () => [sine(200).mul(0.1), saw(300).lpf(800).mul(0.1)])");
        f.eval("synth('fx', {inBus: fxBus}, fxs); synth('src', {out: fxBus}, srcs); const w = synth('wide')");
        int before = f.audio.frames();
        f.advance(200);
        float l = 0;
        float r = 0;
        for (int i = before; i < f.audio.frames(); i++) {
            l = Math.max(l, Math.abs(f.audio.left()[i]));
            r = Math.max(r, Math.abs(f.audio.right()[i]));
        }
        assertTrue(l > 0.05 && r > 0.05, "both channels sound: " + l + " " + r);
        f.eval("hush()");
        f.advance(2);
    }

    @Test
    void consoleLogPrints() throws Exception {
        f.out.clear();
        assertNull(f.eval("console.log('hello', 1, [2])"));
        assertEquals("hello 1 [ 2 ]", f.out.get(0));
    }

    @Test
    void helpPrintsATour() throws Exception {
        f.out.clear();
        f.eval("help()");
        assertTrue(f.out.get(0).startsWith("Sonora:"), f.out.toString());
        f.eval("help('units')");
        assertTrue(f.out.get(1).contains("sine"), f.out.toString());
        assertTrue(f.error("help('nope')").contains("help: no topic 'nope'"));
    }

    @Test
    void completionKnowsTheApiAndMethods() throws Exception {
        var names = f.lang.submit(() -> f.host.completionNames()).get();
        for (String n : new String[] {"def", "synth", "play", "hush", "sine", "saw", "midicps", "tempo", ".mul", ".pan", ".release"}) {
            assertTrue(names.contains(n), n + " in " + names);
        }
        assertFalse(names.contains("__show"));
    }
}
