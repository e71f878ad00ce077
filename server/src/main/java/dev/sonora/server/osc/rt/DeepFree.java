package dev.sonora.server.osc.rt;

import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.RtGroup;
import dev.sonora.server.rt.RtNode;
import dev.sonora.server.rt.World;

/**
 * {@code /g_deepFree}: ends every synth inside a group and inside its groups, keeping all the
 * groups. One iterative walk of the subtree (each synth is ended as it is passed, its next
 * sibling read first), so the work is bounded by the nodes in it.
 */
public final class DeepFree extends Command {
    private final int groupId;

    public DeepFree(long time, int groupId) {
        super(time);
        this.groupId = groupId;
    }

    @Override
    protected void performOnRt(World world) {
        RtNode top = groupId >= 0 && groupId < world.maxNodes() ? world.node(groupId) : null;
        if (!(top instanceof RtGroup)) return;
        RtGroup g = (RtGroup) top;
        RtNode cur = g.head();
        while (cur != null) {
            if (cur instanceof RtGroup && ((RtGroup) cur).head() != null) {
                cur = ((RtGroup) cur).head();
                continue;
            }
            RtNode following = cur.next();
            RtGroup parent = cur.parent();
            if (!(cur instanceof RtGroup)) world.endNode(cur);
            while (following == null && parent != null && parent != g) {
                following = parent.next();
                parent = parent.parent();
            }
            cur = following;
        }
    }

    @Override
    public void completeOnNrt(CommandOutcome outcome) {
    }
}
