package dev.sonora.repl.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Beats to samples: exact at a fixed tempo, continuous across tempo changes. */
class TempoMapTest {
    @Test
    void fixedTempoIsLinearFromTheOrigin() {
        TempoMap m = new TempoMap(48000, 1000, 137);
        double spb = 48000 * 60.0 / 137;
        assertEquals(1000, m.sampleOf(0));
        assertEquals(1000 + Math.round(100 * spb), m.sampleOf(100));
        assertEquals(37.25, m.beatAt(m.sampleAt(37.25)), 1e-9);
    }

    @Test
    void aTempoChangeKeepsTheBeatPositionAndChangesTheSlopeAfterIt() {
        TempoMap m = new TempoMap(48000, 0, 120);
        double before = m.sampleAt(8);
        m.tempo(8, 60);
        assertEquals(before, m.sampleAt(8), 1e-9, "no jump at the change");
        assertEquals(4 * 24000, m.sampleAt(4), 1e-9, "the past is unchanged");
        assertEquals(8 * 24000 + 2 * 48000, m.sampleAt(10), 1e-9, "60 bpm after beat 8");
        assertEquals(9.5, m.beatAt(8 * 24000 + 1.5 * 48000), 1e-9);
        assertEquals(120, m.bpmAt(7.9));
        assertEquals(60, m.bpmAt(8));
    }

    @Test
    void anEarlierChangeReplacesLaterOnes() {
        TempoMap m = new TempoMap(48000, 0, 120);
        m.tempo(8, 60);
        m.tempo(4, 240);
        assertEquals(4 * 24000 + 6 * 12000, m.sampleAt(10), 1e-9);
        assertEquals(240, m.bpmAt(100));
    }
}
