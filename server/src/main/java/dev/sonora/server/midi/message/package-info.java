/**
 * MIDI messages and the paths they travel: {@code MidiMessage} (a reusable holder; with
 * {@code MidiType}, the one place that knows message types, their names and status bytes, and
 * that a note-on with velocity 0 is a note-off), the single-producer single-consumer ring
 * ({@code MidiBuffer} with its two ends) and {@code MidiRoute} (one input's pair of rings).
 *
 * <p>Thread rule: each ring end belongs to one thread at a time (its javadoc says which); the
 * rest is immutable or caller-owned. Depends on no other MIDI package.
 */
package dev.sonora.server.midi.message;
