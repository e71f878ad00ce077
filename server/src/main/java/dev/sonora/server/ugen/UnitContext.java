package dev.sonora.server.ugen;

import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.World;

/** What a unit may know about where it runs, handed to its constructor on NRT. */
public record UnitContext(World world, RtSynth synth, int sampleRate, int blockSize, int seed) {
    public UnitContext(World world, RtSynth synth, int seed) {
        this(world, synth, world.sampleRate, world.blockSize, seed);
    }
}
