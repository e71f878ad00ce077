package dev.sonora.repl.midi;

import dev.sonora.repl.lang.Output;
import dev.sonora.repl.lang.ReportLimiter;
import dev.sonora.repl.time.TimeBridge;
import dev.sonora.server.Server;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.midi.out.ClockFollower;
import dev.sonora.server.midi.out.MidiOut;
import dev.sonora.server.outbound.SampleInstants;
import dev.sonora.server.rt.Command;

/**
 * {@code midi.clock.send('name')}: 24 pulses a beat from Sonora's tempo clock to one output, with
 * a Start on the next cycle (bar) boundary, so the receiving machine's bar 1 is Sonora's. Each
 * pulse is a beat position: the tempo clock gives the sample of the next pulse after its "now"
 * (which runs the latency ahead of the audio), and the pulse leaves when that sample plays, as
 * the notes of a loop do. If Lang was held up past a pulse, the pulses missed are placed evenly
 * between the last one sent and the next, so none is lost.
 *
 * <p>Lang thread only (a Lang ticker drives it).
 */
final class MidiClockSender {
    private static final double PULSE_BEATS = 1.0 / ClockFollower.PPQN;

    private final Server server;
    private final TimeBridge time;
    private final Output output;
    private final ReportLimiter lateReports;
    private MidiOut out; // null: not sending
    private long lastPulse = Long.MIN_VALUE; // sample of the last pulse queued
    private long startAt = Long.MIN_VALUE; // a Start waits for the pulse at this sample
    private boolean startWanted; // the boundary is found at the next tick, once a clock started by this task has settled
    private long pulses;
    private long latePulses; // queued after their instant had passed: Lang was held up longer than the latency

    MidiClockSender(Server server, TimeBridge time, Output output) {
        this.server = server;
        this.time = time;
        this.output = output;
        this.lateReports = new ReportLimiter(server);
    }

    /** Sends to {@code to} from the next pulse on, a Start on the next cycle boundary. */
    void send(MidiOut to) {
        if (out == to) { // already pulsing there: the pulses queued ahead stay, only a new Start
            start();
            return;
        }
        if (out != null) stop(Command.NOW);
        out = to;
        lastPulse = Long.MIN_VALUE;
        start();
    }

    /** A Start on the next cycle boundary (the pulses go on meanwhile). */
    void start() {
        if (out == null) return;
        startWanted = true;
    }

    /** Stop at {@code sample} ({@link Command#NOW}: at once) and no more pulses. */
    void stop(long sample) {
        if (out == null) return;
        long at = SampleInstants.nanosOf(server, sample);
        out.cancel(this, at); // pulses already queued past the Stop (they run the latency ahead)
        out.send(at, this, MidiMessage.STOP, 0, 0);
        out = null;
        startAt = Long.MIN_VALUE;
        startWanted = false;
    }

    /** A Stop at {@code sample}; the pulses go on, so the other machine keeps the tempo (hush). */
    void pause(long sample) {
        if (out == null) return;
        startAt = Long.MIN_VALUE;
        startWanted = false;
        out.send(SampleInstants.nanosOf(server, sample), this, MidiMessage.STOP, 0, 0);
    }

    boolean sending() {
        return out != null;
    }

    String outputName() {
        return out == null ? null : out.name;
    }

    long pulses() {
        return pulses;
    }

    long latePulses() {
        return latePulses;
    }

    /** Queues the pulses up to the clock's horizon. Lang ticker. */
    void tick() {
        MidiOut o = out;
        if (o == null || o.failed()) return;
        if (startWanted) {
            startWanted = false;
            startAt = time.boundary(time.cycle(), Command.NOW);
        }
        long next = time.boundary(PULSE_BEATS, Command.NOW);
        if (lastPulse == Long.MIN_VALUE) {
            pulse(o, next);
            return;
        }
        long gap = next - lastPulse;
        if (gap <= 0) return;
        double perPulse = server.sampleRate() * 60.0 / time.tempo() / ClockFollower.PPQN;
        long n = Math.round(gap / perPulse);
        long from = lastPulse;
        long lateBefore = latePulses;
        // k = n places the last pulse on `next` exactly, so lastPulse stays on the grid
        for (long k = 1; k <= n; k++) pulse(o, from + Math.round((double) k * gap / n));
        if (latePulses > lateBefore) reportLate(latePulses - lateBefore);
    }

    /** One line at most a second: pulses that left late, because Lang was held up longer than the latency. */
    private void reportLate(long n) {
        int held = lateReports.admit();
        if (held < 0) return;
        output.err("midi.clock: " + n + (n == 1 ? " pulse" : " pulses") + " to '" + out.name + "' left late (the Lang thread was held up"
                + " longer than latency()); raise latency() if this repeats");
    }

    private void pulse(MidiOut o, long sample) {
        long due = SampleInstants.nanosOf(server, sample);
        if (due - System.nanoTime() < 0) latePulses++;
        if (startAt != Long.MIN_VALUE && sample >= startAt - 1) {
            o.send(due, this, MidiMessage.START, 0, 0); // queued first: it leaves just before the pulse it begins on
            startAt = Long.MIN_VALUE;
        }
        o.send(due, this, MidiMessage.CLOCK, 0, 0);
        lastPulse = sample;
        pulses++;
    }
}
