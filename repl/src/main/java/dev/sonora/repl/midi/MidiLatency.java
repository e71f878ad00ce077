package dev.sonora.repl.midi;

import java.util.Locale;

import dev.sonora.repl.lang.Bridge;
import dev.sonora.repl.lang.Output;
import dev.sonora.repl.lang.ReportLimiter;
import dev.sonora.server.Server;
import dev.sonora.server.midi.MidiDispatcher;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.midi.message.MidiType;

/**
 * Constant-latency MIDI ({@code midi.latency(ms)}): each message's handlers run as an event at
 * the message's arrival sample plus the latency, so every node command they send is performed
 * by the audio thread at exactly that sample, however long the Lang loop took to get there.
 * With 0 (the default) handlers run as live input does: their commands go out at the next block.
 *
 * <p>Arrival: a device's messages carry the {@link System#nanoTime()} of the receiver call,
 * which the engine's {@link dev.sonora.server.rt.SampleClock} turns into the sample being
 * rendered then; a file's events carry their due sample. A message whose sample has already
 * passed when its handlers run is played at once, counted ({@link #late}) and reported at most
 * once a second, saying to raise the latency. Direct mappings ({@code midi.cc(n).to(bus)}) are
 * not affected: the audio thread applies them at the next block, before any JS could.
 *
 * <p>Lang thread only, except {@link #samples}, {@link #due} and {@link #millisText}, which the
 * direct note mappings ({@link MidiNotes}) read from the MIDI waker's thread.
 */
final class MidiLatency {
    /** The most {@code midi.latency} accepts, in milliseconds. */
    static final double MAX_MILLIS = 1000;

    private final Server server;
    private final Output output;
    private Bridge bridge; // the prelude hands it over (attach); null until then: no stamping
    private volatile double millis;
    private volatile long samples;
    private long late;
    private final ReportLimiter reports;

    MidiLatency(Server server, Output output) {
        this.server = server;
        this.output = output;
        this.reports = new ReportLimiter(server);
    }

    void attach(Bridge b) {
        bridge = b;
    }

    double millis() {
        return millis;
    }

    /** Sets the latency; refuses anything but 0..{@link #MAX_MILLIS} ms in one line. */
    void millis(double ms) {
        if (!(ms >= 0 && ms <= MAX_MILLIS)) { // NaN fails too
            throw new IllegalArgumentException("midi.latency: milliseconds from arrival to sound, 0.." + (int) MAX_MILLIS
                    + " (0 = as soon as possible), got " + plain(ms));
        }
        millis = ms;
        samples = Math.round(ms * server.sampleRate() / 1000.0);
    }

    /** The latency in samples, 0 for none. Any thread. */
    long samples() {
        return samples;
    }

    /** The latency as a user wrote it ("10", "5.333"). Any thread. */
    String millisText() {
        return plain(millis);
    }

    /** Messages whose sound was due before their handlers could run. */
    long late() {
        return late;
    }

    /** Runs {@code m}'s handlers, as an event at its arrival plus the latency when there is one. */
    void dispatch(MidiMessage m, MidiDispatcher dispatcher) {
        final Bridge b = bridge;
        if (samples == 0 || b == null || !dispatcher.hears(m)) { // no handler, nothing to be late
            dispatcher.dispatch(m);
            return;
        }
        long next = server.sampleTime();
        long due = due(m, next);
        if (due < next) lateBy(next - due, m);
        long outer = b.eventTime(); // NOW, unless a clock event polls (a file's stop from a loop)
        b.eventTime(due); // a late one is stamped in the past: the audio thread plays it at once and counts it
        try {
            dispatcher.dispatch(m);
        } finally {
            b.eventTime(outer);
        }
    }

    /** The sample {@code m} sounds at: its arrival plus the latency ({@code next}: the block about to render). Any thread. */
    long due(MidiMessage m, long next) {
        return arrival(m, next) + samples;
    }

    /** The sample {@code m} arrived at: a file's due sample, or a device's receiver call on the sample clock. */
    private long arrival(MidiMessage m, long next) {
        if (m.source == MidiMessage.SOURCE_PLAYER) return m.time;
        return server.engine().sampleClock().sampleAt(m.time, next);
    }

    private void lateBy(long lateSamples, MidiMessage m) {
        late++;
        int held = reports.admit();
        if (held < 0) return;
        String more = held == 0 ? "" : " (" + held + " more since the last report)";
        output.err(String.format(Locale.ROOT, "midi: a %s was handled %.1f ms after its sound was due%s: lighten the handlers"
                + " or raise midi.latency (now %s ms)", name(m), lateSamples * 1000.0 / server.sampleRate(), more, plain(millis)));
    }

    private static String name(MidiMessage m) {
        MidiType t = m.type();
        return t == MidiType.NOTE_ON || t == MidiType.NOTE_OFF || t == MidiType.CC ? t.label() : "message";
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
