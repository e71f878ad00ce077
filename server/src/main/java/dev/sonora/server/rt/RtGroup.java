package dev.sonora.server.rt;

/**
 * A group: an ordered list of child nodes, processed head to tail.
 * Links are intrusive (no list objects), so every tree change is O(1) and allocation-free.
 * Audio thread only, once linked.
 *
 * <p>A parallel group's children may run at the same time on the worker threads
 * ({@link ParallelRunner}); each writes buses of its own, added into the world in child order
 * after all have run. Inside a parallel group (a worker's task) a parallel group runs as a plain
 * one.
 */
public final class RtGroup extends RtNode {
    RtNode head;
    RtNode tail;
    /** Survives a {@code freeAll} of its parent (a panic): the proxies' group, which fades itself. */
    final boolean kept;
    /** Whether its children may run at the same time (see {@link ParallelRunner}). */
    final boolean parallel;

    public RtGroup(int id) {
        this(id, false, false);
    }

    public RtGroup(int id, boolean kept) {
        this(id, kept, false);
    }

    public RtGroup(int id, boolean kept, boolean parallel) {
        super(id);
        this.kept = kept;
        this.parallel = parallel;
    }

    /** Whether this is a parallel group. Any thread (fixed at construction). */
    public boolean parallel() {
        return parallel;
    }

    @Override
    void process(World world, Lane lane, int from, int to) {
        if (parallel && lane == null) {
            world.parallel.runOnRt(this, from, to);
            return;
        }
        RtNode n = head;
        while (n != null) {
            // save next first: a child may end (doneAction) and unlink itself while processed
            RtNode following = n.next;
            if (n.running) {
                n.process(world, lane, from, to);
            }
            n = following;
        }
    }

    /**
     * As {@link #process}, calling the node watches of each node (and of each node inside a
     * group) around it. Used only in blocks where some node is watched. A parallel group is
     * watched as a whole from outside (what its children write reaches the buses after all of
     * them ran); inside it each task walks its nodes this way too, measuring in its lane.
     */
    void processWatched(World world, Lane lane, int from, int to) {
        if (parallel && lane == null) {
            world.parallel.runOnRt(this, from, to);
            return;
        }
        RtNode n = head;
        while (n != null) {
            RtNode following = n.next;
            if (n.running) processWatchedNode(world, n, lane, from, to);
            n = following;
        }
    }

    /** One running node of a watched walk, its watches around it. The thread running {@code lane} (the audio thread when null). */
    static void processWatchedNode(World world, RtNode n, Lane lane, int from, int to) {
        boolean watched = world.beforeNodeOnRt(n, lane, from, to);
        if (n.isGroup()) ((RtGroup) n).processWatched(world, lane, from, to);
        else n.process(world, lane, from, to);
        if (watched) world.afterNodeOnRt(n, lane, from, to);
    }

    @Override
    boolean isGroup() {
        return true;
    }

    public RtNode head() {
        return head;
    }

    public RtNode tail() {
        return tail;
    }

    void addToHead(RtNode n) {
        n.parent = this;
        n.prev = null;
        n.next = head;
        if (head != null) head.prev = n; else tail = n;
        head = n;
    }

    void addToTail(RtNode n) {
        n.parent = this;
        n.next = null;
        n.prev = tail;
        if (tail != null) tail.next = n; else head = n;
        tail = n;
    }

    static void addBefore(RtNode target, RtNode n) {
        RtGroup g = target.parent;
        n.parent = g;
        n.next = target;
        n.prev = target.prev;
        if (target.prev != null) target.prev.next = n; else g.head = n;
        target.prev = n;
    }

    static void addAfter(RtNode target, RtNode n) {
        RtGroup g = target.parent;
        n.parent = g;
        n.prev = target;
        n.next = target.next;
        if (target.next != null) target.next.prev = n; else g.tail = n;
        target.next = n;
    }

    static void unlink(RtNode n) {
        RtGroup g = n.parent;
        if (g == null) return;
        if (n.prev != null) n.prev.next = n.next; else g.head = n.next;
        if (n.next != null) n.next.prev = n.prev; else g.tail = n.prev;
        n.parent = null;
        n.prev = null;
        n.next = null;
    }
}
