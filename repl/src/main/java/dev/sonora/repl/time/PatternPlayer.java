package dev.sonora.repl.time;

import java.util.List;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import dev.sonora.repl.lang.ErrorReport;
import dev.sonora.repl.lang.StepWatch;
import dev.sonora.repl.pattern.Fraction;
import dev.sonora.repl.pattern.Hap;
import dev.sonora.repl.pattern.Pattern;
import dev.sonora.repl.pattern.PatternBridge;

/**
 * A playing pattern ({@code pat(name, pattern)}): every {@link #CHUNK} of a cycle, one slice
 * before that slice of time is due, it queries the pattern for the events that begin in it and
 * plays each as its own clock event, so every node command carries the exact sample of the
 * event's beginning (rounded once, from exact pattern time). Pattern time is global: cycle
 * {@code c} is at a fixed beat ({@link Clock#beatOfCycle}), so patterns started at different
 * moments stay in phase.
 *
 * <p>A new pattern for the same name waits in {@link #pending} and takes over at the next cycle
 * boundary. A pattern whose query throws is reported once ({@code where: pat 'name': reason})
 * and the previous one plays on, if there was one; an event the prelude cannot play (an unknown
 * sample or def) is reported once per pattern and the others still play. Lang thread only.
 */
final class PatternPlayer extends Event {
    /** How much of a cycle one wake-up plays: small, so stop() and edits are heard soon. */
    static final Fraction CHUNK = Fraction.of(1, 8);
    /** The most events a second one pattern may play: a dense granular cloud, far past any rhythm. */
    static final int MAX_EVENTS_PER_SECOND = 2000;

    final String name;
    private final String label; // "pat 'name'": its late lines, and what held the Lang thread
    boolean stopped;
    /** The start, in cycles, of the next slice to play. */
    Fraction next;
    private Pattern pattern;
    private Pattern pending;
    private Pattern previous; // the last pattern that played without error, to go back to
    private String where;
    private String pendingWhere;
    private Object reported; // the pattern (or event error) last reported: once is enough

    PatternPlayer(String name, Pattern pattern, String where, Fraction start) {
        this.name = name;
        this.label = "pat '" + name + "'";
        this.pattern = pattern;
        this.where = where;
        this.next = start;
    }

    void replace(Pattern p, String w) {
        pending = p;
        pendingWhere = w;
    }

    @Override
    void fire(Clock clock, long sample, long lateSamples) {
        if (stopped) return;
        // it wakes a slice early: late only if the slice it plays has begun
        long audio = clock.audioSampleTime();
        long late = audio - clock.sampleOf(clock.beatOfCycle(next));
        if (late > 0) {
            do {
                next = next.add(CHUNK);
            } while (clock.sampleOf(clock.beatOfCycle(next)) < audio);
            clock.reportLate(label, late, 0);
            schedule(clock);
            return;
        }
        if (pending != null && next.isInteger()) {
            previous = pattern;
            pattern = pending;
            where = pendingWhere;
            pending = null;
        }
        Fraction end = next.add(CHUNK);
        List<Hap> events = query(clock, next, end);
        double perSecond = events.size() / (CHUNK.toDouble() * clock.cycleBeats() * 60 / clock.tempo());
        if (perSecond > MAX_EVENTS_PER_SECOND) {
            // each event is a call into JavaScript and a node: tens of thousands a second (cycle(0.01)
            // at tempo(1000)) held the Lang thread for good, the performer's hush() waiting behind them
            stop(clock);
            clock.report(where + ": pat '" + name + "': " + Math.round(perSecond) + " events a second, more than the "
                    + MAX_EVENTS_PER_SECOND + " a pattern may play (a faster tempo, a shorter cycle or a denser pattern than meant?): it was stopped");
            return;
        }
        for (Hap h : events) {
            play(clock, h);
            // the step watch fired: its interrupt may have landed between two events and been lost,
            // so the pattern stops here; the rest of the slice would run uninterrupted, and the
            // pattern, scheduled again, would play on under the line that says it stopped
            if (!stopped && StepWatch.firedOnThisThread()) {
                stop(clock);
                clock.report(where + ": pat '" + name + "': " + StepWatch.reasonOnThisThread() + " (pat '" + name + "' stopped)");
            }
            if (stopped) return;
        }
        next = end;
        schedule(clock);
    }

    @Override
    String label() {
        return label;
    }

    @Override
    boolean waitsForTransport() {
        return true;
    }

    /** The slice at the start (pattern time is global: the pattern is where it would have been). */
    @Override
    void resumeAt(Clock clock, double start) {
        Fraction at = Clock.chunkAtOrAfter(clock.cycleAt(start), CHUNK);
        if (next.lt(at)) next = at;
        beat = wakeBeat(clock, next);
    }

    private void schedule(Clock clock) {
        beat = wakeBeat(clock, next);
        clock.schedule(this);
    }

    /**
     * When to query the slice beginning at {@code cycle}: one slice before it is due, so its
     * events go out between the clock's latency and the latency plus a slice ahead, and a stall
     * of the Lang thread shorter than that moves none of them.
     */
    static double wakeBeat(Clock clock, Fraction cycle) {
        return clock.beatOfCycle(cycle.sub(CHUNK));
    }

    private List<Hap> query(Clock clock, Fraction b, Fraction e) {
        try {
            return pattern.onsets(b, e);
        } catch (RuntimeException ex) {
            boolean revert = previous != null;
            if (reported != pattern) {
                reported = pattern;
                clock.report(where + ": pat '" + name + "': " + reason(ex) + (revert ? " (kept the previous pattern)" : " (it plays nothing until it is replaced)"));
            }
            if (!revert) return List.of();
            pattern = previous;
            previous = null;
            try {
                return pattern.onsets(b, e);
            } catch (RuntimeException again) {
                return List.of();
            }
        }
    }

    private void stop(Clock clock) {
        stopped = true;
        clock.forget(this);
    }

    private static String reason(RuntimeException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private void play(Clock clock, Hap h) {
        double beat = clock.beatOfCycle(h.whole().begin());
        long sample = clock.sampleOf(beat);
        double beats = h.whole().end().sub(h.whole().begin()).toDouble() * clock.cycleBeats();
        Value fn = clock.patternPlayFunction();
        if (fn == null) return;
        try {
            clock.call(beat, sample, () -> fn.executeVoid(name, PatternBridge.toJs(h.value()), beats));
        } catch (PolyglotException e) {
            if (e.isInterrupted() || e.isCancelled() || StepWatch.firedOnThisThread()) {
                stop(clock);
                clock.report(e, "pat '" + name + "' stopped");
                return;
            }
            if (reported != pattern) {
                reported = pattern;
                clock.report(where + ": pat '" + name + "': " + ErrorReport.reason(e) + " (its other events play on)");
            }
        }
    }
}
