package dev.sonora.server.rt;

/**
 * What the engine calls while something observes the audio (meters, scopes, the status line):
 * once before the commands and the tree of each block, once after the output stage. Installed
 * only while at least one observer is registered, so with none the engine's whole cost is one
 * volatile read a block ({@link RtEngine#setObservers}). Audio thread only; must follow the RT
 * rules.
 */
public interface BlockObservers {
    /** Top of the block: node watches put themselves on the world's list here. */
    void blockStartsOnRt(World world);

    /** End of the block: {@code left}/{@code right} are exactly what the driver gets. */
    void blockEndsOnRt(World world, float[] left, float[] right, int frames);
}
