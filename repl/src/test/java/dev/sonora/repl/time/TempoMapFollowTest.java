package dev.sonora.repl.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link TempoMap#follow}, the door an outside time source (Link) uses: from a beat on, beats fall
 * where it says, at the rate it says in samples; a bend keeps the beat's sample, a jump moves it,
 * and while a forward jump has not been reached the map stays at the jump's beat rather than run
 * past it.
 */
class TempoMapFollowTest {
    @Test
    void aBendKeepsTheBeatAndTakesTheGivenRate() {
        TempoMap m = new TempoMap(48000, 1000, 120); // 24000 samples a beat
        m.follow(8, m.sampleAt(8), 20000, 144);
        assertEquals(1000 + 8 * 24000, m.sampleAt(8), 1e-9);
        assertEquals(1000 + 8 * 24000 + 2.5 * 20000, m.sampleAt(10.5), 1e-9);
        assertEquals(10.5, m.beatAt(1000 + 8 * 24000 + 2.5 * 20000), 1e-9);
        assertEquals(144, m.bpmAt(9), 1e-12);
        assertEquals(120, m.bpmAt(7), 1e-12);
    }

    @Test
    void aLaterFollowReplacesWhatCameAfterIt() {
        TempoMap m = new TempoMap(48000, 0, 120);
        m.follow(8, 8 * 24000, 20000, 144);
        m.follow(4, 4 * 24000, 30000, 96);
        assertEquals(4 * 24000 + 6 * 30000, m.sampleAt(10), 1e-9);
    }

    @Test
    void aForwardJumpHoldsTheBeatUntilItsSample() {
        TempoMap m = new TempoMap(48000, 0, 120);
        m.follow(4, 4 * 24000 + 12000, 24000, 120); // bar 1 half a beat later: that bar is 4.5 beats long
        assertEquals(4, m.beatAt(4 * 24000 + 6000), 1e-9, "between the old and the new place of beat 4");
        assertEquals(4.25, m.beatAt(4 * 24000 + 18000), 1e-9);
        assertEquals(3.5, m.beatAt(3.5 * 24000), 1e-9);
    }
}
