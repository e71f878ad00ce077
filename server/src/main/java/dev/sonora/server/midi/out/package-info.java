/**
 * MIDI out: the output devices ({@link dev.sonora.server.midi.out.MidiOutputs}), one open output
 * ({@link dev.sonora.server.midi.out.MidiOut}: what it sends, which notes it holds) and the
 * clock follower ({@link dev.sonora.server.midi.out.ClockFollower}: tempo, transport and song
 * position from an incoming 24-ppqn clock).
 *
 * <p>Thread rule: a {@link dev.sonora.server.midi.out.MidiOut} is fed from Lang and sends only on
 * its {@link dev.sonora.server.outbound.OutboundQueue}'s thread, at each message's instant; the
 * follower is Lang's. Nothing here runs on the audio thread.
 */
package dev.sonora.server.midi.out;
