package dev.sonora.server.rt;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Counters the audio thread keeps for {@code status()}.
 *
 * <p>Written only by the audio thread; read by any thread. Plain fields are counted on the
 * audio thread; {@link RtEngine} publishes a consistent view into the volatile fields once
 * per block, so readers never see torn longs and the audio thread pays one fence per field.
 * The two maxima that readers also reset (the output peak, taken by each {@code status()}, and
 * the peak block load) are the exception: both sides change them with atomic operations (the
 * audio thread a lock-free compare-and-set max, a reader a get-and-set), so a reset never
 * loses a peak the audio thread is writing at that moment.
 */
public final class RtStats {
    // audio thread working counters
    int nodes;
    int synths;
    long late;
    long nanFixed;
    long clipped;
    long returnOverflows;
    long rtErrors;
    float peakSinceRead;

    // published once per block
    public volatile int publishedNodes;
    public volatile int publishedSynths;
    public volatile long publishedLate;
    public volatile long publishedNanFixed;
    public volatile long publishedClipped;
    public volatile long publishedRtErrors;
    public volatile long publishedReturnOverflows;
    /** Largest absolute output sample since the last {@link #takePeak}, as float bits (non-negative floats order as their bits). */
    private final AtomicInteger peakBits = new AtomicInteger();
    /** Render time of the last block over its duration, 0..1+. */
    public volatile float publishedLoad;
    /** Reader of {@link #takePeakLoad}: {@code status()}. */
    public static final int STATUS_READER = 1;
    /** Reader of {@link #takePeakLoad}: the REPL's status line. */
    public static final int STATUS_LINE_READER = 2;
    /**
     * Largest block load, as float bits, one per reader: [0] since the last {@link #resetPeakLoad}
     * (a render's summary), then each reader's since its own last {@link #takePeakLoad}, so one
     * reader's window never shortens another's.
     */
    private final AtomicIntegerArray peakLoadBits = new AtomicIntegerArray(3);
    /** Sample time of the next block to render. */
    public volatile long publishedSampleTime;
    /** Underruns/overruns the driver counted. */
    public volatile long xruns;
    /** Blocks rendered. */
    public volatile long blocks;
    /** The most commands performed in one block since the server started (bounded by {@link RtEngine#MAX_COMMANDS_PER_BLOCK}). */
    public volatile int publishedMostCommands;

    void publish(long sampleTime, float load, int commands) {
        publishedNodes = nodes;
        publishedSynths = synths;
        publishedLate = late;
        publishedNanFixed = nanFixed;
        publishedClipped = clipped;
        publishedRtErrors = rtErrors;
        publishedReturnOverflows = returnOverflows;
        raise(peakBits, peakSinceRead);
        peakSinceRead = 0f;
        publishedLoad = load;
        for (int i = 0; i < 3; i++) raise(peakLoadBits, i, load);
        publishedMostCommands = Math.max(publishedMostCommands, commands); // no branch: see raise()
        blocks = blocks + 1;
        publishedSampleTime = sampleTime;
    }

    /**
     * Audio thread: {@code max = max(max, v)} without a lock; a reader's reset in between only
     * makes it try again. (Non-negative floats order as their bits do.) Every block writes, new
     * peak or not: a test for "is this a new peak?" is a branch the warm-up takes only in its first
     * blocks, so the JIT compiled it as never taken, and the first new peak of a set threw the
     * compiled block loop away on the audio thread: a slow block, mid-set. (The 2000 B JACK's thread
     * allocated in soaks then were not this but the JIT's first compile of the callback: see
     * {@link StringLiterals}.)
     */
    private static void raise(AtomicInteger max, float v) {
        max.getAndAccumulate(Float.floatToRawIntBits(v), Math::max);
    }

    /** As above, for one of {@link #peakLoadBits}. */
    private static void raise(AtomicIntegerArray max, int i, float v) {
        max.getAndAccumulate(i, Float.floatToRawIntBits(v), Math::max);
    }

    /** The largest output sample since the last call, and starts it over (status() reads it so). Any thread. */
    public float takePeak() {
        return Float.intBitsToFloat(peakBits.getAndSet(0));
    }

    /** The largest block load since the last reset (1 = a whole block's time). Any thread. */
    public float peakLoad() {
        return Float.intBitsToFloat(peakLoadBits.get(0));
    }

    /**
     * The largest block load since {@code reader}'s last call ({@link #STATUS_READER},
     * {@link #STATUS_LINE_READER}) or the last {@link #resetPeakLoad}, and starts it over. Any thread.
     */
    public float takePeakLoad(int reader) {
        return Float.intBitsToFloat(peakLoadBits.getAndSet(reader, 0));
    }

    /** Starts every peak block load over (after boot, after a render's warm-up). Any thread. */
    public void resetPeakLoad() {
        for (int i = 0; i < 3; i++) peakLoadBits.set(i, 0);
    }

    /** Counted by the driver on the audio thread. */
    public void countXrun() {
        xruns = xruns + 1;
    }
}
