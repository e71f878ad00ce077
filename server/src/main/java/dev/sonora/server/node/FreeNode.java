package dev.sonora.server.node;

import dev.sonora.server.rt.RtNode;
import dev.sonora.server.rt.World;

/** Ends a node (and, for a group, everything in it) at a sample (unlink). */
public final class FreeNode extends NodeCommand {
    public FreeNode(long time, RtNode node, int id, int generation) {
        this(time, node, id, generation, false);
    }

    /** {@code quietWhenEnded}: see {@link NodeCommand}; {@code Server.end} sends these. */
    public FreeNode(long time, RtNode node, int id, int generation, boolean quietWhenEnded) {
        super(time, node, id, generation, "free", quietWhenEnded);
    }

    @Override
    void performOnLive(World world) {
        world.endNode(node);
    }
}
