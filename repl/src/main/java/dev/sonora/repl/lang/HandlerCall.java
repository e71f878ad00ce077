package dev.sonora.repl.lang;

import java.util.concurrent.atomic.AtomicLong;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import dev.sonora.server.Server;

/**
 * How the Lang loop calls one script handler ({@code midi.on}, {@code midi.cc(n, fn)},
 * {@code osc.on}): each call is a step of the live step watch. One that throws is reported as
 * one line, {@code file:line: reason}, at most once a second (in server time, so a render
 * reports the same lines every time), and stays on: the next message calls it again. One that
 * runs longer than {@code --step-timeout} is stopped and turned off, with one line: a handler
 * that never returns would otherwise stop the loops for the whole limit on every message.
 * Lang thread only.
 */
public final class HandlerCall {
    private final Value adapter;
    private final String what;
    private final String heldLabel; // "a midi.on('noteon') handler"
    private final LangLoop lang;
    private final Output output;
    private final ReportLimiter reports;
    private final AtomicLong failures;
    private Runnable turnOff = () -> { };
    private boolean off;

    /**
     * {@code what}: how the line names it, e.g. {@code midi.on('noteon')}; {@code failures}: the
     * feature's count of calls that threw or were stopped (its status), shared by its handlers.
     */
    public HandlerCall(Value adapter, String what, LangLoop lang, Server server, Output output, AtomicLong failures) {
        this.adapter = adapter;
        this.what = ("aeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ") + what; // "in an osc.on(...) handler"
        this.heldLabel = this.what + " handler";
        this.lang = lang;
        this.output = output;
        this.reports = new ReportLimiter(server);
        this.failures = failures;
    }

    /** What turns the handler off where it is registered (called once, after a timeout). */
    public void turnOffWith(Runnable r) {
        turnOff = r;
    }

    /** Calls the adapter with {@code arguments}, unless the handler was turned off. */
    public void call(Object... arguments) {
        if (off) return;
        lang.runStep(() -> {
            long started = System.nanoTime();
            try {
                adapter.executeVoid(arguments);
            } catch (PolyglotException e) {
                failed(e);
            } finally {
                lang.heldWork(heldLabel, started); // a late loop's line names it when it took long
            }
        });
    }

    private void failed(PolyglotException e) {
        failures.incrementAndGet();
        boolean interrupted = e.isInterrupted() || e.isCancelled();
        if (interrupted && StepWatch.reasonOnThisThread() != null) {
            off = true;
            turnOff.run();
            output.err(ErrorReport.format(e) + " (in " + what + " handler, now turned off)");
            return;
        }
        int held = reports.admit();
        if (held < 0) return;
        String more = held == 0 ? "" : ", " + held + " more since the last report";
        String line = interrupted ? "interrupted" : ErrorReport.format(e);
        output.err(line + " (in " + what + " handler, which stays on" + more + ")");
    }
}
