package dev.sonora.server.midi.message;

/** A MIDI request that cannot be done (no such device, device busy, bad mapping); the message is one line. */
public final class MidiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MidiException(String message) {
        super(message);
    }
}
