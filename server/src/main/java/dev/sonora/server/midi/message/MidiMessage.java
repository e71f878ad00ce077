package dev.sonora.server.midi.message;

/**
 * One MIDI short message (channel voice, system common or real-time) as a reusable,
 * caller-owned holder: {@link MidiConsumer#tryPop} fills it in place, so taking messages
 * off a buffer allocates nothing. SysEx does not fit here (see {@link MidiSink#sysex}).
 *
 * <p>Owned by one thread at a time, like any mutable value. {@link #toString} allocates:
 * not for the audio thread.
 */
public final class MidiMessage {
    public static final int NOTE_OFF = 0x80;
    public static final int NOTE_ON = 0x90;
    public static final int POLY_TOUCH = 0xA0;
    public static final int CONTROL_CHANGE = 0xB0;
    public static final int PROGRAM = 0xC0;
    public static final int CHANNEL_TOUCH = 0xD0;
    public static final int PITCH_BEND = 0xE0;
    /** System real-time messages {@link MidiType} names. */
    public static final int CLOCK = 0xF8;
    public static final int START = 0xFA;
    public static final int CONTINUE = 0xFB;
    public static final int STOP = 0xFC;

    /** {@link #source} of events from the MIDI file player; device inputs number from 0. */
    public static final int SOURCE_PLAYER = 255;

    /** Status byte, 0x80..0xFF. */
    public int status;
    /** First data byte (0..127), 0 when the message has none. */
    public int data1;
    /** Second data byte (0..127), 0 when the message has none. */
    public int data2;
    /** Which input it came from: a device number, or {@link #SOURCE_PLAYER}. */
    public int source;
    /**
     * When it happened. Device input: {@link System#nanoTime()} at arrival (the receiver call).
     * Player: the sample time the event is due.
     */
    public long time;

    public MidiMessage() {
    }

    public MidiMessage(int status, int data1, int data2) {
        set(status, data1, data2, 0, 0L);
    }

    public MidiMessage set(int status, int data1, int data2, int source, long time) {
        this.status = status & 0xFF;
        this.data1 = data1 & 0x7F;
        this.data2 = data2 & 0x7F;
        this.source = source & 0xFF;
        this.time = time;
        return this;
    }

    /** Fills this holder from a word made by {@link #pack}. */
    public MidiMessage unpack(int word, long time) {
        this.status = word & 0xFF;
        this.data1 = (word >>> 8) & 0xFF;
        this.data2 = (word >>> 16) & 0xFF;
        this.source = (word >>> 24) & 0xFF;
        this.time = time;
        return this;
    }

    /** Status, data bytes and source in one int: how the buffers store a message. */
    public static int pack(int status, int data1, int data2, int source) {
        return (status & 0xFF) | (data1 & 0x7F) << 8 | (data2 & 0x7F) << 16 | (source & 0xFF) << 24;
    }

    public int pack() {
        return pack(status, data1, data2, source);
    }

    /** The status without its channel (0x80..0xE0), or the whole status for system messages. */
    public static int command(int status) {
        return status < 0xF0 ? status & 0xF0 : status;
    }

    public int command() {
        return command(status);
    }

    /** MIDI channel 0..15, or -1 for system messages. */
    public int channel() {
        return status < 0xF0 ? status & 0x0F : -1;
    }

    /** A note-on with velocity above 0. */
    public static boolean isNoteOn(int status, int data2) {
        return command(status) == NOTE_ON && data2 > 0;
    }

    /** A note-off, or a note-on with velocity 0, which means the same: the one place that says so. */
    public static boolean isNoteOff(int status, int data2) {
        int c = command(status);
        return c == NOTE_OFF || (c == NOTE_ON && data2 == 0);
    }

    /** A control change on any channel. Allocates nothing: the audio thread asks this. */
    public static boolean isControlChange(int status) {
        return command(status) == CONTROL_CHANGE;
    }

    public boolean isNoteOn() {
        return isNoteOn(status, data2);
    }

    public boolean isNoteOff() {
        return isNoteOff(status, data2);
    }

    public boolean isControlChange() {
        return isControlChange(status);
    }

    public boolean isPitchBend() {
        return command(status) == PITCH_BEND;
    }

    /** What {@code midi.on} calls this message, or null for one it has no name for. */
    public MidiType type() {
        return MidiType.of(status, data2);
    }

    /** Pitch bend as 0..16383 (8192 = centre). */
    public int bend() {
        return data1 | data2 << 7;
    }

    /** Number of data bytes that follow this status on the wire (-1 for SysEx, undefined). */
    public static int dataLength(int status) {
        if (status < 0x80) return -1;
        if (status < 0xF0) {
            int c = status & 0xF0;
            return c == PROGRAM || c == CHANNEL_TOUCH ? 1 : 2;
        }
        return switch (status) {
            case 0xF1, 0xF3 -> 1;
            case 0xF2 -> 2;
            case 0xF6, 0xF8, 0xFA, 0xFB, 0xFC, 0xFE, 0xFF -> 0;
            default -> -1; // F0 SysEx, F7 end of SysEx, undefined F4 F5 F9 FD
        };
    }

    public MidiMessage copy() {
        return new MidiMessage().set(status, data1, data2, source, time);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MidiMessage m && m.status == status && m.data1 == data1 && m.data2 == data2
                && m.source == source && m.time == time;
    }

    @Override
    public int hashCode() {
        return pack() * 31 + Long.hashCode(time);
    }

    @Override
    public String toString() {
        MidiType type = type();
        String name;
        if (status >= 0xF0 || type == null) name = String.format("sys %02X", status);
        else if (command() == NOTE_ON && data2 == 0) name = "noteon(0)"; // as it came, though it counts as a noteoff
        else name = type.label();
        return channel() >= 0
                ? name + " ch" + (channel() + 1) + " " + data1 + " " + data2 + " @" + time
                : name + " " + data1 + " " + data2 + " @" + time;
    }
}
