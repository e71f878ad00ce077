package dev.sonora.server.observe;

import java.util.Arrays;
import java.util.function.Consumer;

import dev.sonora.server.rt.NodeWatch;
import dev.sonora.server.rt.RtNode;
import dev.sonora.server.rt.World;

/**
 * One observer as the audio thread sees it: the callback a trap slot calls twice a block, and
 * for a node source the watch the tree walk calls around that node. It reads its source into
 * {@link #addOnRt} once a block; subclasses measure there into storage they allocated when
 * built. Built on the sender; {@code accept} and the {@code …OnRt} methods on the audio thread
 * only, except the node watch's two around a node inside a parallel group, which run on the
 * worker running that node's task (they write only the before/added arrays, which the audio
 * thread reads in {@code accept} after the group's join).
 *
 * <p>The slot's guarantee (not called after {@code remove} returns) covers {@code accept}; the
 * node watch is put on the world's list by {@code accept} for one block at a time, so after a
 * remove it may run for the rest of that block, writing only this tap's own scratch arrays.
 */
public abstract class Tap implements Consumer<BlockView>, NodeWatch {
    final TapSource source;
    // what the node added this block (NODE), or zeros: never written for the other sources
    private final float[] addedLeft;
    private final float[] addedRight;
    private final float[] beforeLeft;
    private final float[] beforeRight;

    protected Tap(TapSource source, int blockSize) {
        this.source = source;
        boolean node = source.kind == TapSource.Kind.NODE;
        this.addedLeft = new float[blockSize];
        this.addedRight = new float[blockSize];
        this.beforeLeft = node ? new float[blockSize] : null;
        this.beforeRight = node ? new float[blockSize] : null;
    }

    /** What this tap measures. Any thread. */
    public final TapSource source() {
        return source;
    }

    /** Audio thread: the slot's call. */
    @Override
    public final void accept(BlockView v) {
        if (v.phase == BlockView.START) {
            if (source.kind == TapSource.Kind.NODE) startNodeOnRt(v.world);
            return;
        }
        World w = v.world;
        int n = v.frames;
        switch (source.kind) {
            case OUT -> addOnRt(v.left, v.right, n, w.blockStart());
            case BUS -> {
                float[][] buses = w.audioBuses;
                int b = source.bus;
                if (b < 0 || b >= buses.length) {
                    addOnRt(addedLeft, addedRight, n, w.blockStart()); // zeros: the sender checks the range
                } else {
                    float[] l = buses[b];
                    float[] r = source.stereo && b + 1 < buses.length ? buses[b + 1] : l;
                    addOnRt(l, r, n, w.blockStart());
                }
            }
            case NODE -> addOnRt(addedLeft, addedRight, n, w.blockStart());
        }
    }

    private void startNodeOnRt(World w) {
        Arrays.fill(addedLeft, 0f); // a paused or ended node adds nothing
        Arrays.fill(addedRight, 0f);
        if (w.live(source.nodeId, source.node, source.generation) != null) w.watchNodeOnRt(this);
    }

    @Override
    public final RtNode watchedNode() {
        return source.node;
    }

    @Override
    public final void beforeNodeOnRt(float[][] buses, int from, int to) {
        int b = source.bus;
        if (b >= 0 && b < buses.length) System.arraycopy(buses[b], from, beforeLeft, from, to - from);
        if (b + 1 >= 0 && b + 1 < buses.length) System.arraycopy(buses[b + 1], from, beforeRight, from, to - from);
    }

    @Override
    public final void afterNodeOnRt(float[][] buses, int from, int to) {
        int b = source.bus;
        if (b >= 0 && b < buses.length) difference(buses[b], beforeLeft, addedLeft, from, to);
        if (b + 1 >= 0 && b + 1 < buses.length) difference(buses[b + 1], beforeRight, addedRight, from, to);
    }

    // the out unit adds into the bus, so after minus before is exactly what the node wrote
    // (to within one float rounding of what was already there)
    private static void difference(float[] after, float[] before, float[] added, int from, int to) {
        for (int i = from; i < to; i++) added[i] = after[i] - before[i];
    }

    /**
     * Audio thread, once a block: {@code frames} samples of the source, the first of them at
     * sample time {@code blockStart}. Must follow the RT rules.
     */
    protected abstract void addOnRt(float[] left, float[] right, int frames, long blockStart);
}
