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
     * watched as a whole: what its children write reaches the buses only after all of them ran.
     */
    void processWatched(World world, int from, int to) {
        if (parallel) {
            world.parallel.runOnRt(this, from, to);
            return;
        }
        RtNode n = head;
        while (n != null) {
            RtNode following = n.next;
            if (n.running) {
                boolean watched = world.beforeNodeOnRt(n, from, to);
                if (n.isGroup()) ((RtGroup) n).processWatched(world, from, to);
                else n.process(world, null, from, to);
                if (watched) world.afterNodeOnRt(n, from, to);
            }
            n = following;
        }
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
