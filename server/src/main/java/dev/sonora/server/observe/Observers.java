package dev.sonora.server.observe;

import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;

import dev.sonora.server.callback.TrapSlot;
import dev.sonora.server.rt.BlockObservers;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.DiscardOut;
import dev.sonora.server.rt.RtEngine;
import dev.sonora.server.rt.RtStats;
import dev.sonora.server.rt.World;

/**
 * A server's observers: up to {@value #CAPACITY} taps, each in its own trap slot (one
 * register per slot life, the trap's constraint never bites; docs/performance.md, "Callbacks
 * the audio thread calls"). The engine sees this object only while at least one tap is
 * registered, so with none the audio thread's cost is its one volatile read of the engine's
 * field. Once {@link #remove} returns, the audio thread never calls the tap's {@code accept}
 * again.
 *
 * <p>{@link #add} and {@link #remove}: any thread but the audio thread (they take this
 * object's monitor, which the audio thread never touches). {@code block…OnRt}: the audio
 * thread.
 */
public final class Observers implements BlockObservers {
    /** The most taps registered at once (meters, scopes and the status line together). */
    public static final int CAPACITY = 64;

    static {
        primeOnThisThread();
    }

    private final RtEngine engine;
    @SuppressWarnings("unchecked")
    private final TrapSlot<BlockView>[] slots = new TrapSlot[CAPACITY];
    private final boolean[] used = new boolean[CAPACITY]; // guarded by this
    private int count;                                   // guarded by this
    /** Slots below this index may hold a tap: the audio thread walks no further. */
    private volatile int highWater;
    private final BlockView view = new BlockView();      // audio thread only

    public Observers(RtEngine engine) {
        this.engine = engine;
        for (int i = 0; i < CAPACITY; i++) slots[i] = new TrapSlot<>();
    }

    /** Whether every slot is taken, so that {@link #add} would throw: front ends say so in their own words first. */
    public synchronized boolean full() {
        return count >= CAPACITY;
    }

    /** Registers {@code tap}; returns its slot, for {@link #remove}. Throws when all slots are taken. */
    public synchronized int add(Tap tap) {
        for (int i = 0; i < CAPACITY; i++) {
            if (used[i]) continue;
            if (!slots[i].register(tap)) throw new IllegalStateException("observer slot " + i + " still holds a change");
            used[i] = true;
            if (i >= highWater) highWater = i + 1;
            if (count++ == 0) engine.setObservers(this);
            return i;
        }
        throw new IllegalStateException("too many observers: at most " + CAPACITY + " meters and scopes at once");
    }

    /** Removes the tap in {@code slot}; on return the audio thread is not inside it and will not call it again. */
    public synchronized void remove(int slot) {
        if (slot < 0 || slot >= CAPACITY || !used[slot]) return;
        slots[slot].unregister();
        used[slot] = false;
        if (--count == 0) engine.setObservers(null);
    }

    /** Taps registered now. Any thread. */
    public synchronized int count() {
        return count;
    }

    @Override
    public void blockStartsOnRt(World world) {
        BlockView v = view;
        v.phase = BlockView.START;
        v.world = world;
        useAll(v);
    }

    @Override
    public void blockEndsOnRt(World world, float[] left, float[] right, int frames) {
        BlockView v = view;
        v.phase = BlockView.END;
        v.world = world;
        v.left = left;
        v.right = right;
        v.frames = frames;
        useAll(v);
    }

    private void useAll(BlockView v) {
        int h = highWater;
        for (int i = 0; i < h; i++) slots[i].use(v);
    }

    /**
     * Class initialisation (never the audio thread): runs every kind of tap through a scratch
     * engine for a few blocks, so the classes the audio thread reaches when a first meter is
     * added are loaded and linked here rather than there (a first load allocates).
     */
    private static void primeOnThisThread() {
        int bs = 64;
        World w = new World(48000, bs, 8, 4, 1, new SpscArrayQueue<>(8), new RtStats());
        RtEngine e = new RtEngine(w, new MpscArrayQueue<Command>(8), 8);
        Observers o = new Observers(e);
        int a = o.add(new MeterTap(TapSource.out(), bs, 100));
        int b = o.add(new MeterTap(TapSource.bus(2, false), bs, 100));
        int c = o.add(new ScopeTap(TapSource.node(w.defaultGroup, World.DEFAULT_GROUP, 0, 0, "prime"), bs, 80, 80));
        DiscardOut out = new DiscardOut();
        for (int i = 0; i < 4; i++) e.renderBlock(out);
        o.remove(a);
        o.remove(b);
        o.remove(c);
        e.renderBlock(out);
    }
}
