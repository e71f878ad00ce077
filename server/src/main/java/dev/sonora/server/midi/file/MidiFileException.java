package dev.sonora.server.midi.file;

import java.io.IOException;

/**
 * A MIDI file that cannot be played. The message is one line naming the file and the reason,
 * e.g. {@code "song.mid: truncated track 1 at byte 267 (the track header promises 246 bytes,
 * the file holds 245)"}, ready to show the performer as it is.
 */
public final class MidiFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public MidiFileException(String file, String reason) {
        super(file + ": " + reason);
    }
}
