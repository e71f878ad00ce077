package dev.sonora.server.midi.message;

/**
 * Reacts to one MIDI message. The message is a reused holder: copy what you keep. Called on
 * the Lang loop (dispatch) or on the offline controller (file rendering).
 */
@FunctionalInterface
public interface MidiHandler {
    void handle(MidiMessage message);
}
