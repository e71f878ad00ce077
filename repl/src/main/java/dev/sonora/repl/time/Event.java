package dev.sonora.repl.time;

/**
 * Something the clock runs at a beat: a loop's next cycle or step, or an {@code at} callback.
 * Kept in the clock's queue by beat (not by sample), so a tempo change moves every future
 * event with it. Lang thread only.
 */
abstract class Event {
    /** When it runs, in beats; changed only while the event is out of the queue. */
    double beat;
    /** Tie-breaker for equal beats: the order they were scheduled in. */
    long seq;
    /** What its runs have taken lately, in ns: the longest, falling by an eighth a run (see {@link #ran}). */
    private long recentCostNanos;

    /**
     * Notes that a run took {@code nanos}. A loop or pattern is one event run again and again, so
     * this is what its recent steps cost: a slow step counts in full, and is forgotten over the
     * dozen or so runs after it ({@link Clock#runHeavyAhead}).
     */
    void ran(long nanos) {
        recentCostNanos = Math.max(nanos, recentCostNanos - recentCostNanos / 8);
    }

    long recentCostNanos() {
        return recentCostNanos;
    }

    /**
     * Runs the event. {@code sample} is its exact sample time; {@code lateSamples} &gt; 0 says
     * the audio has already passed it by that many samples (the event decides how to catch up).
     */
    abstract void fire(Clock clock, long sample, long lateSamples);

    /** How a late event's line names it when it held the Lang thread ("loop 'x'"). */
    String label() {
        return "an at() callback";
    }

    /** Whether a stopped transport holds it (loops and patterns); one-off {@code at}s run on, so nothing they end is left hanging. */
    boolean waitsForTransport() {
        return false;
    }

    /** The transport starts again at {@code start} (a bar line): where this event takes up. Out of the queue. */
    void resumeAt(Clock clock, double start) {
        beat = Math.max(beat, start);
    }
}
