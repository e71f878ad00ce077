package dev.sonora.server.midi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.sonora.server.midi.message.MidiException;
import dev.sonora.server.midi.message.MidiHandler;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.midi.message.MidiType;

/**
 * Lang-side handler table for {@code midi.on(type, fn)} and {@code midi.cc(n, fn)}: matches each
 * message by type, channel and (for cc) controller number and calls the handlers in the order
 * they were added. A handler that throws is reported through the {@link ErrorSink} and stays
 * registered; the other handlers, and the music, go on.
 *
 * <p>Lang thread only.
 */
public final class MidiDispatcher {
    /** What {@link #on} takes for every message: a handler for all of them. */
    public static final String ANY = "any";
    /** Types {@link #on} accepts: every {@link MidiType} label, then {@link #ANY}. */
    public static final List<String> TYPES = withAny(MidiType.labels());

    /** Where handler failures go (the front end adds file:line and prints one line). */
    @FunctionalInterface
    public interface ErrorSink {
        void handlerFailed(String what, RuntimeException error);
    }

    /** {@code type} null: any message. */
    private record Entry(int id, MidiType type, int channel, int cc, MidiHandler handler, String what) { }

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
        MidiType k = MidiType.named(t);
        if (k == null && !t.equals(ANY)) {
            throw new MidiException("midi.on('" + type + "'): unknown type (types: " + String.join(", ", TYPES) + ")");
        }
        return add(k, channel, -1, handler, "midi.on('" + t + "')");
    }

    /** Adds a handler for one controller number (0..127); {@code channel} 0..15 or -1. */
    public int onCc(int cc, int channel, MidiHandler handler) {
        if (cc < 0 || cc > 127) throw new MidiException("midi.cc(" + cc + "): controller numbers are 0..127");
        return add(MidiType.CC, channel, cc, handler, "midi.cc(" + cc + ")");
    }

    private int add(MidiType type, int channel, int cc, MidiHandler handler, String what) {
        if (handler == null) throw new MidiException(what + ": no handler function given");
        if (channel < -1 || channel > 15) throw new MidiException(what + ": channel " + (channel + 1) + " is out of range (1..16)");
        Entry[] grown = Arrays.copyOf(entries, entries.length + 1);
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

    /** True when some handler would be called for {@code m}. */
    public boolean hears(MidiMessage m) {
        for (Entry e : entries) if (matches(e, m)) return true;
        return false;
    }

    private static boolean matches(Entry e, MidiMessage m) {
        return (e.type() == null || e.type() == m.type()) && (e.channel() < 0 || e.channel() == m.channel())
                && (e.cc() < 0 || e.cc() == m.data1);
    }

    /** Calls every matching handler. */
    public void dispatch(MidiMessage m) {
        for (Entry e : entries) { // a snapshot: handlers may add or remove handlers
            if (!matches(e, m)) continue;
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

    private static List<String> withAny(List<String> types) {
        List<String> all = new ArrayList<>(types);
        all.add(ANY);
        return List.copyOf(all);
    }
}
