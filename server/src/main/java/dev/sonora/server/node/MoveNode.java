package dev.sonora.server.node;

import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.RtNode;
import dev.sonora.server.rt.World;

/** Moves a node relative to a target (head/tail of a group, before/after a node). */
public final class MoveNode extends NodeCommand {
    private final int addAction;
    private final RtNode target;
    private final int targetId;
    private final int targetGeneration;

    public MoveNode(long time, RtNode node, int id, int generation, int addAction, RtNode target, int targetId,
                    int targetGeneration) {
        super(time, node, id, generation, "move");
        if (!AddAction.isValid(addAction) || addAction == AddAction.REPLACE) {
            throw new IllegalArgumentException("move: add action must be head, tail, before or after");
        }
        this.addAction = addAction;
        this.target = target;
        this.targetId = targetId;
        this.targetGeneration = targetGeneration;
    }

    @Override
    void performOnLive(World world) {
        int code = Targets.check(world, addAction, target, targetId, targetGeneration);
        if (code != RtError.NONE) {
            error = code;
        } else if (!world.move(node, addAction, target)) {
            error = RtError.MOVE_INTO_ITSELF;
        }
    }

    @Override
    int targetId() {
        return targetId;
    }
}
