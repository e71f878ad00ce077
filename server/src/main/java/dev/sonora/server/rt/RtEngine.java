package dev.sonora.server.rt;

import java.util.concurrent.atomic.AtomicReference;

import org.jctools.queues.MpscArrayQueue;

/**
 * Renders one block at a time on the audio thread: drains the command queue, performs each
 * timestamped command at its exact sample (splitting the block there), processes the node
 * tree, then cleans the main output. Audio thread only, except construction.
 */
public final class RtEngine {
    /**
     * The most commands one block takes from the inbox, and the most it performs. A storm (a
     * script sending thousands of notes at one instant, a flood of MIDI) is spread over blocks
     * instead of making one block's work grow with it: what is left waits a block and counts as
     * late. A 200-voice chord still starts in one block; the cost of a full block of starts is
     * measured in docs/design-notes.md.
     */
    public static final int MAX_COMMANDS_PER_BLOCK = 256;

    private final World world;
    private final MpscArrayQueue<Command> inbox;
    private final ScheduleHeap heap;
    private final RtStats stats;
    private final SampleClock clock;
    private final float[] left;
    private final float[] right;
    private final SlowBlocks slowBlocks = new SlowBlocks(256);
    private final LateCycles lateCycles = new LateCycles(256);
    private long seq;
    private int performed; // commands performed in the current block (bounded by MAX_COMMANDS_PER_BLOCK)
    // written by the audio thread (a release store), taken by NRT: a plain field could be seen
    // half-published or cleared over a newer error
    private final AtomicReference<Throwable> lastError = new AtomicReference<>();
    private BlockHook blockHook; // audio thread only: changed by the SetBlockHook command
    private volatile BlockTap blockTap;
    private volatile BlockInput blockInput;
    private volatile BlockObservers observers;

    /**
     * Work the audio thread does at the top of every block, once the commands that arrived are
     * in: e.g. applying direct MIDI cc -> control bus mappings. Audio thread only; must follow
     * the RT rules (no allocation, no locks, no waiting, no throwing).
     */
    public interface BlockHook {
        void atBlockStart(World world);
    }

    /** Swaps the block-start hook; returns the one it replaced. Audio thread only ({@link SetBlockHook}). */
    BlockHook swapBlockHookOnRt(BlockHook hook) {
        BlockHook old = blockHook;
        blockHook = hook;
        return old;
    }

    /**
     * Sees every finished main-output block (after the output stage and master gain, exactly
     * what the driver gets): e.g. a recording copying it into its pool. Audio thread only;
     * must follow the RT rules.
     */
    public interface BlockTap {
        void tapOnRt(float[] left, float[] right, int frames);
    }

    /** Installs the output tap, or removes it with null; returns the one it replaced. Any thread (commands swap it on RT). */
    public BlockTap swapBlockTap(BlockTap tap) {
        BlockTap old = blockTap;
        blockTap = tap;
        return old;
    }

    /**
     * Fills the device's input buses at the top of every block, after the buses are cleared
     * and before any node runs (e.g. JACK input ports). Audio thread only; must follow the RT
     * rules.
     */
    public interface BlockInput {
        void readOnRt(World world, int frames);
    }

    /** Installs the device input, or removes it with null. Any thread. */
    public void setBlockInput(BlockInput input) {
        blockInput = input;
    }

    /**
     * Installs the observers (meters, scopes), or removes them with null once none is left.
     * Any thread; the caller keeps its own order of installs and removals.
     */
    public void setObservers(BlockObservers o) {
        observers = o;
    }

    public RtEngine(World world, MpscArrayQueue<Command> inbox, int heapCapacity) {
        this.world = world;
        this.inbox = inbox;
        this.heap = new ScheduleHeap(heapCapacity);
        this.stats = world.stats;
        this.clock = new SampleClock(world.sampleRate);
        this.left = new float[world.blockSize];
        this.right = new float[world.blockSize];
    }

    /** Blocks that overran their own duration, for a reader that explains them (a soak's log). */
    public SlowBlocks slowBlocks() {
        return slowBlocks;
    }

    /** Driver cycles that ended late in their period (JACK records them), for the same reader. */
    public LateCycles lateCycles() {
        return lateCycles;
    }

    public World world() {
        return world;
    }

    /** Wall clock to sample clock (e.g. MIDI arrival times), kept up by the driver. Any thread. */
    public SampleClock sampleClock() {
        return clock;
    }

    /**
     * The driver's cycle starts now: the next block to render is its first, rendered at
     * {@code nanos} ({@link System#nanoTime()}, or the driver's ideal time for it). Audio thread,
     * once per cycle, before the cycle's blocks.
     */
    public void cycleStartsOnRt(long nanos) {
        clock.cycleOnRt(world.blockStart, nanos);
    }

    /** Renders the next block and hands it to {@code out}. Never throws. */
    public void renderBlock(AudioOut out) {
        final long t0 = System.nanoTime();
        final long cpu0 = SlowBlocks.cpuNowOnRt(); // 0 unless a soak asked for the slow-block log
        final World w = world;
        final int n = w.blockSize;
        final long start = w.blockStart;
        final long end = start + n;
        try {
            w.clearAudioBuses();
            performed = 0;
            BlockInput input = blockInput; // one volatile read a block
            if (input != null) input.readOnRt(w, n);
            // one volatile read a block: all that observing costs while no one observes
            BlockObservers obs = observers;
            boolean watching = false;
            if (obs != null) {
                w.clearNodeWatchesOnRt();
                obs.blockStartsOnRt(w);
                watching = w.nodeWatches() > 0;
            }
            drainInbox();
            BlockHook hook = blockHook;
            if (hook != null) hook.atBlockStart(w);
            int offset = 0;
            while (performed < MAX_COMMANDS_PER_BLOCK && heap.size() > 0 && heap.peekTime() < end) {
                Command c = heap.pop();
                int at = 0;
                if (c.time < start) {
                    c.late = true;
                    stats.late++;
                } else {
                    at = (int) (c.time - start);
                }
                if (at > offset) {
                    processTree(w, offset, at, watching);
                    offset = at;
                }
                perform(c, offset);
            }
            if (offset < n) {
                processTree(w, offset, n, watching);
            }
            w.endSomeDying(World.MAX_ENDS_PER_BLOCK);
            OutputStage.clean(w.audioBuses[0], w.audioBuses[1], left, right, n, stats);
            OutputStage.gain(left, right, n, w.masterGain);
            if (obs != null) obs.blockEndsOnRt(w, left, right, n);
            BlockTap tap = blockTap; // one volatile read a block
            if (tap != null) tap.tapOnRt(left, right, n);
        } catch (Throwable t) {
            // last resort: a bug in a unit must not stop the music; NRT reports it
            stats.rtErrors++;
            lastError.lazySet(t);
            java.util.Arrays.fill(left, 0f);
            java.util.Arrays.fill(right, 0f);
        }
        out.write(left, right, n);
        w.blockStart = end;
        long took = System.nanoTime() - t0;
        float load = took / (n * 1e9f / w.sampleRate);
        // 1 when the block overran, without a branch: a test that the warm-up never passes is
        // compiled as never taken, and the first overrun of a set would then throw the compiled
        // block loop away on this thread (see PeakWindows). Non-negative floats order as their bits.
        int overran = (Float.floatToRawIntBits(1f) - Float.floatToRawIntBits(load)) >>> 31;
        slowBlocks.recordOnRt(t0, took, SlowBlocks.cpuSinceOnRt(cpu0), start, performed, overran);
        stats.publish(end, load, performed);
    }

    private static void processTree(World w, int from, int to, boolean watching) {
        if (watching) w.root.processWatched(w, null, from, to);
        else w.root.process(w, null, from, to);
    }

    /** Takes at most {@link #MAX_COMMANDS_PER_BLOCK} commands; the rest stay queued for the next block. */
    private void drainInbox() {
        Command c;
        for (int taken = 0; taken < MAX_COMMANDS_PER_BLOCK && performed < MAX_COMMANDS_PER_BLOCK
                && (c = inbox.relaxedPoll()) != null; taken++) {
            c.seq = seq++;
            if (c.time == Command.NOW) {
                perform(c, 0);
            } else if (heap.isFull()) {
                // cannot happen while senders respect the in-flight limit; never drop, run late
                c.late = true;
                stats.late++;
                perform(c, 0);
            } else {
                heap.push(c);
            }
        }
    }

    private void perform(Command c, int offset) {
        performed++;
        world.commandOffset = offset;
        try {
            c.performOnRt(world);
        } catch (RuntimeException e) {
            stats.rtErrors++;
            lastError.lazySet(e);
        }
        world.returnToNrt(c);
    }

    /** The last exception caught on the audio thread, for NRT to report; clears it. Any thread. */
    public Throwable takeLastError() {
        return lastError.getAndSet(null);
    }
}
