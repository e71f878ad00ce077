package dev.sonora.server.midi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.sonora.server.midi.message.MidiException;
import dev.sonora.server.midi.message.MidiHandler;
import dev.sonora.server.midi.message.MidiMessage;

/**
 * Lang-side handler table for {@code midi.on(type, fn)} and {@code midi.cc(n, fn)}: matches each
 * message by type, channel and (for cc) controller number and calls the handlers in the order
 * they were added. A handler that throws is reported through the {@link ErrorSink} and stays
 * registered; the other handlers, and the music, go on.
 *
 * <p>Lang thread only.
 */
public final class MidiDispatcher {
    /** Types {@link #on} accepts. */
    public static final List<String> TYPES = List.of("noteon", "noteoff", "cc", "bend", "program", "touch", "polytouch",
            "clock", "start", "continue", "stop", "any");

    /** Where handler failures go (the front end adds file:line and prints one line). */
    @FunctionalInterface
    public interface ErrorSink {
        void handlerFailed(String what, RuntimeException error);
    }

    private record Entry(int id, int type, int channel, int cc, MidiHandler handler, String what) { }

    private static final int NOTE_ON = 0, NOTE_OFF = 1, CC = 2, BEND = 3, PROGRAM = 4, TOUCH = 5, POLY = 6,
            CLOCK = 7, START = 8, CONTINUE = 9, STOP = 10, ANY = 11;

    private final ErrorSink errors;
    private Entry[] entries = new Entry[0];
    private int nextId = 1;
    private long failures;

    public MidiDispatcher(ErrorSink errors) {
        this.errors = errors;
    }

    /**
     * Adds a handler for a type (see {@link #TYPES}); {@code channel} 0..15, or -1 for any.
     * Returns an id for {@link #off}. Unknown types are refused with the list.
     */
    public int on(String type, int channel, MidiHandler handler) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        int k = TYPES.indexOf(t);
        if (k < 0) throw new MidiException("midi.on('" + type + "'): unknown type (types: " + String.join(", ", TYPES) + ")");
        return add(k, channel, -1, handler, "midi.on('" + t + "')");
    }

    /** Adds a handler for one controller number (0..127); {@code channel} 0..15 or -1. */
    public int onCc(int cc, int channel, MidiHandler handler) {
        if (cc < 0 || cc > 127) throw new MidiException("midi.cc(" + cc + "): controller numbers are 0..127");
        return add(CC, channel, cc, handler, "midi.cc(" + cc + ")");
    }

    private int add(int type, int channel, int cc, MidiHandler handler, String what) {
        if (handler == null) throw new MidiException(what + ": no handler function given");
        if (channel < -1 || channel > 15) throw new MidiException(what + ": channel " + (channel + 1) + " is out of range (1..16)");
        Entry[] grown = java.util.Arrays.copyOf(entries, entries.length + 1);
        grown[entries.length] = new Entry(nextId, type, channel, cc, handler, what);
        entries = grown;
        return nextId++;
    }

    /** Removes a handler; false if the id is unknown. */
    public boolean off(int id) {
        List<Entry> keep = new ArrayList<>();
        for (Entry e : entries) if (e.id() != id) keep.add(e);
        boolean removed = keep.size() != entries.length;
        entries = keep.toArray(new Entry[0]);
        return removed;
    }

    /** Removes every handler. */
    public void clear() {
        entries = new Entry[0];
    }

    public int size() {
        return entries.length;
    }

    /** Calls every matching handler. */
    public void dispatch(MidiMessage m) {
        final int type = typeOf(m);
        final int ch = m.channel();
        for (Entry e : entries) { // a snapshot: handlers may add or remove handlers
            if (e.type() != ANY && e.type() != type) continue;
            if (e.channel() >= 0 && e.channel() != ch) continue;
            if (e.cc() >= 0 && e.cc() != m.data1) continue;
            try {
                e.handler().handle(m);
            } catch (RuntimeException ex) {
                failures++;
                errors.handlerFailed(e.what(), ex);
            } catch (StackOverflowError so) {
                failures++;
                errors.handlerFailed(e.what(), new IllegalStateException("stack overflow (endless recursion?)"));
            }
        }
    }

    /** Takes up to {@code max} waiting messages from the hub and dispatches each; returns how many. */
    public int pollFrom(MidiHub hub, MidiMessage scratch, int max) {
        int n = 0;
        while (n < max && hub.poll(scratch)) {
            n++;
            dispatch(scratch);
        }
        return n;
    }

    /** Handler calls that threw. */
    public long failures() {
        return failures;
    }

    private static int typeOf(MidiMessage m) {
        if (m.status >= 0xF0) {
            return switch (m.status) {
                case 0xF8 -> CLOCK;
                case 0xFA -> START;
                case 0xFB -> CONTINUE;
                case 0xFC -> STOP;
                default -> -1;
            };
        }
        return switch (m.status & 0xF0) {
            case MidiMessage.NOTE_ON -> m.data2 == 0 ? NOTE_OFF : NOTE_ON;
            case MidiMessage.NOTE_OFF -> NOTE_OFF;
            case MidiMessage.CONTROL_CHANGE -> CC;
            case MidiMessage.PITCH_BEND -> BEND;
            case MidiMessage.PROGRAM -> PROGRAM;
            case MidiMessage.CHANNEL_TOUCH -> TOUCH;
            case MidiMessage.POLY_TOUCH -> POLY;
            default -> -1;
        };
    }
}
