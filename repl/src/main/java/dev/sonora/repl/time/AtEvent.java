package dev.sonora.repl.time;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import dev.sonora.server.rt.Command;

/** {@code at(beats, fn)}: calls {@code fn} once, at its beat. Lang thread only. */
final class AtEvent extends Event {
    private final Value fn;

    AtEvent(double beat, Value fn) {
        this.beat = beat;
        this.fn = fn;
    }

    @Override
    void fire(Clock clock, long sample, long lateSamples) {
        if (lateSamples > 0) clock.reportLate("at(): an event", lateSamples, 0);
        try {
            // a late one-off still plays, at once (NOW): better late than lost
            clock.call(beat, lateSamples > 0 ? Command.NOW : sample, () -> {
                Value r = fn.execute(beat);
                if (AsyncErrors.isPromise(r)) AsyncErrors.onRejection(r, line -> clock.report(line + " (in an at() callback, after an await)"));
            });
        } catch (PolyglotException e) {
            clock.report(e, "in an at() callback");
        }
    }
}
