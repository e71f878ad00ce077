/**
 * The audio-thread part of MIDI: {@code CcMapper} applies cc -> control bus mappings at the top
 * of each block, and the commands that change its table.
 *
 * <p>Thread rule: audio thread (commands built on the sender). No allocation, I/O or logging
 * ({@code ArchitectureTest}).
 */
package dev.sonora.server.midi.rt;
