/**
 * MIDI input devices: finding them ({@code MidiInputs}), opening one ({@code MidiInput}) and the
 * receiver the device thread calls, which parses bytes ({@code MidiParser}) into the rings.
 *
 * <p>Thread rule: the receiver runs on the device's own thread and never blocks or throws;
 * opening and closing on any non-audio thread.
 */
package dev.sonora.server.midi.device;
