package dev.sonora.repl.time;

import java.util.ArrayList;
import java.util.List;

/**
 * Beats to server sample time and back: piecewise linear, one segment per tempo. A tempo
 * change starts a new segment at a beat, at the sample the old tempo gives for that beat, so
 * the beat position never jumps. Samples are doubles: a beat rarely falls on a whole sample
 * (137 bpm at 48 kHz is 21021.9 samples a beat), and rounding happens once, per event, in
 * {@link #sampleOf}, so errors never accumulate. Lang thread only.
 */
final class TempoMap {
    /** Segments kept for mapping past beats; older ones are dropped (only the present matters). */
    private static final int KEEP = 64;

    private record Segment(double beat, double sample, double samplesPerBeat, double bpm) {
    }

    private final int sampleRate;
    private final List<Segment> segments = new ArrayList<>();

    /** Beat 0 at sample {@code origin}, at {@code bpm}. */
    TempoMap(int sampleRate, double origin, double bpm) {
        this.sampleRate = sampleRate;
        segments.add(segment(0, origin, bpm));
    }

    private Segment segment(double beat, double sample, double bpm) {
        return new Segment(beat, sample, sampleRate * 60.0 / bpm, bpm);
    }

    /** The tempo from {@code beat} on; later changes already made are replaced. */
    void tempo(double beat, double bpm) {
        double sample = sampleAt(beat);
        while (segments.size() > 1 && segments.get(segments.size() - 1).beat >= beat) segments.remove(segments.size() - 1);
        if (segments.size() == 1 && segments.get(0).beat >= beat) {
            segments.set(0, segment(beat, sample, bpm));
        } else {
            segments.add(segment(beat, sample, bpm));
        }
        if (segments.size() > KEEP) segments.remove(0);
    }

    /**
     * From {@code beat} on, beat x falls at {@code sample + (x - beat) × samplesPerBeat}: an outside
     * source of time (Link) places the beats itself, including the sample rate's drift against its
     * clock, so the rate is given in samples, not derived from {@code bpm} (kept for reading).
     * Later segments are replaced. A {@code sample} other than where the map had the beat is a
     * jump there (phase alignment at a bar line).
     */
    void follow(double beat, double sample, double samplesPerBeat, double bpm) {
        while (segments.size() > 1 && segments.get(segments.size() - 1).beat >= beat) segments.remove(segments.size() - 1);
        Segment s = new Segment(beat, sample, samplesPerBeat, bpm);
        if (segments.get(0).beat >= beat) segments.set(0, s);
        else segments.add(s);
        if (segments.size() > KEEP) segments.remove(0);
    }

    /** Moves the whole map by {@code samples} (the clock's start is settled once the script that started it has run). */
    void shift(double samples) {
        for (int i = 0; i < segments.size(); i++) {
            Segment g = segments.get(i);
            segments.set(i, new Segment(g.beat, g.sample + samples, g.samplesPerBeat, g.bpm));
        }
    }

    /** The tempo in force at {@code beat}. */
    double bpmAt(double beat) {
        return at(beat).bpm;
    }

    double sampleAt(double beat) {
        Segment s = at(beat);
        return s.sample + (beat - s.beat) * s.samplesPerBeat;
    }

    /** The sample an event at {@code beat} is sent for: the nearest whole sample. */
    long sampleOf(double beat) {
        return (long) Math.floor(sampleAt(beat) + 0.5);
    }

    double beatAt(double sample) {
        int i = segments.size() - 1;
        while (i > 0 && segments.get(i).sample > sample) i--;
        Segment s = segments.get(i);
        double beat = s.beat + (sample - s.sample) / s.samplesPerBeat;
        // after a forward jump (follow), the samples before the next segment's start are still at its beat
        return i + 1 < segments.size() ? Math.min(beat, segments.get(i + 1).beat) : beat;
    }

    private Segment at(double beat) {
        for (int i = segments.size() - 1; i > 0; i--) {
            if (segments.get(i).beat <= beat) return segments.get(i);
        }
        return segments.get(0);
    }
}
