package dev.sonora.server.ugen;

import dev.sonora.server.buffer.BufferTable;
import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.World;

/**
 * What a unit may know about where it runs, handed to its constructor on the sender side.
 * {@code buffers} is the sender's buffer table (null where a synth plays no files).
 */
public record UnitContext(World world, RtSynth synth, int sampleRate, int blockSize, int seed, BufferTable buffers) {
    public UnitContext(World world, RtSynth synth, int seed) {
        this(world, synth, world.sampleRate, world.blockSize, seed, null);
    }

    public UnitContext(World world, RtSynth synth, int seed, BufferTable buffers) {
        this(world, synth, world.sampleRate, world.blockSize, seed, buffers);
    }
}
