/**
 * Standard MIDI Files: reading ({@code SmfReader}, any non-audio thread), laying events on the
 * sample clock ({@code MidiSchedule}) and playing them into the same rings as a device
 * ({@code SmfPlayer}, on its player thread live, or on the offline controller in a render).
 */
package dev.sonora.server.midi.file;
