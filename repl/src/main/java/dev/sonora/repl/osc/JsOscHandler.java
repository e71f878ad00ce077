package dev.sonora.repl.osc;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import dev.sonora.repl.lang.ErrorReport;
import dev.sonora.repl.lang.Output;
import dev.sonora.repl.lang.ReportLimiter;
import dev.sonora.server.Server;
import dev.sonora.server.osc.peer.AddressPattern;

/**
 * One script handler ({@code osc.on(pattern, fn)}): its pattern and the prelude's adapter
 * {@code (address, tags, values, host, port)}, which calls the user's function with
 * {@code (args, from, address)}. One that throws is reported in one line at most once a second
 * and stays registered, as MIDI handlers do. Lang thread only.
 */
final class JsOscHandler {
    final int id;
    final AddressPattern pattern;
    private final Value adapter;
    private final Output output;
    private final ReportLimiter reports;

    JsOscHandler(int id, AddressPattern pattern, Value adapter, Server server, Output output) {
        this.id = id;
        this.pattern = pattern;
        this.adapter = adapter;
        this.output = output;
        this.reports = new ReportLimiter(server);
    }

    void call(Object... arguments) {
        try {
            adapter.executeVoid(arguments);
        } catch (PolyglotException e) {
            int held = reports.admit();
            if (held < 0) return;
            String more = held == 0 ? "" : ", " + held + " more since the last report";
            String line = e.isInterrupted() || e.isCancelled() ? "interrupted" : ErrorReport.format(e);
            output.err(line + " (in an osc.on('" + pattern + "') handler, which stays on" + more + ")");
        }
    }
}
