package dev.sonora.server.osc.rt;

import java.util.function.Consumer;

import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.RtGroup;
import dev.sonora.server.rt.RtNode;
import dev.sonora.server.rt.World;

/**
 * Reads where a node sits in the tree (parent, previous, next, and for a group its head and
 * tail), as {@code /n_info}, {@code /n_go} and {@code /n_end} report it; ids are the server's,
 * -1 for none. {@link #found} is false when no node had that id at the command's sample.
 */
public final class QueryNode extends Command {
    public final int id;
    public boolean found;
    public boolean group;
    public boolean running;
    public int parent = -1;
    public int prev = -1;
    public int next = -1;
    public int head = -1;
    public int tail = -1;
    private final Consumer<QueryNode> done;

    /** {@code done} runs on NRT once the audio thread has filled the fields. */
    public QueryNode(long time, int id, Consumer<QueryNode> done) {
        super(time);
        this.id = id;
        this.done = done;
    }

    @Override
    protected void performOnRt(World world) {
        RtNode n = id >= 0 && id < world.maxNodes() ? world.node(id) : null;
        if (n == null) return;
        found = true;
        running = n.running();
        parent = n.parent() == null ? -1 : n.parent().id();
        prev = n.prev() == null ? -1 : n.prev().id();
        next = n.next() == null ? -1 : n.next().id();
        if (n instanceof RtGroup) {
            group = true;
            RtGroup g = (RtGroup) n;
            head = g.head() == null ? -1 : g.head().id();
            tail = g.tail() == null ? -1 : g.tail().id();
        }
    }

    @Override
    public void completeOnNrt(CommandOutcome outcome) {
        done.accept(this);
    }
}
