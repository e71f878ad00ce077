package dev.sonora.server.synth;

import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.World;
import dev.sonora.server.ugen.UnitResources;

/**
 * The ready-built synths of one definition on one server: a closed loop, so playing notes
 * allocates nothing once the pool has grown to the most synths of the definition playing at once.
 *
 * <p>{@link #acquire} (the sender, on {@code synth}) takes a synth that has ended, puts it back
 * exactly as a fresh one with the new id and controls ({@link SynthDef#reset}: sample-identical
 * output) and hands it out; {@link #release} (NRT, when the synth came back on the return queue)
 * puts it on the free list. The first note's synth is built for it and kept; when the free list is
 * empty the pool grows: to {@link #INITIAL} silently, then doubling, up to {@link #bound} (the node
 * limit: no more synths can play at once). Growth is news, said in one line per burst: the
 * doublings of one burst of notes (a script starting 500 voices grows 8 → 512 in six) are said
 * together once the pool has not grown for {@link #SETTLE_NANOS} ({@link #growthToSay}, asked by
 * the NRT owner). Synths are never given up while the definition
 * lives; {@link #retire} (the definition was replaced) drops the free ones and every one that
 * comes back later. A definition with a unit that cannot be reset (one holding a buffer or a
 * stream) is not pooled: each synth is built afresh and dropped when it ends, as before.
 *
 * <p>Sender threads and NRT; guarded by {@code this}. Resets run outside the lock, on a synth no
 * other thread holds.
 */
public final class SynthPool {
    /** Synths the pool grows to silently: the first note's own synth, then this many on the second. */
    public static final int INITIAL = 8;
    /** How long a pool must go without growing before its growth is said: one line per burst, not per doubling. */
    public static final long SETTLE_NANOS = 100_000_000L;

    private final SynthDef def;
    private final World world;
    private final UnitResources resources;
    private final int bound;
    private final Runnable grew;
    private SynthDef.Built[] free = new SynthDef.Built[0];
    private int freeCount;
    private int size;
    private boolean retired;
    /** Known after the first build: whether every unit of the definition can be reset. */
    private int resettable = -1;
    /** The size before the first growth not yet said, or -1; and when the pool last grew (nanoTime). */
    private int unsaidFrom = -1;
    private long lastGrowth;

    /**
     * {@code bound}: the most synths this pool will hold (the server's node limit); {@code grew} is
     * run (on the sender, under this pool's lock: it must only set a flag) when a growth is left to say.
     */
    public SynthPool(SynthDef def, World world, UnitResources resources, int bound, Runnable grew) {
        this.def = def;
        this.world = world;
        this.resources = resources;
        this.bound = Math.max(1, bound);
        this.grew = grew;
    }

    public SynthDef def() {
        return def;
    }

    /**
     * A synth of this definition with node id {@code id}, controls {@code names[i] = values[i]}
     * (names known, values finite: checked by the caller) and the rest at their defaults,
     * sounding exactly as a freshly built one. Sender side.
     */
    public RtSynth acquire(int id, String[] names, float[] values) {
        SynthDef.Built b = take();
        if (b != null) {
            def.reset(b, id, names, values);
            return b.synth;
        }
        // nothing to reuse (the definition's first synth, or one that is not pooled): build this
        // note's synth fresh; the first one also tells whether the definition can be pooled, so no
        // synth is ever built just to find out (a buffer or stream player takes its file when built)
        SynthDef.Built fresh = def.build(world, id, valuesByIndex(names, values), resources, this);
        if (!adopt(fresh)) fresh.synth.setPooled(null);
        return fresh.synth;
    }

    /** Takes a synth built for a note into the pool (it comes back when it ends); false if not pooled. */
    private synchronized boolean adopt(SynthDef.Built b) {
        if (resettable < 0) resettable = def.resettable(b) ? 1 : 0;
        if (retired || resettable == 0 || size >= bound) return false;
        size++;
        if (free.length < size) free = java.util.Arrays.copyOf(free, Math.max(INITIAL, size));
        return true;
    }

    /** NRT: a synth that ended and came back; a pooled one goes on its pool's free list. */
    public static void release(RtSynth synth) {
        if (synth.pooled() instanceof SynthDef.Built b && b.pool != null) b.pool.giveBack(b);
    }

    /** The definition was replaced: free synths are dropped now, playing ones when they end. */
    public synchronized void retire() {
        retired = true;
        java.util.Arrays.fill(free, 0, freeCount, null);
        freeCount = 0;
    }

    /** Synths built (free and playing). Any thread. */
    public synchronized int size() {
        return size;
    }

    /** Synths waiting on the free list. Any thread. */
    public synchronized int freeCount() {
        return freeCount;
    }

    public synchronized boolean retired() {
        return retired;
    }

    private synchronized void giveBack(SynthDef.Built b) {
        if (retired || freeCount == free.length) return; // dropped: the GC takes it
        free[freeCount++] = b;
    }

    /** A free synth, growing the pool if none is; null when this definition is not pooled. */
    private synchronized SynthDef.Built take() {
        if (retired || resettable != 1) return null;
        if (freeCount == 0 && !grow()) return null;
        SynthDef.Built b = free[--freeCount];
        free[freeCount] = null;
        return b;
    }

    private boolean grow() {
        if (size >= bound) return false; // cannot happen while ids are limited to the same bound
        int target = Math.min(bound, Math.max(INITIAL, 2 * size));
        if (free.length < target) free = java.util.Arrays.copyOf(free, target);
        // every unit can be reset, so building has no side effect: these wait for their first reset
        for (int i = size; i < target; i++) free[freeCount++] = def.build(world, -1, null, resources, this);
        int before = size;
        size = target;
        if (before >= INITIAL) {
            if (unsaidFrom < 0) unsaidFrom = before;
            lastGrowth = System.nanoTime();
            grew.run();
        }
        return true;
    }

    /**
     * The line that says this pool's growth since it was last said, once it has not grown for
     * {@link #SETTLE_NANOS} before {@code now} (any time, when {@code settled} is false), or null:
     * nothing to say yet. Said once. NRT owner.
     */
    public synchronized String growthToSay(long now, boolean settled) {
        if (unsaidFrom < 0 || (settled && now - lastGrowth < SETTLE_NANOS)) return null;
        String line = "synth '" + def.name() + "': " + unsaidFrom + " ready-built synths were all playing; pool grown to "
                + size + " (at most " + bound + ")";
        unsaidFrom = -1;
        return line;
    }

    /** Whether a growth is still to be said. Any thread. */
    public synchronized boolean growthUnsaid() {
        return unsaidFrom >= 0;
    }

    private float[] valuesByIndex(String[] names, float[] values) {
        float[] v = new float[def.controlNames().size()];
        java.util.Arrays.fill(v, Float.NaN);
        if (names != null) for (int i = 0; i < names.length; i++) v[def.controlIndex(names[i])] = values[i];
        return v;
    }
}
