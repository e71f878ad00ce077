/**
 * Messages Sonora sends to other programs (MIDI out, OSC from scripts) leave at the instant their
 * sample plays, not when the code that made them ran: {@link dev.sonora.server.outbound.SampleInstants}
 * turns a sample time into a {@link System#nanoTime()} instant through the engine's sample clock,
 * and an {@link dev.sonora.server.outbound.OutboundQueue} (one thread of its own) performs each send
 * at its instant.
 *
 * <p>Thread rule: any non-audio thread queues; only the queue's own thread sends. The audio thread
 * never reaches this package (nothing here is in its path, and it never touches a device or a
 * socket).
 */
package dev.sonora.server.outbound;
