package dev.sonora.server.midi.file;

import dev.sonora.server.midi.message.MidiMessage;

/**
 * One event of a Standard MIDI File at its absolute time. Immutable; any thread.
 *
 * @param tick     absolute tick in its track
 * @param seconds  absolute time from the start of the file, tempo changes applied
 * @param track    track number from 1, in file order
 * @param status   0x80..0xEF channel message, 0xF0 / 0xF7 SysEx, 0xFF meta
 * @param data1    first data byte of a channel message, or the meta type
 * @param data2    second data byte of a channel message, else 0
 * @param data     SysEx bytes (starting F0 for an F0 event) or meta payload; empty for channel messages
 */
public record SmfEvent(long tick, double seconds, int track, int status, int data1, int data2, byte[] data) {
    public static final int META = 0xFF;
    public static final int META_TEMPO = 0x51;
    public static final int META_END_OF_TRACK = 0x2F;
    static final byte[] NO_DATA = new byte[0];

    /** A channel message (note, cc, bend...): what the player sends on. */
    public boolean isChannelMessage() {
        return status >= 0x80 && status < 0xF0;
    }

    public boolean isMeta() {
        return status == META;
    }

    public boolean isSysex() {
        return status == 0xF0 || status == 0xF7;
    }

    /** The meta type, or -1 if this is not a meta event. */
    public int metaType() {
        return status == META ? data1 : -1;
    }

    /** Meta text events (types 1..15) as text, else null. */
    public String text() {
        if (status != META || data1 < 1 || data1 > 15) return null;
        return new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        if (isChannelMessage()) {
            return String.format("%.6fs t%d %s", seconds, track, new MidiMessage(status, data1, data2).toString().replaceAll(" @.*", ""));
        }
        return String.format("%.6fs t%d %s %02X (%d bytes)", seconds, track, isMeta() ? "meta" : "sysex", isMeta() ? data1 : status, data.length);
    }
}
