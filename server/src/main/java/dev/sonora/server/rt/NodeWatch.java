package dev.sonora.server.rt;

/**
 * Measures what one node (a group: everything in it) adds to the buses: called just before
 * and just after the node processes each range of the block. A watch puts itself on the
 * world's list for one block at a time ({@link World#watchNodeOnRt}), so a node that ends is
 * simply no longer watched. Audio thread only; must follow the RT rules.
 */
public interface NodeWatch {
    /** The node this watch measures. */
    RtNode watchedNode();

    /** Frames [from, to) of the current block, before {@link #watchedNode} processes them. */
    void beforeNodeOnRt(World world, int from, int to);

    /** The same frames, after it processed them. */
    void afterNodeOnRt(World world, int from, int to);
}
