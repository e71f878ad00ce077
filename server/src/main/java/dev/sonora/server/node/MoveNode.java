package dev.sonora.server.node;

import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.RtNode;
import dev.sonora.server.rt.World;

/** Moves a node relative to a target (head/tail of a group, before/after a node). */
public final class MoveNode extends NodeCommand {
    private final int addAction;
    private final RtNode target;

    public MoveNode(long time, RtNode node, int addAction, RtNode target) {
        super(time, node, "move");
        if (!AddAction.isValid(addAction) || addAction == AddAction.REPLACE) {
            throw new IllegalArgumentException("move: add action must be head, tail, before or after");
        }
        this.addAction = addAction;
        this.target = target;
    }

    @Override
    void performOnLive(World world) {
        int code = Targets.check(world, addAction, target);
        if (code != RtError.NONE) {
            error = code;
        } else if (!world.move(node, addAction, target)) {
            error = RtError.MOVE_INTO_ITSELF;
        }
    }

    @Override
    int targetId() {
        return target.id;
    }
}
