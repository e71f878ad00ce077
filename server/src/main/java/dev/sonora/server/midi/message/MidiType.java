package dev.sonora.server.midi.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The message types a user names ({@code midi.on('noteon', fn)}), each with the status byte
 * it stands for: the one table of MIDI type names. Which type a message is follows
 * {@link MidiMessage#isNoteOff(int, int)}, so a note-on with velocity 0 is a {@link #NOTE_OFF}
 * here as everywhere.
 *
 * <p>Immutable; {@link #of} allocates nothing. Not for the audio thread all the same: it has no
 * need of names, and tests the status bytes ({@link MidiMessage#isControlChange(int)}) instead.
 */
public enum MidiType {
    NOTE_ON("noteon", MidiMessage.NOTE_ON),
    NOTE_OFF("noteoff", MidiMessage.NOTE_OFF),
    CC("cc", MidiMessage.CONTROL_CHANGE),
    BEND("bend", MidiMessage.PITCH_BEND),
    PROGRAM("program", MidiMessage.PROGRAM),
    TOUCH("touch", MidiMessage.CHANNEL_TOUCH),
    POLY_TOUCH("polytouch", MidiMessage.POLY_TOUCH),
    CLOCK("clock", MidiMessage.CLOCK),
    START("start", MidiMessage.START),
    CONTINUE("continue", MidiMessage.CONTINUE),
    STOP("stop", MidiMessage.STOP);

    private static final MidiType[] ALL = values();
    private static final List<String> LABELS;

    static {
        List<String> labels = new ArrayList<>();
        for (MidiType t : ALL) labels.add(t.label);
        LABELS = List.copyOf(labels);
    }

    private final String label;
    private final int status;

    MidiType(String label, int status) {
        this.label = label;
        this.status = status;
    }

    /** The name a user types: {@code "noteon"}, {@code "cc"}, {@code "clock"}. */
    public String label() {
        return label;
    }

    /** The status byte: without its channel (0x80..0xE0) for channel messages, whole for system ones. */
    public int status() {
        return status;
    }

    /** Every label, in the order the types are declared (the order error messages list them in). */
    public static List<String> labels() {
        return LABELS;
    }

    /** The type of a message, or null for one that has no name here (other system messages, SysEx). */
    public static MidiType of(int status, int data2) {
        if (MidiMessage.isNoteOff(status, data2)) return NOTE_OFF; // also a note-on with velocity 0
        int command = MidiMessage.command(status);
        for (MidiType t : ALL) {
            if (t.status == command) return t;
        }
        return null;
    }

    /** The type a label names, in any case; null when none does. */
    public static MidiType named(String label) {
        if (label == null) return null;
        String l = label.toLowerCase(Locale.ROOT);
        for (MidiType t : ALL) {
            if (t.label.equals(l)) return t;
        }
        return null;
    }
}
