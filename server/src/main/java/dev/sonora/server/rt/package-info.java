/**
 * The audio thread's world: {@link dev.sonora.server.rt.World} (node table, node tree, buses,
 * buffer slots), the block loop ({@link dev.sonora.server.rt.RtEngine}), the schedule heap, the
 * command base class ({@link dev.sonora.server.rt.Command}) and what the tree needs of units
 * ({@link dev.sonora.server.rt.Ugen}, {@link dev.sonora.server.rt.SynthControl}).
 *
 * <p>Thread rule: audio thread, except constructors and the methods that say otherwise
 * ({@code RtStats} is read by any thread). Never allocates, locks, blocks, logs or does I/O on
 * the audio thread; {@code ArchitectureTest} fails the build if this package reaches the front
 * end, file I/O or logging. Depends on no other engine package.
 */
package dev.sonora.server.rt;
