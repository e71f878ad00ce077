package dev.sonora.server.node;

import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.RtGroup;
import dev.sonora.server.rt.RtNode;
import dev.sonora.server.rt.World;

/** Checks an add target on the audio thread. */
final class Targets {
    private Targets() {
    }

    static int check(World world, int addAction, RtNode target, int targetId, int targetGeneration) {
        if (world.live(targetId, target, targetGeneration) == null) return RtError.TARGET_ENDED;
        if (AddAction.isInside(addAction) && !(target instanceof RtGroup)) {
            return RtError.TARGET_NOT_GROUP;
        }
        if (addAction == AddAction.REPLACE && (targetId == World.ROOT_GROUP || targetId == World.DEFAULT_GROUP)) {
            return RtError.TARGET_NOT_GROUP;
        }
        return RtError.NONE;
    }
}
