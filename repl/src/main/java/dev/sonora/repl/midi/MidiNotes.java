package dev.sonora.repl.midi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.sonora.repl.lang.Output;
import dev.sonora.repl.lang.ReportLimiter;
import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.ServerException;
import dev.sonora.server.midi.MidiHub;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.SynthDef;

/**
 * Direct note mappings ({@code midi.notes(opts).play(def, controls)}): each note-on starts a synth
 * of the def and its note-off releases it, with no JavaScript between the key and the sound. So
 * their timing does not wait for the Lang loop: with {@code midi.latency(ms)} every note sounds
 * at its arrival plus the latency, sample-exact, while the set's own JavaScript runs; with 0 at
 * the next block.
 *
 * <p>What a note sets, where the def has the control and the mapping does not set it: {@code freq}
 * = midicps(note), {@code note} = the note number, {@code velocity} = velocity / 127; {@code amp}
 * (the mapping's, else the def's default) is scaled by velocity / 127. A def with a {@code gate}
 * is released at the note-off (gate 0); one without plays to its own end (a percussive envelope),
 * or, when nothing in it can end it (a drone), is freed at the note-off.
 * A note struck again while it sounds releases the voice it had first. The def is looked up by
 * name at each note, so a redefinition plays from the next note.
 *
 * <p>Threads: live, the MIDI waker's thread plays the notes ({@link #pump}) each time it looks at
 * the inputs, every 0.5 ms; in a render the Lang thread does, before each block, so a render stays
 * deterministic. Mappings are made and removed on the Lang thread. Everything here runs under
 * this object's lock, which only those two threads take, never the audio thread.
 */
final class MidiNotes {
    /** One mapping: a channel (0..15, -1 any), a def by name, and fixed controls. */
    private record Mapping(int id, int channel, String def, String[] names, float[] values, Map<Integer, NodeRef> held) {
        boolean hears(int ch) {
            return channel < 0 || channel == ch;
        }

        String what() {
            return "midi.notes" + (channel < 0 ? "()" : "({channel: " + (channel + 1) + "})") + ".play('" + def + "')";
        }
    }

    private final Server server;
    private final Output output;
    private final MidiLatency latency;
    private final MidiMessage scratch = new MidiMessage();
    private final List<Mapping> mappings = new ArrayList<>();
    private final ReportLimiter lateReports;
    private final ReportLimiter errorReports;
    private int nextId = 1;
    private long late;
    private long failures;

    MidiNotes(Server server, Output output, MidiLatency latency) {
        this.server = server;
        this.output = output;
        this.latency = latency;
        this.lateReports = new ReportLimiter(server);
        this.errorReports = new ReportLimiter(server);
    }

    /**
     * Adds a mapping; refuses an unknown def or control in one line, at once. Returns its id for
     * {@link #unmap}. {@code hub} starts routing notes here.
     */
    synchronized int map(MidiHub hub, int channel, String def, String[] names, float[] values) {
        String what = "midi.notes().play('" + def + "')";
        if (channel < -1 || channel > 15) throw new IllegalArgumentException(what + ": channel is 1..16, got " + (channel + 1));
        SynthDef d;
        try {
            d = server.requireDef(def);
        } catch (ServerException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
        String[] n = names == null ? new String[0] : names.clone();
        float[] v = values == null ? new float[0] : values.clone();
        for (String c : n) {
            if (d.controlIndex(c) < 0) {
                throw new IllegalArgumentException(what + ": '" + def + "' has no control '" + c + "' (controls: "
                        + String.join(", ", d.controlNames()) + ")");
            }
        }
        Mapping m = new Mapping(nextId++, channel, def, n, v, new HashMap<>());
        mappings.add(m);
        hub.routeNotes(true);
        return m.id;
    }

    /** Removes a mapping, releasing the notes it holds; the hub stops routing notes when none is left. */
    synchronized boolean unmap(MidiHub hub, int id) {
        for (int i = 0; i < mappings.size(); i++) {
            Mapping m = mappings.get(i);
            if (m.id != id) continue;
            mappings.remove(i);
            for (NodeRef n : m.held.values()) release(n, Command.NOW);
            m.held.clear();
            if (mappings.isEmpty()) hub.routeNotes(false);
            return true;
        }
        return false;
    }

    /** A new hub (tests' fake devices) routes notes here as the old one did. */
    synchronized void rewire(MidiHub hub) {
        hub.routeNotes(!mappings.isEmpty());
    }

    /** Notes whose sound was due before they could be played (constant latency). */
    synchronized long late() {
        return late;
    }

    /** Notes the server refused (a full queue, the node limit), each reported at most once a second. */
    synchronized long failures() {
        return failures;
    }

    /**
     * Plays every note waiting in {@code hub}'s note buffers. Live: the MIDI waker's thread; a
     * render: the Lang thread. With no mapping left it drains them unplayed.
     */
    synchronized void pump(MidiHub hub) {
        while (hub.pollNote(scratch)) {
            if (mappings.isEmpty()) continue;
            long time = timeOf(scratch);
            int ch = scratch.channel();
            for (int i = 0; i < mappings.size(); i++) {
                Mapping m = mappings.get(i);
                if (!m.hears(ch)) continue;
                if (scratch.isNoteOn()) start(m, ch, scratch.data1, scratch.data2, time);
                else stop(m, ch, scratch.data1, time);
            }
        }
    }

    /** The sample the note sounds at: its arrival plus the latency, or {@link Command#NOW} without one. */
    private long timeOf(MidiMessage m) {
        if (latency.samples() == 0) return Command.NOW;
        long next = server.sampleTime();
        long due = latency.due(m, next);
        if (due < next) lateBy(next - due); // stamped in the past: the audio thread plays it at once and counts it
        return due;
    }

    private void start(Mapping m, int ch, int note, int velocity, long time) {
        int key = ch << 7 | note;
        NodeRef before = m.held.remove(key);
        if (before != null) release(before, time);
        SynthDef d = server.def(m.def);
        if (d == null) return; // cannot happen: defs are never removed
        String[] names = new String[m.names.length + 4];
        float[] values = new float[names.length];
        int n = m.names.length;
        System.arraycopy(m.names, 0, names, 0, n);
        System.arraycopy(m.values, 0, values, 0, n);
        float v = velocity / 127f;
        n = put(d, m, names, values, n, "freq", (float) (440.0 * Math.pow(2, (note - 69) / 12.0)));
        n = put(d, m, names, values, n, "note", note);
        n = put(d, m, names, values, n, "velocity", v);
        int amp = d.controlIndex("amp");
        if (amp >= 0) {
            int given = indexOf(m.names, "amp");
            if (given >= 0) values[given] *= v;
            else n = put(d, m, names, values, n, "amp", d.controlDefault(amp) * v);
        }
        try {
            NodeRef node = server.synth(d, Arrays.copyOf(names, n), Arrays.copyOf(values, n),
                    AddAction.TAIL, server.defaultGroup(), time);
            // held till its note-off: to close its gate, or to free one that would never end by itself (a drone)
            if (d.controlIndex("gate") >= 0 || !d.canEndItself()) m.held.put(key, node);
        } catch (ServerException e) {
            failed(m, e); // a full queue, the node limit: one line, the next note tries again
        }
    }

    private void stop(Mapping m, int ch, int note, long time) {
        NodeRef n = m.held.remove(ch << 7 | note);
        if (n != null) release(n, time);
    }

    /**
     * Closes the gate (the server keeps it open until the envelope has started: a pad's quick
     * note-off); a voice without a gate is freed.
     */
    private void release(NodeRef n, long time) {
        try {
            server.release(n, time); // one that ended meanwhile (its envelope, a hush) is left be
        } catch (ServerException e) {
            // the command queue is full (a storm): this note-off is lost, as any command refused then
        }
    }

    /** Adds {@code name = value} where the def has that control and the mapping does not set it. */
    private static int put(SynthDef d, Mapping m, String[] names, float[] values, int n, String name, float value) {
        if (d.controlIndex(name) < 0 || indexOf(m.names, name) >= 0) return n;
        names[n] = name;
        values[n] = value;
        return n + 1;
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) if (names[i].equals(name)) return i;
        return -1;
    }

    private void lateBy(long lateSamples) {
        late++;
        int held = lateReports.admit();
        if (held < 0) return;
        String more = held == 0 ? "" : " (" + held + " more since the last report)";
        output.err(String.format(Locale.ROOT, "midi.notes: a note was played %.1f ms after its sound was due%s: raise"
                + " midi.latency (now %s ms)", lateSamples * 1000.0 / server.sampleRate(), more, latency.millisText()));
    }

    private void failed(Mapping m, ServerException e) {
        failures++;
        int held = errorReports.admit();
        if (held < 0) return;
        String more = held == 0 ? "" : " (" + held + " more since the last report)";
        output.err(m.what() + ": " + e.getMessage() + more);
    }
}
