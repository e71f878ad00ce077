package dev.sonora.repl.midi;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import dev.sonora.repl.lang.ErrorReport;
import dev.sonora.repl.lang.Output;
import dev.sonora.repl.lang.ReportLimiter;
import dev.sonora.server.Server;
import dev.sonora.server.midi.message.MidiHandler;
import dev.sonora.server.midi.message.MidiMessage;

/**
 * One script handler ({@code midi.on}, {@code midi.cc(n, fn)}) as the dispatcher sees it: calls
 * the prelude's adapter {@code (status, data1, data2)}, which calls the user's function with the
 * arguments of its type. A handler that throws is reported as one line, {@code file:line: reason},
 * at most once a second per handler (in server time, so a render reports the same lines every
 * time); it stays registered and the next message calls it again. Lang thread only.
 */
final class JsMidiHandler implements MidiHandler {
    private final Value adapter;
    private final String what;
    private final Output output;
    private final ReportLimiter reports;

    JsMidiHandler(Value adapter, String what, Server server, Output output) {
        this.adapter = adapter;
        this.what = what;
        this.output = output;
        this.reports = new ReportLimiter(server);
    }

    @Override
    public void handle(MidiMessage m) {
        try {
            adapter.executeVoid(m.status, m.data1, m.data2);
        } catch (PolyglotException e) {
            failed(e);
        }
    }

    private void failed(PolyglotException e) {
        int held = reports.admit();
        if (held < 0) return;
        String more = held == 0 ? "" : ", " + held + " more since the last report";
        String line = e.isInterrupted() || e.isCancelled() ? "interrupted" : ErrorReport.format(e);
        output.err(line + " (in a " + what + " handler, which stays on" + more + ")");
    }
}
