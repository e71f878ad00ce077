package dev.sonora.repl.time;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import dev.sonora.repl.lang.StepWatch;

/**
 * A named loop: {@code loop(name, beats, fn)} calls {@code fn(beat)} every {@code beats};
 * the generator form runs {@code function*} passes back to back, each {@code yield w} waiting
 * {@code w} beats. The loop is its own queue entry: one pending step at a time.
 *
 * <p>Live redefinition: a new body waits in {@link #pending} and takes over at the next cycle
 * boundary (callback form: the next call; generator form: the next pass), so the phase is
 * kept; a callback body with a new period starts on the first multiple of it from there. A
 * body that throws is reported once; the loop goes back to its last good body (one that
 * completed a cycle) if it has one, and carries on either way. Lang thread only.
 */
final class LiveLoop extends Event {
    /** A body: the function, its period (callback form) or quantum (generator form), and which form. */
    record Body(Value fn, double period, boolean generator) {
    }

    /** Zero-beat yields in a row after which a generator is taken to be stuck. */
    private static final int MAX_ZERO_WAITS = 10_000;
    /** The most a step may be late and still play (a stall of the JS thread; beyond, it is skipped). */
    static final double PLAY_LATE_SECONDS = 0.25;

    final String name;
    private final String label; // "loop 'name'": its late lines, and what held the Lang thread
    boolean stopped;
    private Body body;
    private Body pending;
    private Body good;      // the last body that completed a cycle without throwing
    private Body reported;  // the last body whose error was reported (once is enough)
    private Body reportedAfterAwait; // the same for errors an async body throws after an await
    private Value pass;     // the generator pass running, or null between passes
    private double passStart;

    LiveLoop(String name, Body body) {
        this.name = name;
        this.label = "loop '" + name + "'";
        this.body = body;
    }

    void replace(Body b) {
        pending = b;
    }

    @Override
    void fire(Clock clock, long sample, long lateSamples) {
        if (stopped) return;
        if (lateSamples > 0) {
            if (lateSamples > playLateLimit(clock)) {
                catchUp(clock, lateSamples);
                return;
            }
            // a little late: the step plays now (its first events late, the rest on time)
            // rather than losing a whole cycle for a few milliseconds
            clock.reportLate(label, lateSamples, 0);
        }
        if (pass == null && boundary() && !body.generator()) {
            // a new period: its cycles fall on its own grid, as a new loop's do, in step with the
            // other loops of that period (from 1 to 0.75 beats at beat 4: the next cycle at 4.5)
            double onGrid = Clock.nextGrid(beat, body.period());
            if (onGrid > beat) {
                beat = onGrid;
                clock.schedule(this);
                return;
            }
        }
        if (body.generator()) {
            step(clock, sample);
        } else {
            cycle(clock, sample);
        }
        if (!stopped) clock.schedule(this);
    }

    @Override
    String label() {
        return label;
    }

    @Override
    boolean waitsForTransport() {
        return true;
    }

    /** The next cycle on its grid from the start; a generator's pass that was cut short starts afresh there. */
    @Override
    void resumeAt(Clock clock, double start) {
        pass = null;
        boundary();
        beat = Clock.nextGrid(start, body.period());
    }

    /** A cycle boundary: a redefined body takes over here. Whether one did. */
    private boolean boundary() {
        if (pending == null) return false;
        body = pending;
        pending = null;
        return true;
    }

    private void cycle(Clock clock, long sample) {
        Body b = body;
        if (!call(clock, sample, b) && body != b && !stopped) {
            b = body; // back to the last good body: it plays this cycle, so the music keeps its beat
            call(clock, sample, b);
        }
        beat = Clock.tidy(beat + b.period());
    }

    private boolean call(Clock clock, long sample, Body b) {
        try {
            clock.call(beat, sample, () -> {
                Value r = b.fn().execute(beat);
                if (AsyncErrors.isPromise(r)) AsyncErrors.onRejection(r, line -> failedAfterAwait(clock, b, line));
            });
            good = b;
            return true;
        } catch (PolyglotException e) {
            failed(clock, b, e);
            return false;
        }
    }

    /** Runs the generator up to its next wait (restarting it when a pass ends) and sets the next beat. */
    private void step(Clock clock, long sample) {
        Body b = body;
        int zeroWaits = 0;
        try {
            while (true) {
                if (pass == null) {
                    boundary();
                    b = body;
                    if (!b.generator()) { // redefined as a callback loop: its cycles start on its grid
                        beat = Clock.nextGrid(beat, b.period());
                        return;
                    }
                    passStart = beat;
                    Body g = b;
                    pass = clock.call(beat, sample, () -> g.fn().execute(beat));
                }
                Value it = pass;
                Value r = clock.call(beat, sample, () -> it.invokeMember("next"));
                if (r.getMember("done").asBoolean()) {
                    pass = null;
                    if (beat > passStart) {
                        good = b;
                        continue; // the next pass starts where this one ended
                    }
                    beat = Clock.gridAfter(beat, b.period()); // a pass that never waited: once per quantum
                    return;
                }
                Value v = r.getMember("value");
                double w = v != null && v.isNumber() ? v.asDouble() : Double.NaN;
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new BadYield(v == null ? "nothing" : v.isString() ? "'" + v.asString() + "'" : v.toString());
                }
                if (w == 0 && ++zeroWaits > MAX_ZERO_WAITS) throw new BadYield("0, " + MAX_ZERO_WAITS + " times in a row");
                if (w > 0) {
                    beat = Clock.tidy(beat + w);
                    return;
                }
            }
        } catch (PolyglotException e) {
            pass = null;
            failed(clock, b, e);
            beat = Clock.gridAfter(beat, body.period()); // restart on the loop's grid
        } catch (BadYield e) {
            pass = null;
            if (reported != b) {
                reported = b;
                clock.report("loop '" + name + "': yield a number of beats to wait, like yield 0.25 (got " + e.getMessage() + ")"
                        + (revert(b) ? "; went back to its previous body" : ""));
            }
            if (revert(b)) body = good;
            beat = Clock.gridAfter(beat, body.period());
        }
    }

    /** An async body's error after an await: the cycle had completed, so the loop carries on; said once per body. */
    private void failedAfterAwait(Clock clock, Body b, String line) {
        if (reportedAfterAwait == b) return;
        reportedAfterAwait = b;
        clock.report(line + " (loop '" + name + "', after an await: it carries on)");
    }

    private boolean revert(Body failed) {
        return good != null && good != failed;
    }

    private void failed(Clock clock, Body b, PolyglotException e) {
        if (e.isInterrupted() || e.isCancelled() || StepWatch.firedOnThisThread()) {
            // Ctrl-C on a stuck body: it would hang again on the next cycle
            stopped = true;
            clock.forget(this);
            clock.report(e, "loop '" + name + "' stopped"); // file:line: interrupted, or why the step watch stopped it
            return;
        }
        boolean revert = revert(b);
        if (reported != b) {
            reported = b;
            clock.report(e, "loop '" + name + "'" + (revert ? " went back to its previous body" : " carries on"));
        }
        if (revert) body = good;
    }

    /**
     * How late a step may be and still play: less than half its cycle (so cycles never bunch up)
     * and at most {@link #PLAY_LATE_SECONDS}. Later than that it is skipped ({@link #catchUp}).
     */
    private long playLateLimit(Clock clock) {
        long halfCycle = clock.sampleOf(beat + body.period() / 2) - clock.sampleOf(beat);
        return Math.min(halfCycle, Math.round(PLAY_LATE_SECONDS * clock.sampleRate()));
    }

    /**
     * The audio has passed this step by too much to play it: rather than fire the missed cycles in a burst, skip to
     * the first one still ahead of the audio (on the same grid) and say how late it was.
     */
    private void catchUp(Clock clock, long lateSamples) {
        long next = clock.audioSampleTime();
        int skipped = 0;
        if (pass != null) {
            pass = null; // a generator's pass is abandoned; the next one starts on the grid
        }
        boundary();
        do {
            beat = body.generator() ? Clock.gridAfter(beat, body.period()) : Clock.tidy(beat + body.period());
            skipped++;
        } while (clock.sampleOf(beat) < next);
        clock.reportLate(label, lateSamples, skipped);
        clock.schedule(this);
    }

    /** A generator yielded something that is not a wait in beats. */
    private static final class BadYield extends Exception {
        private static final long serialVersionUID = 1L;

        BadYield(String got) {
            super(got, null, false, false);
        }
    }
}
