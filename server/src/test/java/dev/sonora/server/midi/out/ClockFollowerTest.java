package dev.sonora.server.midi.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The clock follower on pulse instants made up in the test: tempo, jitter, jumps, transport, song position, silence. */
class ClockFollowerTest {
    static final double NS_PER_PULSE_AT_120 = 60e9 / 120 / 24;

    @Test
    void jitteryPulsesGiveTheirTempoAndAJumpIsFollowedWithinTwoBeats() {
        ClockFollower f = new ClockFollower();
        assertTrue(Double.isNaN(f.bpm()), "no tempo before a quarter of a beat of pulses");
        SplittableRandom r = new SplittableRandom(1);
        long t = 1_000_000_000L;
        for (int k = 0; k < 24 * 8; k++) {
            f.pulse(t + r.nextLong(-1_000_000, 1_000_000)); // ±1 ms on every pulse, a USB device's worth
            t += Math.round(NS_PER_PULSE_AT_120);
        }
        assertEquals(120, f.bpm(), 0.2);
        double ns = 60e9 / 90 / 24;
        for (int k = 0; k <= 48; k++) { // two beats of intervals
            f.pulse(t);
            t += Math.round(ns);
        }
        assertEquals(90, f.bpm(), 0.05, "a jump to 90 is read afresh, not averaged with the 120 before it");
    }

    @Test
    void transportAndSongPositionCountThePulses() {
        ClockFollower f = new ClockFollower();
        long t = 0;
        for (int k = 0; k < 24; k++) f.pulse(t += 20_000_000L); // stopped: the position stands
        assertEquals(0, f.position());
        f.start();
        for (int k = 0; k < 36; k++) f.pulse(t += 20_000_000L);
        assertEquals(1.5, f.position());
        f.stop();
        f.pulse(t += 20_000_000L);
        assertFalse(f.running());
        f.songPosition(16 * 4 + 2); // bar 5 beat 1, plus two sixteenths
        assertEquals(16.5, f.position());
        f.resume();
        for (int k = 0; k < 12; k++) f.pulse(t += 20_000_000L);
        assertEquals(17, f.position());
        assertTrue(f.running());
    }

    @Test
    void silenceIsNoticedOnceThePulsesStop() {
        ClockFollower f = new ClockFollower();
        assertFalse(f.silentAt(5_000_000_000L), "no pulses yet: not a silence");
        long t = 0;
        for (int k = 0; k < 48; k++) f.pulse(t += 20_000_000L);
        assertFalse(f.silentAt(t + 100_000_000L));
        assertTrue(f.silentAt(t + ClockFollower.SILENCE_NANOS + 1));
        f.forgetPulses();
        assertFalse(f.silentAt(t + 10_000_000_000L));
    }

    @Test
    void theNewestPulsesPlaceAndTimeComeFromTheStartAndALineThroughTheJitter() {
        ClockFollower f = new ClockFollower();
        SplittableRandom r = new SplittableRandom(2);
        long t = 1_000_000_000L;
        for (int k = 0; k < 48; k++) f.pulse(t += 20_000_000L); // stopped: no song position to read
        assertTrue(Double.isNaN(f.positionOfNewestPulse()));
        f.start();
        assertTrue(Double.isNaN(f.positionOfNewestPulse()), "the song begins with the first pulse after the start");
        long first = t + 7_000_000L; // a start may shift the grid: the pulses before it do not place the new ones
        f.pulse(first);
        assertEquals(0, f.positionOfNewestPulse(), "the first pulse after a start is the downbeat");
        long ideal = first;
        for (int k = 1; k <= 60; k++) {
            ideal = first + k * 20_000_000L;
            f.pulse(ideal + r.nextLong(-1_000_000, 1_000_000));
        }
        assertEquals(60 / 24.0, f.positionOfNewestPulse());
        assertEquals(ideal, f.fittedNewestArrival(), 400_000, "±1 ms jitter, a line through 48 pulses: within 0.4 ms");
        f.stop();
        assertTrue(Double.isNaN(f.fittedNewestArrival()));
        f.songPosition(8); // two beats
        f.resume();
        f.pulse(ideal += 20_000_000L);
        assertEquals(2, f.positionOfNewestPulse(), "continue: the first pulse is at the song position");
    }
}
