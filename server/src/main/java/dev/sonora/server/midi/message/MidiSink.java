package dev.sonora.server.midi.message;

import dev.sonora.server.midi.device.MidiParser;

/**
 * Where {@link MidiParser} delivers complete messages. Called on the parser's thread (a
 * device callback thread): implementations must not block.
 */
public interface MidiSink {
    /** A complete short message; absent data bytes are 0. */
    void shortMessage(int status, int data1, int data2, long time);

    /**
     * A complete SysEx message, {@code F0 ... F7} inclusive, in {@code bytes[0..length)}. The
     * array is the parser's own and is reused: copy what you keep. Default: ignored.
     */
    default void sysex(byte[] bytes, int length, long time) {
    }
}
