package dev.sonora.server.rt;

/**
 * Counters the audio thread keeps for {@code status()}.
 *
 * <p>Written only by the audio thread; read by any thread. Plain fields are counted on the
 * audio thread; {@link RtEngine} publishes a consistent view into the volatile fields once
 * per block, so readers never see torn longs and the audio thread pays one fence per field.
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
    /** Largest absolute output sample in recent blocks (decays on read). */
    public volatile float publishedPeak;
    /** Render time of the last block over its duration, 0..1+. */
    public volatile float publishedLoad;
    /** Largest block load since the last reset. */
    public volatile float publishedPeakLoad;
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
        publishedPeak = Math.max(publishedPeak, peakSinceRead);
        peakSinceRead = 0f;
        publishedLoad = load;
        if (load > publishedPeakLoad) publishedPeakLoad = load;
        if (commands > publishedMostCommands) publishedMostCommands = commands;
        blocks = blocks + 1;
        publishedSampleTime = sampleTime;
    }

    /** Starts the peak block load over (e.g. after boot, or per render step). Any thread. */
    public void resetPeakLoad() {
        publishedPeakLoad = 0f;
    }

    /** Counted by the driver on the audio thread. */
    public void countXrun() {
        xruns = xruns + 1;
    }
}
