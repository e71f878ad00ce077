/**
 * OSC with other programs, for scripts: sending messages and bundles ({@link
 * dev.sonora.server.osc.peer.OscSender}), listening on ports ({@link
 * dev.sonora.server.osc.peer.OscListener}), matching addresses against OSC patterns ({@link
 * dev.sonora.server.osc.peer.AddressPattern}) and direct mappings from an address to a control
 * bus ({@link dev.sonora.server.osc.peer.BusMappings}), written by the audio thread through
 * {@code osc.rt.WriteMappedBus} with no JavaScript on the way. Packets are made and read by the
 * scsynth server's {@link dev.sonora.server.osc.OscCodec}.
 *
 * <p>Thread rule: the sender's socket is used only on its queue's thread ({@code sonora-osc-out});
 * each listener has its receive thread ({@code sonora-osc-in-PORT}), which applies the mappings
 * and hands every message to its handler (the front end posts it to Lang). The audio thread never
 * touches a socket: it only performs the bus writes.
 */
package dev.sonora.server.osc.peer;
