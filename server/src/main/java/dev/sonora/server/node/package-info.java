/**
 * The node commands: make, free, move, pause and set nodes. Rule for all commands in the engine:
 * a command lives beside the feature it changes (node commands here, buffer swaps in
 * {@code buffer}, recording taps in {@code record}, cc mappings in {@code midi.rt}, the master
 * gain in {@code rt}).
 *
 * <p>Thread rule: built on the sender (any non-audio thread), performed on the audio thread
 * ({@code performOnRt}: bounded, no allocation), completed on NRT ({@code completeOnNrt}).
 */
package dev.sonora.server.node;
