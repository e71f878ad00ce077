package dev.sonora.server.node;

import dev.sonora.server.rt.RtGroup;
import dev.sonora.server.rt.World;

/** Ends every node inside a group, keeping the group (panic / {@code hush}). */
public final class FreeChildren extends NodeCommand {
    public FreeChildren(long time, RtGroup group, int id, int generation) {
        super(time, group, id, generation, "freeAll");
    }

    @Override
    void performOnLive(World world) {
        world.endChildren((RtGroup) node);
    }
}
