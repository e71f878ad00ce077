package dev.sonora.repl.link.net;

/**
 * A session's beat↔time map as Link sends it (payload entry {@code tmln}): the tempo as whole
 * microseconds per beat, and one point of the line, a beat (in millionths of a beat) at a time
 * (in microseconds of the session's ghost clock). Beats and times are doubles when mapped, so
 * nothing is rounded before an event's sample is.
 */
public record Timeline(long microsPerBeat, long beatOrigin, long timeOrigin) {
    /** Link's tempo range; tempos outside it are clamped (as the reference library does). */
    public static final double MIN_BPM = 20;
    public static final double MAX_BPM = 999;

    public static Timeline of(double bpm, double beatOrigin, double timeOrigin) {
        return new Timeline(microsPerBeat(bpm), Math.round(beatOrigin * 1e6), Math.round(timeOrigin));
    }

    public static long microsPerBeat(double bpm) {
        return Math.round(60e6 / bpm);
    }

    public double bpm() {
        return 60e6 / microsPerBeat;
    }

    /** The beat at ghost time {@code micros}. */
    public double toBeats(double micros) {
        return beatOrigin / 1e6 + (micros - timeOrigin) / microsPerBeat;
    }

    /** The ghost time (microseconds) of {@code beats}. */
    public double fromBeats(double beats) {
        return timeOrigin + (beats - beatOrigin / 1e6) * microsPerBeat;
    }

    /** The same line at a tempo inside Link's range, or this one if it already is. */
    Timeline clamped() {
        double bpm = bpm();
        if (bpm >= MIN_BPM && bpm <= MAX_BPM) return this;
        return new Timeline(microsPerBeat(Math.max(MIN_BPM, Math.min(MAX_BPM, bpm))), beatOrigin, timeOrigin);
    }

    /**
     * A line at {@code bpm} through the point (ghost {@code micros}, {@code beat}) whose beat origin
     * is past this one's, so peers prefer it (Link adopts the timeline with the larger origin).
     */
    Timeline through(double bpm, double micros, double beat) {
        long mpb = microsPerBeat(bpm);
        long origin = Math.max(Math.round(beat * 1e6), beatOrigin + 1);
        double time = micros + (origin / 1e6 - beat) * mpb;
        return new Timeline(mpb, origin, Math.round(time));
    }
}
