package dev.sonora.server.rt;

/**
 * A node of the server tree: a synth or a group.
 *
 * <p>Built on the sender side (NRT or Lang) and handed to the audio thread by a command;
 * from then on its link fields belong to the audio thread alone. It comes back to NRT on
 * the return queue when it ends, and only then may its id be handed out again.
 */
public abstract class RtNode {
    /**
     * Server node id, equal to its slot in the node table. Fixed for a group; a pooled synth gets
     * a new one each time it is reused ({@link RtSynth#reuse}), on the sender, while no thread
     * but the sender holds it.
     */
    int id;
    /**
     * Which life of this object a command means: 0 for its first, one more on every reuse of a
     * pooled synth. A command carries the id and generation its handle saw, so one aimed at an
     * earlier life never touches the object's current one (see {@link World#live}).
     */
    int generation;

    // intrusive tree links: audio thread only
    RtGroup parent;
    RtNode prev;
    RtNode next;
    boolean running = true;

    protected RtNode(int id) {
        this.id = id;
    }

    /** The node id of this object's current life. */
    public final int id() {
        return id;
    }

    /** The life of this object (0 first; a pooled synth counts its reuses). */
    public final int generation() {
        return generation;
    }

    /**
     * Renders samples [from, to) of the current block. {@code lane} is null on the audio
     * thread's own walk; inside a parallel group it is the lane of the task this node belongs to,
     * and the thread may be a worker ({@link ParallelRunner}).
     */
    abstract void process(World world, Lane lane, int from, int to);

    /** True for groups; lets tree walks avoid instanceof pattern bindings on the hot path. */
    abstract boolean isGroup();

    /** Parent group, or null once unlinked. Audio thread only. */
    public final RtGroup parent() {
        return parent;
    }

    /** Next sibling, or null. Audio thread only. */
    public final RtNode next() {
        return next;
    }

    /** Previous sibling, or null. Audio thread only. */
    public final RtNode prev() {
        return prev;
    }

    /** Whether the node is processed (not paused). Audio thread only. */
    public final boolean running() {
        return running;
    }
}
