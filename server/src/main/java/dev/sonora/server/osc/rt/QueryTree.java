package dev.sonora.server.osc.rt;

import java.util.function.Consumer;

import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.RtGroup;
import dev.sonora.server.rt.RtNode;
import dev.sonora.server.rt.World;

/**
 * A snapshot of a group's subtree in depth-first order, as {@code /g_queryTree.reply} lists it:
 * for each node its id, its child count (-1 for a synth) and the node object (for its
 * definition's name). Entry 0 is the group itself. Iterative, bounded by the arrays, which the
 * sender sizes to the node table, so a full tree always fits.
 */
public final class QueryTree extends Command {
    public final int groupId;
    public final int[] ids;
    public final int[] children;
    public final RtNode[] nodes;
    public int count;
    /** False when the group was not there at the command's sample. */
    public boolean found;
    private final Consumer<QueryTree> done;

    public QueryTree(long time, int groupId, int capacity, Consumer<QueryTree> done) {
        super(time);
        this.groupId = groupId;
        this.ids = new int[capacity];
        this.children = new int[capacity];
        this.nodes = new RtNode[capacity];
        this.done = done;
    }

    @Override
    protected void performOnRt(World world) {
        RtNode top = groupId >= 0 && groupId < world.maxNodes() ? world.node(groupId) : null;
        if (!(top instanceof RtGroup) || ids.length == 0) return;
        found = true;
        RtGroup g = (RtGroup) top;
        record(g);
        RtNode cur = g.head();
        while (cur != null && count < ids.length) {
            record(cur);
            if (cur instanceof RtGroup && ((RtGroup) cur).head() != null) {
                cur = ((RtGroup) cur).head();
                continue;
            }
            while (cur != null && cur != g && cur.next() == null) cur = cur.parent();
            cur = cur == null || cur == g ? null : cur.next();
        }
    }

    private void record(RtNode n) {
        int c = -1;
        if (n instanceof RtGroup) {
            c = 0;
            for (RtNode k = ((RtGroup) n).head(); k != null; k = k.next()) c++;
        }
        ids[count] = n.id();
        children[count] = c;
        nodes[count] = n;
        count++;
    }

    @Override
    public void completeOnNrt(CommandOutcome outcome) {
        done.accept(this);
    }
}
