package dev.sonora.server.node;

import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.RtNode;
import dev.sonora.server.rt.World;

/**
 * Links a node built on the sender (synth or group) into the tree at a sample (link).
 * If the target has ended by then, the node never plays and its id goes back to NRT.
 */
public final class NewNode extends Command {
    private final RtNode node;
    private final int addAction;
    private final int nodeId;
    private final RtNode target;
    private final int targetId;
    private final int targetGeneration;

    /** {@code targetId} and {@code targetGeneration}: the target as its handle saw it. */
    public NewNode(long time, RtNode node, int addAction, RtNode target, int targetId, int targetGeneration) {
        super(time);
        this.node = node;
        this.nodeId = node.id();
        this.addAction = addAction;
        this.target = target;
        this.targetId = targetId;
        this.targetGeneration = targetGeneration;
    }

    @Override
    protected void performOnRt(World world) {
        int code = Targets.check(world, addAction, target, targetId, targetGeneration);
        if (code != RtError.NONE) {
            error = code;
        } else if (!world.link(node, addAction, target)) {
            error = RtError.NODE_ENDED; // slot still taken: an NRT bookkeeping bug, refuse safely
        }
    }

    @Override
    public void completeOnNrt(CommandOutcome outcome) {
        if (error != RtError.NONE) {
            outcome.reportError(RtError.describe(error, "new node " + nodeId, nodeId, targetId));
            outcome.nodeNeverLinked(node);
        }
    }
}
