package dev.sonora.server.rt;

import java.util.Arrays;

import org.jctools.queues.SpscArrayQueue;

/**
 * The real-time context: node table, node tree, buses and the sample clock.
 *
 * <p>Audio thread only, once the driver has started. The constructor and the read-only
 * fields ({@link #sampleRate}, {@link #blockSize}, bus counts) may be used from any thread.
 */
public final class World {
    public static final int ROOT_GROUP = 0;
    public static final int DEFAULT_GROUP = 1;
    /**
     * Nodes taken apart per block at most. Freeing a group, or every node in one, takes it out of
     * the tree at once (it falls silent on its sample) and parks it, unprocessed; the nodes inside
     * are then ended and returned this many a block, so a free of thousands costs no single block
     * more than this.
     */
    public static final int MAX_ENDS_PER_BLOCK = 256;

    public final int sampleRate;
    public final int blockSize;
    public final int numAudioBuses;
    public final int numControlBuses;

    /** Audio buses, {@code [bus][frame]}; buses 0 and 1 are the main stereo output. */
    public final float[][] audioBuses;
    /**
     * Which audio buses were written this block: only those are cleared before the next one
     * (a bus nobody writes stays zero), which saves clearing every bus on every block.
     * Writers (the {@code out} unit) set their flag.
     */
    public final boolean[] audioBusWritten;
    /** Control buses: one value each. */
    public final float[] controlBuses;

    final RtNode[] nodes;
    private final Buffer[] buffers;
    public final RtGroup root;
    public final RtGroup defaultGroup;
    /** Freed groups and nodes waiting to be taken apart: outside the tree, never processed. */
    private final RtGroup dying = new RtGroup(-1);
    final RtStats stats;
    /** The gain on the main output (fades). */
    public final MasterGain masterGain = new MasterGain();
    private final SpscArrayQueue<Object> returnQueue;

    /** The most nodes watched (metered, scoped) in one block; further watches are not measured. */
    public static final int MAX_NODE_WATCHES = 64;
    // this block's node watches: filled at the top of each block while observers are installed
    private final NodeWatch[] watches = new NodeWatch[MAX_NODE_WATCHES];
    private int watchCount;

    /** Sample time of the first frame of the block being rendered. */
    long blockStart;
    /** Frame offset inside the block at which the current command performs. */
    int commandOffset;

    /** Runs parallel groups' children on the audio thread and the workers. */
    final ParallelRunner parallel;

    public World(int sampleRate, int blockSize, int maxNodes, int numAudioBuses, int numControlBuses,
                 SpscArrayQueue<Object> returnQueue, RtStats stats) {
        this(sampleRate, blockSize, maxNodes, numAudioBuses, numControlBuses, returnQueue, stats, 0);
    }

    /** {@code workers}: the worker threads parallel groups may use besides the audio thread (0: none). */
    public World(int sampleRate, int blockSize, int maxNodes, int numAudioBuses, int numControlBuses,
                 SpscArrayQueue<Object> returnQueue, RtStats stats, int workers) {
        this.sampleRate = sampleRate;
        this.blockSize = blockSize;
        this.numAudioBuses = numAudioBuses;
        this.numControlBuses = numControlBuses;
        this.audioBuses = new float[numAudioBuses][blockSize];
        this.audioBusWritten = new boolean[numAudioBuses];
        this.controlBuses = new float[numControlBuses];
        this.nodes = new RtNode[maxNodes];
        this.buffers = new Buffer[1024];
        this.returnQueue = returnQueue;
        this.stats = stats;
        this.root = new RtGroup(ROOT_GROUP);
        this.defaultGroup = new RtGroup(DEFAULT_GROUP);
        nodes[ROOT_GROUP] = root;
        nodes[DEFAULT_GROUP] = defaultGroup;
        root.addToTail(defaultGroup);
        this.parallel = new ParallelRunner(this, workers);
    }

    /** Parallel groups' runner: the workers' side and the sender's {@link ParallelRunner#prepareLanes}. */
    public ParallelRunner parallel() {
        return parallel;
    }

    void clearNodeWatchesOnRt() {
        for (int i = 0; i < watchCount; i++) watches[i] = null;
        watchCount = 0;
    }

    int nodeWatches() {
        return watchCount;
    }

    /** Watches a node for the rest of this block; false when the list is full. Audio thread only. */
    public boolean watchNodeOnRt(NodeWatch w) {
        if (watchCount == watches.length) return false;
        watches[watchCount++] = w;
        return true;
    }

    // lane: the parallel-group task running n (its buses are the ones n adds into), or null.
    // Called on the thread running n; the list was filled at the block's start, before any task.
    boolean beforeNodeOnRt(RtNode n, Lane lane, int from, int to) {
        boolean any = false;
        for (int i = 0; i < watchCount; i++) {
            if (watches[i].watchedNode() == n) {
                watches[i].beforeNodeOnRt(lane == null ? audioBuses : lane.audioBuses, from, to);
                any = true;
            }
        }
        return any;
    }

    void afterNodeOnRt(RtNode n, Lane lane, int from, int to) {
        for (int i = 0; i < watchCount; i++) {
            if (watches[i].watchedNode() == n) watches[i].afterNodeOnRt(lane == null ? audioBuses : lane.audioBuses, from, to);
        }
    }

    public int maxNodes() {
        return nodes.length;
    }

    /** Sample time of the current block's first frame. Audio thread only. */
    public long blockStart() {
        return blockStart;
    }

    /**
     * The node with this id if it is still the same object in the same life (generation: a pooled
     * synth is reused under a new id and generation) and in the tree (not freed and waiting to be
     * taken apart), else null. O(depth). Audio thread only.
     */
    public RtNode live(int id, RtNode expected, int generation) {
        if (id < 0 || id >= nodes.length) return null;
        RtNode n = nodes[id];
        if (n != expected || n == null || n.generation != generation) return null;
        RtNode top = n;
        while (top.parent != null) top = top.parent;
        return top == root ? n : null;
    }

    /** The node in slot {@code id}, or null. Audio thread only. */
    public RtNode node(int id) {
        return id >= 0 && id < nodes.length ? nodes[id] : null;
    }

    // ---- tree changes (audio thread only; callers have checked liveness) ----

    /** Puts a new node in the table and the tree. Returns false if its slot is taken. */
    public boolean link(RtNode n, int addAction, RtNode target) {
        if (nodes[n.id] != null) return false;
        nodes[n.id] = n;
        stats.nodes++;
        if (!n.isGroup()) stats.synths++;
        place(n, addAction, target);
        return true;
    }

    /** Moves a linked node. Returns false if that would put a group inside itself. */
    public boolean move(RtNode n, int addAction, RtNode target) {
        RtGroup newParent = AddAction.isInside(addAction) ? (RtGroup) target : target.parent;
        if (n == target || isAncestorOrSelf(n, newParent)) return false;
        RtGroup.unlink(n);
        place(n, addAction, target);
        return true;
    }

    private static boolean isAncestorOrSelf(RtNode candidate, RtNode n) {
        for (RtNode p = n; p != null; p = p.parent) {
            if (p == candidate) return true;
        }
        return false;
    }

    private void place(RtNode n, int addAction, RtNode target) {
        switch (addAction) {
            case AddAction.HEAD -> ((RtGroup) target).addToHead(n);
            case AddAction.TAIL -> ((RtGroup) target).addToTail(n);
            case AddAction.BEFORE -> RtGroup.addBefore(target, n);
            case AddAction.AFTER -> RtGroup.addAfter(target, n);
            case AddAction.REPLACE -> {
                RtGroup.addAfter(target, n);
                endNode(target);
            }
            default -> ((RtGroup) target).addToTail(n);
        }
    }

    /** Sets whether a node is processed. */
    public void run(RtNode n, boolean run) {
        n.running = run;
    }

    /**
     * Ends a node and everything below it. A synth ends now; a group leaves the tree now (silent
     * from this sample) and its content is ended by {@link #endSomeDying} over the next blocks.
     * Root and default group are never ended: their children are.
     */
    public void endNode(RtNode top) {
        if (top == root || top == defaultGroup) {
            endChildren((RtGroup) top);
        } else if (top.isGroup()) {
            RtGroup.unlink(top);
            dying.addToTail(top);
        } else {
            endNow(top);
        }
    }

    /** Ends every child of {@code g}, keeping {@code g} (and the default group) itself: one O(1) move per child. */
    public void endChildren(RtGroup g) {
        RtNode n = g.head;
        while (n != null) {
            RtNode following = n.next;
            if (n == defaultGroup) {
                endChildren(defaultGroup);
            } else if (n instanceof RtGroup kg && kg.kept) {
                // a kept group (the proxies', see Server.group) is spared: it fades out on its own
            } else {
                RtGroup.unlink(n);
                dying.addToTail(n);
            }
            n = following;
        }
    }

    /**
     * Takes apart up to {@code budget} freed nodes, deepest first: unlinks each, clears its slot
     * and hands it back to NRT on the return queue. Iterative, no allocation. Returns how many.
     */
    public int endSomeDying(int budget) {
        int ended = 0;
        while (ended < budget && dying.head != null) {
            RtNode n = dying.head;
            while (n.isGroup() && ((RtGroup) n).head != null) n = ((RtGroup) n).head;
            endNow(n);
            ended++;
        }
        return ended;
    }

    /** Unlinks one node with nothing below it, clears its slot and returns it to NRT. */
    private void endNow(RtNode n) {
        RtGroup.unlink(n);
        nodes[n.id] = null;
        stats.nodes--;
        if (!n.isGroup()) stats.synths--;
        returnToNrt(n);
    }

    /** Puts a buffer in a slot and returns the one it replaces (null if none). Audio thread only. */
    public Buffer swapBuffer(int slot, Buffer b) {
        if (slot < 0 || slot >= buffers.length) return b; // refused: hand the new one straight back
        Buffer old = buffers[slot];
        buffers[slot] = b;
        return old;
    }

    /** The buffer in a slot, or null. Audio thread only. */
    public Buffer buffer(int slot) {
        return slot >= 0 && slot < buffers.length ? buffers[slot] : null;
    }

    /** Hands an object back to NRT. The queue is sized so this cannot fail (see docs/architecture.md, "Queues"). */
    public void returnToNrt(Object o) {
        if (!returnQueue.offer(o)) {
            stats.returnOverflows++;
        }
    }

    // ---- per-block housekeeping, called by RtEngine ----

    void clearAudioBuses() {
        final boolean[] written = audioBusWritten;
        for (int i = 0; i < written.length; i++) {
            if (written[i]) {
                Arrays.fill(audioBuses[i], 0f);
                written[i] = false;
            }
        }
    }

    public RtStats stats() {
        return stats;
    }
}
