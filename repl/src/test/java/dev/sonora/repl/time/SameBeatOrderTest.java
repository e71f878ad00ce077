package dev.sonora.repl.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sonora.repl.lang.HostFixture;

/**
 * Steps due at the same beat run in the order they were scheduled (docs/api.md, "Steps due at the
 * same beat"): once two loops are running, the longer period first, so a bar-long loop's state is
 * there for a beat-long loop at the bar line; loops of one period in the order they were started.
 * Virtual time, as a render runs.
 */
class SameBeatOrderTest {
    private HostFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new HostFixture();
        fx.lang.virtualTime(true);
        fx.eval("tempo(120); globalThis.seen = []");
    }

    @AfterEach
    void end() throws Exception {
        fx.close();
    }

    /** Renders up to {@code beat} at 120 bpm, block by block. */
    private void advanceTo(double beat) throws Exception {
        fx.advanceToBeat(beat, Clicks.samplesPerBeat(120));
    }

    /** The steps that ran at {@code beat}, in the order they ran. */
    private String at(int beat) throws Exception {
        return fx.eval("seen.filter(s => s.endsWith(' " + beat + "')).join(', ')");
    }

    @Test
    void aBarLoopRunsBeforeABeatLoopAtEveryBarLineOnceBothAreRunning() throws Exception {
        fx.eval("loop('bass', 1, b => { seen.push('bass ' + b) }); loop('chords', 4, b => { seen.push('chords ' + b) })");
        advanceTo(8.5);
        assertEquals("'bass 0, chords 0'", at(0)); // both new: the order they were started
        assertEquals("'chords 4, bass 4'", at(4));
        assertEquals("'chords 8, bass 8'", at(8));
        assertEquals(List.of(), fx.err);
    }

    @Test
    void loopsOfOnePeriodRunInTheOrderTheyWereStarted() throws Exception {
        fx.eval("loop('b', 1, x => { seen.push('b ' + x) }); loop('a', 1, x => { seen.push('a ' + x) })");
        advanceTo(3.5);
        for (int beat = 0; beat <= 3; beat++) assertEquals("'b " + beat + ", a " + beat + "'", at(beat));
        assertEquals(List.of(), fx.err);
    }
}
