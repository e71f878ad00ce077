package dev.sonora.server.rt;

/**
 * Measures what one node (a group: everything in it) adds to the buses: called just before
 * and just after the node processes each range of the block. A watch puts itself on the
 * world's list for one block at a time ({@link World#watchNodeOnRt}), so a node that ends is
 * simply no longer watched. Audio thread, or the worker running the parallel-group task that
 * holds the node (one thread per node and block, joined before the block ends); must follow
 * the RT rules.
 */
public interface NodeWatch {
    /** The node this watch measures. */
    RtNode watchedNode();

    /**
     * Frames [from, to) of the current block, before {@link #watchedNode} processes them.
     * {@code buses} are the audio buses the node adds into: the world's, or inside a parallel
     * group its task's lane (which starts each block at zero).
     */
    void beforeNodeOnRt(float[][] buses, int from, int to);

    /** The same frames of the same buses, after it processed them. */
    void afterNodeOnRt(float[][] buses, int from, int to);
}
