/**
 * MIDI in JavaScript: {@code MidiBridge} behind {@code midi.*}, JS handlers, the constant-latency
 * option ({@code MidiLatency}) and the waker that runs handlers as soon as messages arrive; MIDI
 * out and clock behind {@code midi.out}, {@code midi.clock} ({@code MidiOutBridge},
 * {@code MidiClockSender}, {@code MidiClockFollow}).
 *
 * <p>Thread rule: Lang thread, except {@code MidiWaker}, which only wakes Lang.
 */
package dev.sonora.repl.midi;
