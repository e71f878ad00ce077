package dev.sonora.server.node;

import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.RtNode;
import dev.sonora.server.rt.World;

/**
 * A command aimed at one existing node. The node is named by object as well as id: the
 * audio thread checks that the slot still holds that very object, so a stale handle can
 * never touch a newer node that reuses the id.
 */
abstract class NodeCommand extends Command {
    final RtNode node;
    private final String what;

    NodeCommand(long time, RtNode node, String what) {
        super(time);
        this.node = node;
        this.what = what;
    }

    @Override
    protected final void performOnRt(World world) {
        if (world.live(node.id, node) == null) {
            error = RtError.NODE_ENDED;
            return;
        }
        performOnLive(world);
    }

    /** Audio thread only; the node is known to be live. */
    abstract void performOnLive(World world);

    int targetId() {
        return -1;
    }

    @Override
    public void completeOnNrt(CommandOutcome outcome) {
        if (error != RtError.NONE) {
            outcome.reportError(RtError.describe(error, what, node.id, targetId()));
        }
    }
}
