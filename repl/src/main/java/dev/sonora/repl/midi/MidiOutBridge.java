package dev.sonora.repl.midi;

import java.util.ArrayList;
import java.util.List;

import javax.sound.midi.MidiDevice;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

import dev.sonora.repl.lang.Bridge;
import dev.sonora.repl.lang.JsHost;
import dev.sonora.repl.lang.JsValues;
import dev.sonora.repl.lang.LangLoop;
import dev.sonora.repl.lang.Output;
import dev.sonora.repl.time.TimeBridge;
import dev.sonora.server.Server;
import dev.sonora.server.midi.device.MidiInputs;
import dev.sonora.server.midi.message.MidiException;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.midi.out.MidiOut;
import dev.sonora.server.midi.out.MidiOutputs;
import dev.sonora.server.outbound.OutboundQueue;
import dev.sonora.server.outbound.SampleInstants;
import dev.sonora.server.rt.Command;

/**
 * The JS API's door to MIDI out and MIDI clock (the prelude module {@code midiout.mjs} gets it;
 * it adds {@code outputs}, {@code out} and {@code clock} to {@code midi}).
 *
 * <p>Timing: a message made while a clock event runs (a loop, a pattern, {@code at}, a handler
 * under {@code midi.latency}) carries that event's sample, the one its synths play on, and leaves
 * when the audio clock reaches it ({@link SampleInstants}), from the {@code sonora-midi-out}
 * thread; one made outside events (a typed line) leaves at once. A note's note-off leaves its
 * length in beats later, at the tempo of its start. Under {@code --render} (virtual time) there is
 * no audio clock to meet: messages leave as the render reaches them.
 *
 * <p>Lang thread only (the JS context and the Lang tickers call it).
 */
public final class MidiOutBridge implements AutoCloseable {
    private final Server server;
    private final LangLoop lang;
    private final Output output;
    private final MidiBridge midi;
    private final TimeBridge time;
    private final OutboundQueue queue;
    private final List<MidiOut> outs = new ArrayList<>(); // by id; an output reopened after a failure gets a new id
    private final MidiClockSender clockOut;
    private final MidiClockFollow clockIn;
    private Bridge bridge;
    private boolean closed;
    private boolean renderSaid; // the one line a render's first MIDI out gets

    public MidiOutBridge(Server server, LangLoop lang, Output output, JsHost host) {
        this.server = server;
        this.lang = lang;
        this.output = output;
        this.midi = host.extension("midi", MidiBridge.class);
        this.time = host.extension("time", TimeBridge.class);
        if (midi == null || time == null) throw new IllegalStateException("midi out needs the midi and time extensions loaded before it");
        this.queue = new OutboundQueue("sonora-midi-out", e -> output.err("midi out: " + e.getMessage()));
        this.clockOut = new MidiClockSender(server, time, output);
        this.clockIn = new MidiClockFollow(time, server, output);
        midi.tap(clockIn);
        time.clock().onTransportStop(sample -> { // a shared transport stopped: no note is left hanging
            if (closed) return;
            long due = instantOf(sample);
            for (MidiOut o : outs) if (o != null) o.endHeldNotesAt(due);
        });
        lang.addTicker(() -> {
            if (closed) return;
            clockOut.tick();
            clockIn.tick();
        });
    }

    /** Hands over the prelude's bridge, whose event time stamps what timed code sends. */
    @HostAccess.Export
    public void attach(Object b) {
        if (!(b instanceof Bridge br)) throw new IllegalArgumentException("midi out: not the prelude's bridge");
        bridge = br;
    }

    private MidiInputs.DeviceSource devices() {
        return midi.hub().deviceSource();
    }

    // ---- outputs ----

    @HostAccess.Export
    public ProxyArray outputs() {
        return JsValues.list(MidiOutputs.list(devices()));
    }

    /** {@code midi.out(name)}: opens (or finds open) the one output the name picks; returns its id. */
    @HostAccess.Export
    public int open(String request) {
        String what = "midi.out('" + request + "')";
        try {
            MidiDevice d = MidiOutputs.match(MidiOutputs.outputs(devices()), request, what);
            String name = MidiInputs.name(d);
            for (int i = 0; i < outs.size(); i++) {
                MidiOut o = outs.get(i);
                if (o != null && o.name.equals(name) && !o.failed()) return i;
            }
            outs.add(MidiOut.open(name, d, queue, output::err));
            return outs.size() - 1;
        } catch (MidiException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @HostAccess.Export
    public String name(int id) {
        return out(id).name;
    }

    private MidiOut out(int id) {
        MidiOut o = id >= 0 && id < outs.size() ? outs.get(id) : null;
        if (o == null) throw new IllegalArgumentException("midi out: that output is closed");
        return o;
    }

    // ---- timing ----

    /** The sample the running event plays on, or {@link Command#NOW}. */
    private long eventSample() {
        return bridge == null ? Command.NOW : bridge.eventTime();
    }

    private long instantOf(long sample) {
        if (lang.virtualTime()) return System.nanoTime(); // a render: no audio clock to meet
        return SampleInstants.nanosOf(server, sample);
    }

    /**
     * A render runs faster than the music: MIDI sent then would reach the device in a burst,
     * so nothing is sent; the first time, one line says so (not an error: the render goes on).
     */
    private boolean rendering() {
        if (!lang.virtualTime()) return false;
        if (!renderSaid) {
            renderSaid = true;
            output.out("midi out: not sent during a --render (it runs faster than the music, the device would get it in a burst):"
                    + " MIDI notes, messages and clock are skipped; the audio renders as usual");
        }
        return true;
    }

    private long beatsToSamples(double beats) {
        return Math.round(beats * server.sampleRate() * 60.0 / time.tempo());
    }

    // ---- messages ----

    /** One channel or system message (bytes checked by the prelude; checked again here), at the event's time. */
    @HostAccess.Export
    public void send(int id, int status, int data1, int data2) {
        checkBytes(status, data1, data2);
        MidiOut o = out(id);
        if (rendering()) return;
        o.send(instantOf(eventSample()), status, data1, data2);
    }

    /** A note-on at the event's time and its note-off {@code beats} later. Channel 0..15. */
    @HostAccess.Export
    public void note(int id, int channel, int note, int velocity, double beats) {
        int on = MidiMessage.NOTE_ON | channel;
        checkBytes(on, note, velocity);
        if (!(beats > 0) || !Double.isFinite(beats)) throw new IllegalArgumentException("note length in beats must be a positive number");
        MidiOut o = out(id);
        if (rendering()) return;
        long start = eventSample();
        long onAt = instantOf(start);
        long offAt;
        if (lang.virtualTime()) offAt = onAt;
        else if (start == Command.NOW) offAt = onAt + Math.round(beats * 60e9 / time.tempo());
        else offAt = instantOf(start + beatsToSamples(beats));
        o.send(onAt, on, note, velocity);
        o.send(offAt, MidiMessage.NOTE_OFF | channel, note, 0);
    }

    private static void checkBytes(int status, int data1, int data2) {
        if (status < 0x80 || status > 0xFF || MidiMessage.dataLength(status) < 0) throw new IllegalArgumentException("midi out: status byte " + status + " is not a short message");
        if (data1 < 0 || data1 > 127 || data2 < 0 || data2 > 127) throw new IllegalArgumentException("midi out: data bytes are 0..127, got " + data1 + ", " + data2);
    }

    /** {@code o.panic()}: drops what it has queued, ends its notes, all-notes-off and all-sound-off on every channel. */
    @HostAccess.Export
    public void panic(int id) {
        out(id).panic();
    }

    /** hush(): every output drops what it queued and ends the notes it holds; a clock being sent gets a Stop. */
    @HostAccess.Export
    public void hush() {
        for (MidiOut o : outs) if (o != null) o.release();
        clockOut.pause(Command.NOW);
    }

    /** {sent, held} of one output (held: as the sending thread last saw it). */
    @HostAccess.Export
    public ProxyObject outStatus(int id) {
        MidiOut o = out(id);
        return JsValues.object("name", o.name, "sent", o.sent(), "failed", o.failed(), "queued", queue.pending());
    }

    // ---- clock ----

    @HostAccess.Export
    public void clockSend(String request) {
        MidiOut o = out(open(request));
        if (rendering()) return;
        clockOut.send(o);
    }

    @HostAccess.Export
    public void clockStart() {
        if (!clockOut.sending()) throw new IllegalArgumentException("midi.clock.start: no clock is being sent; midi.clock.send('name') first");
        clockOut.start();
    }

    /** Stop at the event's time, and no more pulses. */
    @HostAccess.Export
    public void clockStop() {
        clockOut.stop(eventSample());
    }

    /** {@code midi.clock.follow(name)}: opens the input (as midi.open) and follows its clock. Returns the input's name. */
    @HostAccess.Export
    public String clockFollow(String request) {
        List<String> names = midi.openInputs(request);
        if (names.size() != 1) {
            throw new IllegalArgumentException("midi.clock.follow('" + request + "'): follow one input, not " + names.size() + " (" + String.join(", ", names) + ")");
        }
        String name = names.get(0);
        clockIn.follow(name, midi.hub().sourceOf(name));
        return name;
    }

    /** The driver's output latency: a followed clock's beat is where the sound leaves the speakers. Lang thread (set at start-up). */
    public void outputLatencyFrames(int frames) {
        clockIn.outputLatencyFrames(frames);
    }

    @HostAccess.Export
    public void clockUnfollow() {
        clockIn.stop();
    }

    @HostAccess.Export
    public ProxyObject clockStatus() {
        double bpm = clockIn.measuredBpm();
        return JsValues.object("sending", clockOut.outputName(), "pulsesSent", clockOut.pulses(), "pulsesLate", clockOut.latePulses(),
                "following", clockIn.inputName(), "bpm", Double.isNaN(bpm) ? null : Math.round(bpm * 100) / 100.0,
                "running", clockIn.running(), "position", clockIn.position(), "pulsesHeard", clockIn.pulses(),
                "alignments", clockIn.alignments());
    }

    @Override
    public void close() {
        closed = true;
        queue.cancel(clockOut); // pulses queued ahead
        for (MidiOut o : outs) if (o != null) o.release();
        long until = System.nanoTime() + 200_000_000L; // the note-offs leave before the devices close
        while (queue.pending() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        queue.close();
        for (MidiOut o : outs) if (o != null) o.close();
        midi.tap(null);
    }
}
