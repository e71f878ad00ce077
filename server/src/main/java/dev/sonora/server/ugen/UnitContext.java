package dev.sonora.server.ugen;

import dev.sonora.server.buffer.BufferTable;
import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.World;

/**
 * What a unit may know about where it runs, handed to its constructor on the sender side.
 * {@code resources} holds what its server lends units (buffers, streams).
 */
public record UnitContext(World world, RtSynth synth, int sampleRate, int blockSize, int seed, UnitResources resources) {
    public UnitContext(World world, RtSynth synth, int seed) {
        this(world, synth, world.sampleRate, world.blockSize, seed, UnitResources.NONE);
    }

    public UnitContext(World world, RtSynth synth, int seed, UnitResources resources) {
        this(world, synth, world.sampleRate, world.blockSize, seed, resources);
    }

    /** The server's buffer table, or null where a synth plays no files. */
    public BufferTable buffers() {
        return resources == null ? null : resources.get(BufferTable.class);
    }
}
