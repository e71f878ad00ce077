package dev.sonora.server.node;

import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.RtNode;
import dev.sonora.server.rt.World;

/** Checks an add target on the audio thread. */
final class Targets {
    private Targets() {
    }

    static int check(World world, int addAction, RtNode target) {
        if (world.live(target.id, target) == null) return RtError.TARGET_ENDED;
        if (AddAction.isInside(addAction) && !(target instanceof dev.sonora.server.rt.RtGroup)) {
            return RtError.TARGET_NOT_GROUP;
        }
        if (addAction == AddAction.REPLACE && (target.id == World.ROOT_GROUP || target.id == World.DEFAULT_GROUP)) {
            return RtError.TARGET_NOT_GROUP;
        }
        return RtError.NONE;
    }
}
