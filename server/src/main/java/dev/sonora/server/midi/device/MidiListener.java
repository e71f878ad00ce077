package dev.sonora.server.midi.device;

/**
 * Hears about inputs going away. Called on whichever thread noticed (the device watch, or the
 * device's own thread when its driver closes the receiver): hand the news to Lang, do not block.
 */
public interface MidiListener {
    /** The input {@code name} stopped (unplugged, closed by its driver); reported once per opening. */
    void inputLost(String name, String reason);
}
