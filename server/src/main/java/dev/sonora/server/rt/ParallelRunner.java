package dev.sonora.server.rt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a parallel group's children on the audio thread and the worker threads at once.
 *
 * <p>The audio thread cuts the group's children into tasks (one child each, or, past
 * {@link #MAX_TASKS} children, runs of consecutive children), posts them in one atomic word and
 * works on them itself; each thread claims a task with a compare-and-set on that word, so a
 * worker that is asleep or late simply takes none and the audio thread never waits for it. The
 * audio thread waits only for tasks a worker has claimed and is running.
 *
 * <p>Each thread claims the same task block after block when it can: the audio thread the lowest
 * unclaimed, worker {@code k} task {@code count - k} if it is free, else the highest unclaimed.
 * A task's synths (their units, wires and state) then stay in one core's cache. When whichever
 * thread came first took task 0, the two halves of a parallel group changed cores at random and
 * every block fetched them from the other core: on this project's 2-core VM a parallel {@code
 * sines_1000} rendered in 10.1 s instead of 7.6 s (docs/performance.md, "Parallel groups: a task
 * stays on its thread"). Task {@code t}
 * writes into {@link Lane} {@code t}; after the join the audio thread adds the lanes into the
 * world in task order and ends the synths that finished, so the output and the order of ends
 * are the same whichever thread ran which task, and with no workers at all.
 *
 * <p>Nothing here allocates, locks or parks: the audio thread spins on the join, workers spin
 * or back off in {@link RtWorker}. Audio thread, except {@link #claimAndRunOnWorker} (a worker)
 * and {@link #prepareLanes} (the sender, before the first parallel group is linked).
 */
public final class ParallelRunner {
    /** Tasks (and lanes) a parallel group is cut into at most; more children share tasks in order. */
    public static final int MAX_TASKS = 32;

    /** The job word's low half with every task claimed: no job posted, or all of it taken. */
    private static final long ALL_CLAIMED = 0xFFFF_FFFFL;
    // the posted job: generation (bits 32..63), a bit per task, set once claimed (0..31); tasks
    // past the job's count are posted claimed. One word, so a claim sees the tasks and the
    // generation they belong to: a worker that slept through a job cannot claim in the next one
    // with what it read of this one
    private final AtomicLong job = new AtomicLong(ALL_CLAIMED);
    // the posted job's task count: only where a worker looks first (a stale value costs a task's
    // cache, never a wrong claim); written before the job word is posted
    private int taskCount;
    private final AtomicInteger finished = new AtomicInteger();
    private final RtNode[] taskFirst = new RtNode[MAX_TASKS];
    private final int[] taskLength = new int[MAX_TASKS];
    // the job's frames; written before the job word is posted, read after a claim succeeded
    private int from;
    private int to;
    private int generation;
    private final World world;
    private final int workers;
    private volatile Lane[] lanes;
    private static final VarHandle LANES;

    static {
        try {
            LANES = MethodHandles.lookup().findVarHandle(ParallelRunner.class, "lanes", Lane[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    // parallel groups made and not yet ended: while none lives, the workers sleep deeply
    private final AtomicInteger groupsAlive = new AtomicInteger();

    ParallelRunner(World world, int workers) {
        this.world = world;
        this.workers = workers;
    }

    /** The worker threads the server was configured with (0: parallel groups run on the audio thread alone). */
    public int workers() {
        return workers;
    }

    /** Whether some parallel group lives: while none does, workers sleep deeply. Any thread. */
    public boolean inUse() {
        return groupsAlive.get() > 0;
    }

    /**
     * A parallel group is about to be sent to the audio thread: builds the lanes, the first time
     * (the command queue then publishes them), and wakes the workers from their deep sleep.
     * Sender side, any thread.
     */
    public void groupMadeOnSender() {
        prepareLanes();
        groupsAlive.incrementAndGet();
    }

    /** A parallel group ended (or never reached the audio thread). NRT, or the sender whose send failed. */
    public void groupEndedOnNrt() {
        groupsAlive.decrementAndGet();
    }

    /** Without a lock (this is the rt package): two senders racing both build, one set is kept. */
    private void prepareLanes() {
        if (lanes != null) return;
        Lane[] ls = new Lane[MAX_TASKS];
        for (int i = 0; i < ls.length; i++) {
            ls[i] = new Lane(world.numAudioBuses, world.blockSize, world.numControlBuses, world.maxNodes());
        }
        LANES.compareAndSet(this, null, ls);
    }

    /** Processes frames [from, to) of parallel group {@code g}. Audio thread only. */
    void runOnRt(RtGroup g, int from, int to) {
        int children = 0;
        for (RtNode n = g.head; n != null; n = n.next) children++;
        if (children == 0) return;
        final Lane[] ls = lanes;
        final int tasks = Math.min(children, MAX_TASKS);
        // task t takes children [t * children / tasks, (t + 1) * children / tasks): fixed by the
        // count alone, so the same tree always sums the same way
        RtNode n = g.head;
        int index = 0;
        for (int t = 0; t < tasks; t++) {
            int end = (int) ((long) (t + 1) * children / tasks);
            taskFirst[t] = n;
            taskLength[t] = end - index;
            for (; index < end; index++) n = n.next;
        }
        this.from = from;
        this.to = to;
        if (tasks == 1 || workers == 0) {
            for (int t = 0; t < tasks; t++) runTaskCaught(t, ls[t]); // inline, through the same lanes
        } else {
            finished.setPlain(0);
            post(tasks);
            int t;
            while ((t = claim(0)) >= 0) {
                runTaskCaught(t, ls[t]);
                finished.incrementAndGet();
            }
            // only tasks a running worker claimed are left: wait for them, never for a sleeper
            while (finished.get() < tasks) Thread.onSpinWait();
        }
        join(ls, tasks, from, to);
    }

    private void join(Lane[] ls, int tasks, int from, int to) {
        Throwable failed = null;
        for (int t = 0; t < tasks; t++) {
            Lane lane = ls[t];
            if (lane.failure != null && failed == null) failed = lane.failure;
            lane.failure = null;
            if (failed == null) lane.addIntoWorldOnRt(world, from, to);
            else lane.clearOnRt(from, to);
            lane.endSynthsOnRt(world);
            taskFirst[t] = null;
        }
        if (failed != null) sneakyThrow(failed); // the block loop mutes the block, as for a serial failure
    }

    /** Posts a job of {@code tasks} tasks, whose frames and task table are written. Audio thread. */
    void post(int tasks) {
        taskCount = tasks;
        generation++;
        long absent = (ALL_CLAIMED << tasks) & ALL_CLAIMED; // tasks == 32: none
        job.set(((long) generation << 32) | absent); // publishes from, to, the tasks and the count
    }

    /**
     * Claims a task of the posted job for thread {@code k} (0: the audio thread, else worker k):
     * the audio thread the lowest unclaimed, worker k task {@code count - k} if it is unclaimed,
     * else the highest. Returns -1 when none is left. That thread only.
     */
    int claim(int k) {
        while (true) {
            long v = job.get();
            int free = ~(int) v;
            if (free == 0) return -1;
            int t;
            if (k == 0) {
                t = Integer.numberOfTrailingZeros(free);
            } else {
                int own = taskCount - k; // read after the job word: this job's count, or a later one's
                t = own >= 0 && (free & (1 << own)) != 0 ? own : 31 - Integer.numberOfLeadingZeros(free);
            }
            if (job.compareAndSet(v, v | (1L << t))) return t;
        }
    }

    /**
     * Worker {@code k}'s turn (1 for the first worker): claims a task of the posted job, if any
     * is left, and runs it. Returns whether it ran one. Worker thread.
     */
    public boolean claimAndRunOnWorker(int k) {
        int t = claim(k);
        if (t < 0) return false;
        // the claim succeeded, so the job is not finished and its fields are the ones posted with it
        runTaskCaught(t, lanes[t]);
        finished.incrementAndGet();
        return true;
    }

    private void runTaskCaught(int t, Lane lane) {
        try {
            RtNode n = taskFirst[t];
            final int from = this.from;
            final int to = this.to;
            // a meter or scope on a node in here: the watched walk, measuring in this task's lane
            final boolean watching = world.nodeWatches() > 0;
            for (int i = taskLength[t]; i > 0; i--) {
                RtNode following = n.next; // links do not change during the job (ends wait for the join)
                if (n.running) {
                    if (watching) RtGroup.processWatchedNode(world, n, lane, from, to);
                    else n.process(world, lane, from, to);
                }
                n = following;
            }
        } catch (Throwable e) {
            lane.failure = e; // the join must still happen: the audio thread rethrows it after
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}
