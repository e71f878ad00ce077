package dev.sonora.repl.observe;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

import dev.sonora.repl.lang.ErrorReport;
import dev.sonora.repl.lang.Output;
import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.observe.MeterTap;

/**
 * A meter: every window its tap measured goes to the prelude's adapter, which calls the
 * script's function with {@code {peak: [l, r], rms: [l, r], seconds}}. A function that throws
 * is reported once ({@code file:line: reason}) and the meter is turned off, so a broken meter
 * cannot print a line twenty times a second. Lang thread only.
 */
final class MeterWatch extends Watch {
    private final MeterTap tap;
    private final Value adapter;
    private final Server server; // its time origin: seconds of output, as the file (a render) counts them
    private final Output output;
    private boolean failed;

    MeterWatch(int slot, String label, NodeRef node, MeterTap tap, Value adapter, Server server, Output output) {
        super(slot, label, node);
        this.tap = tap;
        this.adapter = adapter;
        this.server = server;
        this.output = output;
    }

    @Override
    boolean poll() {
        tap.drain(this::deliver);
        return !failed;
    }

    private void deliver(long time, float peakLeft, float peakRight, float rmsLeft, float rmsRight) {
        if (failed) return; // the rest of this drain: the meter is being turned off
        try {
            adapter.executeVoid(peakLeft, peakRight, rmsLeft, rmsRight, server.secondsAt(time));
        } catch (PolyglotException e) {
            failed = true;
            // stopped by the step watch: its file:line and why (ErrorReport); Ctrl-C: "interrupted"
            output.err(ErrorReport.format(e) + " (in the function of meter(" + label + "), which is now off)");
        }
    }

    @Override
    String kind() {
        return "meter";
    }
}
