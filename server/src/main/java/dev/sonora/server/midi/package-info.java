/**
 * MIDI for one server as the front end sees it: {@link dev.sonora.server.midi.MidiHub} (inputs,
 * mappings, files) and {@link dev.sonora.server.midi.MidiDispatcher} (Lang-side handlers). The
 * parts live by thread: {@code midi.device} (device threads), {@code midi.file} (the file
 * player), {@code midi.rt} (the audio thread) and {@code midi.message} (the rings between them).
 *
 * <pre>
 *  device thread                      audio thread (sonora-rt)            Lang loop
 *  DeviceReceiver -> MidiParser -> MidiRoute
 *                                   |-- cc only --> MidiBuffer --> CcMapper (block hook) -> controlBuses
 *                                   '-- all ------> MidiBuffer ---------------------------> MidiHub.poll
 *  SmfPlayer (player thread, or the offline controller) -> its own MidiRoute, same two paths
 * </pre>
 *
 * Every buffer is single-producer single-consumer: each input and the player have their own
 * pair, so no two threads ever share an end. Nothing on the device thread blocks or throws;
 * nothing on the audio thread allocates (proved by {@code CcMappingTest} and
 * {@code MidiFirstUseTest}).
 *
 * <p>Front-end entry points ({@link dev.sonora.server.midi.MidiHub} per server):
 * {@code midi.devices()} = {@code hub.devices()}; {@code midi.open(x)} = {@code hub.open(x)};
 * {@code midi.on(type, fn)} / {@code midi.cc(n, fn)} = a {@link dev.sonora.server.midi.MidiDispatcher}
 * fed by {@code dispatcher.pollFrom(hub, scratch, max)} on each Lang tick;
 * {@code midi.cc(n).to(bus, lo, hi)} = {@code hub.mapCc(n, -1, bus, lo, hi)};
 * {@code midi.play(path)} = {@code hub.play(path, lead)} live, or {@code hub.playOffline(path, start)}
 * plus {@code player.pumpUntil(blockEnd)} before each rendered step.
 */
package dev.sonora.server.midi;
