package dev.sonora.server.rt;

/**
 * Counters the audio thread keeps for {@code status()}.
 *
 * <p>Written only by the audio thread; read by any thread. Plain fields are counted on the
 * audio thread; {@link RtEngine} publishes a consistent view into the volatile fields once
 * per block, so readers never see torn longs and the audio thread pays one fence per field.
 * The two maxima readers read "since my last call" (the output peak, taken by each
 * {@code status()}, and the peak block load) are kept by {@link PeakWindows}: a reader asks for
 * its window to start over and the audio thread serves the request at its next block, so the
 * audio thread stays their only writer and no block's peak is lost.
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
    /** Largest absolute output sample per block; one reader, {@code status()}. */
    private final PeakWindows peaks = new PeakWindows(1);
    /** Render time of the last block over its duration, 0..1+. */
    public volatile float publishedLoad;
    /** Reader of {@link #takePeakLoad}: {@code status()}. */
    public static final int STATUS_READER = 1;
    /** Reader of {@link #takePeakLoad}: the REPL's status line. */
    public static final int STATUS_LINE_READER = 2;
    /**
     * Block load, one window per reader: [0] since the last {@link #resetPeakLoad} (a render's
     * summary), then each reader's since its own last {@link #takePeakLoad}, so one reader's
     * window never shortens another's.
     */
    private final PeakWindows loads = new PeakWindows(3);
    /** Sample time of the next block to render. */
    public volatile long publishedSampleTime;
    /** Underruns/overruns the driver counted. */
    public volatile long xruns;
    /** How many xruns' instants {@link #xrunNanos} keeps. */
    public static final int XRUN_TIMES = 256;
    private final long[] xrunNanos = new long[XRUN_TIMES];
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
        peaks.recordOnRt(peakSinceRead);
        peakSinceRead = 0f;
        publishedLoad = load;
        loads.recordOnRt(load);
        // no branch: a test the warm-up never passes would be compiled as never taken (PeakWindows)
        publishedMostCommands = Math.max(publishedMostCommands, commands);
        blocks = blocks + 1;
        publishedSampleTime = sampleTime;
    }

    /** The largest output sample since the last call, and starts it over (status() reads it so). Any thread. */
    public float takePeak() {
        return peaks.take(0);
    }

    /** The largest block load since the last reset (1 = a whole block's time). Any thread. */
    public float peakLoad() {
        return loads.peek(0);
    }

    /**
     * The largest block load since {@code reader}'s last call ({@link #STATUS_READER},
     * {@link #STATUS_LINE_READER}) or the last {@link #resetPeakLoad}, and starts it over. Any thread.
     */
    public float takePeakLoad(int reader) {
        return loads.take(reader);
    }

    /** Starts every peak block load over (after boot, after a render's warm-up). Any thread. */
    public void resetPeakLoad() {
        for (int i = 0; i < 3; i++) loads.reset(i);
    }

    /** Counted by the driver on the audio thread (JACK: on its notification thread, its only writer then). */
    public void countXrun() {
        long n = xruns;
        xrunNanos[(int) (n & (XRUN_TIMES - 1))] = System.nanoTime(); // stored before the count publishes it
        xruns = n + 1;
    }

    /**
     * When xrun number {@code k} (0-based, below {@link #xruns}) was counted, as a {@link System#nanoTime()}
     * value; only the last {@link #XRUN_TIMES} are kept ({@code Long.MIN_VALUE} for older ones). For the
     * soak's slow-block log, to set xruns beside the JVM's safepoints and collections. Any thread.
     */
    public long xrunNanos(long k) {
        long n = xruns;
        if (k < n - XRUN_TIMES || k >= n) return Long.MIN_VALUE;
        long t = xrunNanos[(int) (k & (XRUN_TIMES - 1))];
        return xruns - k > XRUN_TIMES ? Long.MIN_VALUE : t; // overwritten while read
    }
}
