package dev.sonora.server.observe;

import dev.sonora.server.rt.World;

/**
 * What the audio thread hands every tap, twice a block: one object, filled in place (the slot
 * passes a value, and a fresh one per call would allocate). Audio thread only.
 */
final class BlockView {
    static final int START = 0;
    static final int END = 1;

    int phase;
    World world;
    float[] left;
    float[] right;
    int frames;
}
