package dev.sonora.server.rt;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The largest value per block (the output peak, the block load), read by each reader "since my
 * own last call".
 *
 * <p>Only the audio thread writes a maximum. A reader never clears one: it asks, by writing
 * the last block its read covered into its own request slot, and the audio thread serves the
 * request at its next block by starting that reader's window after that block. The blocks that
 * ran between the reader's read and the audio thread seeing the request are still in a short
 * ring of recent block values, so the new window is rebuilt from them: no block is lost and
 * none is reported twice. (A reader held more than {@link #RING} blocks between its read and its
 * request gets the old window's maximum folded in: it may see a peak twice, never miss one.)
 *
 * <p>Readers see the published windows through a sequence lock: the audio thread makes the
 * version odd while it writes and even when done; a reader that saw it change reads again. The
 * audio thread never waits; a reader waits at most while one block is published. The stores are
 * release stores ordered by fences, not volatile ones: on x86 they are plain moves, where
 * sixteen volatile stores a block cost the audio thread 4 % of a note-heavy render.
 *
 * <p>The audio thread's side has no data-dependent branch: a test such as "was a request made?"
 * is one the warm-up never takes, so the JIT would compile it as never taken and the first
 * {@code status()} of a set would throw the compiled block loop away mid-set (see
 * {@link RtStats}).
 */
final class PeakWindows {
    /** Recent blocks kept to rebuild a window; a power of two. */
    static final int RING = 8;
    private static final int MASK = RING - 1;

    // audio thread only
    private final int[] recent = new int[RING];
    private final long[] served;
    private final int[] max;
    private long blocks;

    /** Per reader: the last block of the window it has read; written by the reader. */
    private final AtomicLongArray request;

    // published under the sequence lock
    private final AtomicLong version = new AtomicLong();
    private final AtomicLong end = new AtomicLong();
    private final AtomicIntegerArray publishedRecent = new AtomicIntegerArray(RING);
    private final AtomicLongArray publishedStart;
    private final AtomicIntegerArray publishedMax;

    PeakWindows(int readers) {
        served = new long[readers];
        max = new int[readers];
        request = new AtomicLongArray(readers);
        publishedStart = new AtomicLongArray(readers);
        publishedMax = new AtomicIntegerArray(readers);
    }

    /** Audio thread, once a block: this block's value (non-negative; floats order as their bits). */
    void recordOnRt(float value) {
        int bits = Float.floatToRawIntBits(value);
        long block = blocks + 1;
        recent[(int) block & MASK] = bits;
        long v = version.getPlain();
        version.setOpaque(v + 1); // odd: readers wait
        VarHandle.storeStoreFence(); // ...and see it before anything below
        publishedRecent.setOpaque((int) block & MASK, bits);
        for (int i = 0; i < max.length; i++) {
            long after = request.getAcquire(i);
            int rebuilt = 0;
            for (int k = 0; k < RING; k++) {
                long b = block - k;
                rebuilt = Math.max(rebuilt, recent[(int) b & MASK] & (int) ((after - b) >> 63)); // b > after
            }
            int heldTooLong = (int) ((RING - (block - after)) >> 63); // the ring does not reach back
            rebuilt = Math.max(rebuilt, max[i] & heldTooLong);
            long d = after ^ served[i];
            int asked = (int) ((d | -d) >> 63); // all ones when a new request came
            max[i] = (rebuilt & asked) | (Math.max(max[i], bits) & ~asked);
            served[i] = after;
            publishedStart.setOpaque(i, after);
            publishedMax.setOpaque(i, max[i]);
        }
        end.setOpaque(block);
        blocks = block;
        version.setRelease(v + 2); // even: published, after everything above
    }

    /** The largest value since {@code reader}'s last {@link #take} or {@link #reset}, and starts its window over. Any thread. */
    float take(int reader) {
        Window w = read(reader);
        request.accumulateAndGet(reader, w.last, Math::max);
        return w.max;
    }

    /** The largest value in {@code reader}'s window, which stays open. Any thread. */
    float peek(int reader) {
        return read(reader).max;
    }

    /** Starts {@code reader}'s window after the last published block. Any thread. */
    void reset(int reader) {
        request.accumulateAndGet(reader, end.getAcquire(), Math::max);
    }

    /** A reader's window, as one consistent read: it ends with block {@code last}. */
    private record Window(long last, float max) {}

    private Window read(int reader) {
        while (true) {
            long v = version.getAcquire();
            if ((v & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            long last = end.getOpaque();
            long start = publishedStart.getOpaque(reader);
            int bits = publishedMax.getOpaque(reader);
            long after = request.get(reader);
            if (start != after) { // asked, not yet served: the window is (after, last]
                bits = after >= last ? 0 : last - after <= RING ? recentAfter(after, last) : bits;
            }
            VarHandle.loadLoadFence(); // the reads above happen before the check below
            if (version.getPlain() == v) return new Window(last, Float.intBitsToFloat(bits));
        }
    }

    private int recentAfter(long after, long last) {
        int bits = 0;
        for (long b = after + 1; b <= last; b++) bits = Math.max(bits, publishedRecent.getOpaque((int) b & MASK));
        return bits;
    }
}
