package dev.sonora.repl.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sonora.repl.lang.HostFixture;

/**
 * Live edits in virtual time (the offline driver, the Lang loop ticking the clock each
 * block): redefining a loop keeps its grid, a throwing body is reported once and replaced by
 * the last good one, bad arguments give one line.
 */
class LoopEditTest {
    private static final double SPB = Clicks.samplesPerBeat(137);
    private HostFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new HostFixture();
        fx.lang.virtualTime(true);
        fx.eval("tempo(137); def('click', ({amp = 0.3}) => impulse(0.0001).mul(line(1, 1, 0.002, 1)).mul(amp))");
    }

    @AfterEach
    void end() throws Exception {
        fx.close();
    }

    /** Renders up to {@code beat} (block by block, as a render does). */
    private void advanceTo(double beat) throws Exception {
        fx.advanceToBeat(beat, SPB);
    }

    private List<Integer> onsets() {
        return Clicks.onsets(fx.audio.left(), fx.audio.frames(), 0.1);
    }

    private float level(int onset) {
        return fx.audio.left()[onset];
    }

    @Test
    void redefiningALoopSwapsItsBodyAtTheNextCycleOnTheSameGrid() throws Exception {
        fx.eval("loop('k', 1, () => synth('click', {amp: 0.3}))");
        advanceTo(3.3);
        fx.eval("loop('k', 1, () => synth('click', {amp: 0.6}))");
        advanceTo(6.1);
        fx.eval("loop('k', 0.5, () => synth('click', {amp: 0.45}))");
        advanceTo(9.9);
        TreeSet<Long> ideal = new TreeSet<>();
        for (int b = 0; b <= 9; b++) ideal.add(Math.round(b * SPB));
        for (double b = 7.5; b < 9.9; b += 1) ideal.add(Math.round(b * SPB));
        List<Integer> on = onsets();
        assertNull(Clicks.compare(ideal, on));
        for (int i = 0; i < on.size(); i++) {
            double beat = on.get(i) / SPB;
            float want = beat < 3.5 ? 0.3f : beat < 6.5 ? 0.6f : 0.45f;
            assertEquals(want, level(on.get(i)), 1e-4, "click at beat " + beat);
        }
        assertEquals(List.of(), fx.err);
    }

    @Test
    void aNewPeriodPutsTheLoopOnItsOwnGridInStepWithTheOtherLoopsOfThatPeriod() throws Exception {
        fx.eval("loop('k', 1, () => synth('click', {amp: 0.3})); loop('other', 0.75, () => {})");
        advanceTo(3.3);
        fx.eval("loop('k', 0.75, () => synth('click', {amp: 0.6}))"); // takes over at the boundary, beat 4
        advanceTo(6.9);
        TreeSet<Long> ideal = new TreeSet<>();
        for (int b = 0; b <= 3; b++) ideal.add(Math.round(b * SPB));
        for (double b = 4.5; b < 6.9; b += 0.75) ideal.add(Math.round(b * SPB)); // 4.5, 5.25, 6: multiples of 0.75
        assertNull(Clicks.compare(ideal, onsets()));
        assertEquals(List.of(), fx.err);
    }

    @Test
    void redefiningAGeneratorLoopSwapsAtTheEndOfItsPass() throws Exception {
        fx.eval("loop('g', function* () { synth('click', {amp: 0.3}); yield 0.5; synth('click', {amp: 0.3}); yield 1.5 })");
        advanceTo(2.7); // inside the second pass (beats 2..4)
        fx.eval("loop('g', function* () { for (let i = 0; i < 4; i++) { synth('click', {amp: 0.5}); yield 0.25 } })");
        advanceTo(6.9);
        TreeSet<Long> ideal = new TreeSet<>();
        for (double b : new double[] {0, 0.5, 2, 2.5}) ideal.add(Math.round(b * SPB));
        for (double b = 4; b < 6.9; b += 0.25) ideal.add(Math.round(b * SPB));
        List<Integer> on = onsets();
        assertNull(Clicks.compare(ideal, on));
        for (int o : on) assertEquals(o / SPB < 3 ? 0.3f : 0.5f, level(o), 1e-4, "click at beat " + o / SPB);
    }

    @Test
    void aBodyThatThrowsIsReportedOnceAndTheLastGoodOneCarriesOn() throws Exception {
        fx.eval("loop('k', 1, () => synth('click', {amp: 0.3}))");
        advanceTo(2.5);
        fx.eval("\n\nloop('k', 1, (b) => {\n  boom(b)\n})"); // REPL lines 3..6: boom is on line 6
        advanceTo(8.5);
        TreeSet<Long> ideal = new TreeSet<>();
        for (int b = 0; b <= 8; b++) ideal.add(Math.round(b * SPB));
        List<Integer> on = onsets();
        assertNull(Clicks.compare(ideal, on), "the loop kept playing its old body on the grid");
        for (int o : on) assertEquals(0.3f, level(o), 1e-4);
        assertEquals(1, fx.err.size(), fx.err.toString());
        assertEquals("<repl>:6: ReferenceError: boom is not defined (loop 'k' went back to its previous body)", fx.err.get(0));
    }

    @Test
    void aLoopWithNoGoodBodyReportsOnceAndKeepsItsPlace() throws Exception {
        fx.eval("let n = 0\nloop('k', 1, (b) => { n++; if (n % 2) throw new Error('odd ' + n); synth('click') })");
        fx.eval("loop('bad', function* () { yield 'soon' })");
        advanceTo(6.5);
        assertEquals(2, fx.err.size(), fx.err.toString());
        assertTrue(fx.err.contains("<repl>:3: odd 1 (loop 'k' carries on)"), fx.err.toString());
        assertTrue(fx.err.contains("loop 'bad': yield a number of beats to wait, like yield 0.25 (got 'soon')"), fx.err.toString());
        TreeSet<Long> ideal = new TreeSet<>();
        for (int b = 1; b <= 6; b += 2) ideal.add(Math.round(b * SPB));
        assertNull(Clicks.compare(ideal, onsets()), "even calls still play, on the grid");
    }

    @Test
    void atAndNowUseLogicalTime() throws Exception {
        fx.eval("loop('k', 1, (b) => { if (b === 2) at(0.25, () => { console.log('at', now()); synth('click') }) })");
        advanceTo(3);
        assertEquals(List.of("at 2.25"), fx.out);
        assertNull(Clicks.compare(new TreeSet<>(List.of(Math.round(2.25 * SPB))), onsets()));
        fx.eval("stop('k')");
        assertEquals("[]", fx.eval("loops()"));
    }

    @Test
    void stopAndHushEndLoops() throws Exception {
        fx.eval("loop('a', 1, () => synth('click')); loop('b', 0.5, () => synth('click', {amp: 0.2})); at(6, () => synth('click'))");
        advanceTo(1.9);
        assertEquals("true", fx.eval("stop('a')"));
        fx.out.clear();
        assertEquals("false", fx.eval("stop('nope')"));
        // a typo left the loop playing with nothing said but the false
        assertEquals(List.of("stop: nothing called 'nope' plays (playing: b)"), fx.out);
        advanceTo(3.9);
        fx.eval("hush()");
        int heard = onsets().size();
        advanceTo(7);
        assertEquals(heard, onsets().size(), "nothing after hush, not even the pending at()");
        assertEquals("[]", fx.eval("loops()"));
    }

    @Test
    void aNoteStartedTheMomentTheQueueHasRoomOutlivesTheHushThatWaitedForIt() throws Exception {
        fx.eval("def('tone', ({freq = 440}) => sine(freq).mul(0.02))");
        fx.eval("const n = synth('tone'); try { for (let i = 0; i < 100000; i++) n.set({freq: 440}) } catch (e) {}");
        fx.eval("hush()"); // its frees wait for room
        // the audio thread makes room, and a line runs before the Lang loop's next tick would send
        // them: the held-back freeAll was sent after the new note and ended it too
        fx.evalAfterRendering(1, "const after = synth('tone')");
        advanceTo(2);
        assertEquals("false", fx.eval("n.playing"), "what played at the hush has ended");
        assertEquals("true", fx.eval("after.playing"), "what came after it plays");
        fx.eval("after.free()");
    }

    @Test
    void aHushThatFindsTheCommandQueueFullStopsTheLoopsAndFreesEverythingOnceItDrains() throws Exception {
        // the tone stays under the onset threshold: only the loop's clicks are counted
        fx.eval("def('tone', ({freq = 440}) => sine(freq).mul(0.02)); loop('a', 1, () => synth('click'))");
        advanceTo(1.5);
        // the audio thread takes no commands between these lines: the queue is full when hush() sends its frees
        fx.eval("const n = synth('tone'); try { for (let i = 0; i < 100000; i++) n.set({freq: 440}) } catch (e) {}");
        fx.out.clear();
        fx.eval("hush()");
        assertEquals(List.of("hush: the command queue is full; loops and patterns have stopped, and the frees go out as soon as the audio thread makes room"), fx.out);
        assertEquals(List.of(), fx.err, "said as news, not as an error: a render does not fail on it");
        assertEquals("[]", fx.eval("loops()"), "the loops stopped at once");
        assertEquals("true", fx.eval("n.playing"), "the tone waits for room in the queue");
        int heard = onsets().size();
        advanceTo(5);
        assertEquals(heard, onsets().size(), "no loop plays on");
        assertEquals("false", fx.eval("n.playing"), "freed once the queue drained, with no second hush");
        assertEquals("hush: the queue drained and the panic's frees went out: everything playing then has ended", fx.out.get(fx.out.size() - 1));
        assertEquals(List.of(), fx.err);
    }

    @Test
    void anAsyncBodysErrorAfterAnAwaitIsSaidOnceAndTheLoopPlaysOn() throws Exception {
        fx.eval("loop('k', 1, async (b) => { synth('click'); await 0; if (b >= 1) throw new Error('boom at ' + b) })\n"
                + "at(2.5, async () => { await null; missing() })\n"
                + "loop('s', 1, async () => { await 0; throw 'just words' })\n"
                + "loop('n', 1, async () => { await 0; throw null })");
        advanceTo(4.5);
        assertEquals(List.of("just words (loop 's', after an await: it carries on)", "null (loop 'n', after an await: it carries on)",
                "<repl>:2: boom at 1 (loop 'k', after an await: it carries on)",
                "<repl>:3: ReferenceError: missing is not defined (in an at() callback, after an await)"), fx.err);
        assertEquals(5, onsets().size(), "the loop played every beat: " + onsets());
    }

    @Test
    void aLoopsBeatsAreTheNumbersWrittenNotASumsDrift() throws Exception {
        // summed as doubles, a third six times is 1.9999999999999998 and a tenth three times 0.30000000000000004:
        // the bar test below would miss every bar of the triplet loop
        fx.eval("const bars = [], tenths = [], yields = []\n"
                + "loop('t', 1/3, (b) => { if (b % 1 === 0) bars.push(b) })\n"
                + "loop('d', 0.1, (b) => { if (b > 0.25 && b < 0.35) tenths.push(b) })\n"
                + "loop('g', 1, function* (b) { while (true) { yields.push(now()); yield 1/3 } })");
        advanceTo(4.2);
        assertEquals("[ 0, 1, 2, 3, 4 ]", fx.eval("bars"));
        assertEquals("[ 0.3 ]", fx.eval("tenths"));
        assertEquals("true", fx.eval("yields.includes(2) && yields.includes(4)"), fx.eval("yields"));
    }

    @Test
    void aHushInAClockEventEndsWhatTheSameEventStartedWithoutAnErrorLine() throws Exception {
        // the synth started at the event's sample goes with the hush's freeAll at that sample: freeing it
        // again at its start was refused ("free: node N has already ended"), and a render failed on it
        fx.eval("def('tone', ({freq = 440}) => sine(freq).mul(0.02)); pat('hats', note('60*8'))\n"
                + "at(1, () => { synth('tone'); synth('click'); hush(); hush() })");
        advanceTo(3);
        assertEquals(List.of(), fx.err);
        assertEquals("0", fx.eval("status().synths"), "everything ended");
    }

    @Test
    void aHushThatFindsTheCommandQueueFullEndsTheProxiesToo() throws Exception {
        fx.eval("ndef('pad', () => saw(110).mul(0.2)); def('tone', ({freq = 440}) => sine(freq).mul(0.02))");
        advanceTo(1);
        fx.eval("const n = synth('tone'); try { for (let i = 0; i < 100000; i++) n.set({freq: 440}) } catch (e) {}");
        fx.eval("hush()"); // before, the proxies' fade-outs were refused and the pad played on
        advanceTo(4);
        assertEquals("0", fx.eval("ndefs().length"));
        int frames = fx.audio.frames();
        float peak = 0;
        for (int i = frames - 4800; i < frames; i++) peak = Math.max(peak, Math.abs(fx.audio.left()[i]));
        assertEquals(0f, peak, "silence after the panic");
        assertEquals(List.of(), fx.err);
    }

    @Test
    void aHushSaysNothingOfTheCommandsSentAheadThatMeetTheNodesItFreed() throws Exception {
        // a loop's sets go ahead of the audio by the latency: after a hush at the prompt they meet a freed node
        fx.lang.virtualTime(false);
        fx.eval("latency(0.5); def('tone', ({freq = 440}) => sine(freq).mul(0.02)); const t = synth('tone')\n"
                + "loop('wob', 0.125, (b) => t.set({freq: 440 + b}))");
        advanceTo(2);
        fx.eval("hush()");
        advanceTo(6);
        assertEquals(List.of(), fx.err);
    }

    @Test
    void badArgumentsSayWhatToDoInOneLine() throws Exception {
        assertEquals("<repl>:2: loop 'x': how often? loop('x', 1, (beat) => ...) runs every beat (or give a function* that yields waits)",
                fx.error("loop('x', () => 1)"));
        assertEquals("<repl>:3: loop: the first argument is a name, like loop('drums', 1, (beat) => ...); got 1",
                fx.error("loop(1, 1, () => 1)"));
        assertEquals("<repl>:4: tempo: beats per minute from 1 to 1000, like tempo(120); got 0", fx.error("tempo(0)"));
        assertEquals("<repl>:5: at: -1 is in the past; use 0 or more beats from now", fx.error("at(-1, () => 1)"));
        assertEquals("<repl>:6: latency: seconds from 0 to 2, like latency(0.1); got string 'a'", fx.error("latency('a')"));
        assertEquals("<repl>:7: loop 'x': the period must be at least 0.001 beats; got 0", fx.error("loop('x', 0, () => 1)"));
        // its passes never waited or played: next() gives a promise, not a wait
        assertEquals("<repl>:8: loop 'g': an async function* cannot wait on the beat; use function* and yield beats, like loop('g', function* () { ...; yield 0.25 })",
                fx.error("loop('g', 1, async function* () { yield 1 })"));
        for (String e : fx.err) assertTrue(!e.contains("\n"), e);
    }
}
