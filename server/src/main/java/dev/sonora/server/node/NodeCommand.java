package dev.sonora.server.node;

import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.RtNode;
import dev.sonora.server.rt.World;

/**
 * A command aimed at one existing node. The node is named by object, id and generation, as its
 * handle saw them: the audio thread checks that the slot still holds that very object in that
 * same life, so a stale handle can never touch a newer node that reuses the id, nor a pooled
 * synth object that has since been reused for another note.
 */
abstract class NodeCommand extends Command {
    final RtNode node;
    final int nodeId;
    final int generation;
    private final String what;
    private final boolean quietWhenEnded;

    NodeCommand(long time, RtNode node, int nodeId, int generation, String what) {
        this(time, node, nodeId, generation, what, false);
    }

    /**
     * {@code quietWhenEnded}: a node that has ended by the time the command runs is no mistake for
     * this command (ending or releasing what has ended already meets the request), so nothing is said.
     */
    NodeCommand(long time, RtNode node, int nodeId, int generation, String what, boolean quietWhenEnded) {
        super(time);
        this.node = node;
        this.nodeId = nodeId;
        this.generation = generation;
        this.what = what;
        this.quietWhenEnded = quietWhenEnded;
    }

    @Override
    protected final void performOnRt(World world) {
        if (world.live(nodeId, node, generation) == null) {
            if (!quietWhenEnded) error = RtError.NODE_ENDED;
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
            outcome.reportError(RtError.describe(error, what, nodeId, targetId()));
        }
    }
}
