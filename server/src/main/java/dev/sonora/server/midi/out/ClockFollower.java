package dev.sonora.server.midi.out;

/**
 * Reads an incoming MIDI clock (24 pulses a quarter note) by the arrival instants of its pulses:
 * the tempo (the mean pulse interval over the last {@link #WINDOW} pulses, two beats, so one late
 * pulse moves it little), the transport (start, stop, continue) and the song position in beats
 * (a song position pointer while stopped, then a 24th of a beat per pulse while running).
 *
 * <p>A pulse interval more than half again or less than half the mean is a tempo jump or a gap
 * (the sender paused): the window starts afresh from there. Lang thread only (fed from the MIDI
 * dispatch, read by the ticker that applies the tempo).
 */
public final class ClockFollower {
    /** Pulses per quarter note, MIDI's clock resolution. */
    public static final int PPQN = 24;
    /** Pulses the tempo is averaged over: two beats. */
    static final int WINDOW = 2 * PPQN;
    /** No pulse for this long (or four pulse intervals, if longer) and the clock has stopped arriving. */
    public static final long SILENCE_NANOS = 300_000_000L;

    private final long[] pulses = new long[WINDOW + 1]; // arrival instants, a ring
    private int count; // pulses in the ring (at most WINDOW + 1)
    private int head; // where the next pulse goes
    private long lastPulse = Long.MIN_VALUE;
    private boolean running;
    private double positionBase; // beats, at the last start or song position
    private long pulsesSinceBase; // counted, not summed, so the position stays exact
    private long totalPulses;

    /** One clock pulse arrived at {@code nanos} ({@link System#nanoTime()}). */
    public void pulse(long nanos) {
        if (count >= 2) {
            double mean = meanInterval();
            long gap = nanos - lastPulse;
            if (gap > mean * 1.5 || gap < mean * 0.5) count = 0; // a jump or a gap: begin a new window here
        } else if (count == 1 && nanos - lastPulse > SILENCE_NANOS) {
            count = 0;
        }
        pulses[head] = nanos;
        head = (head + 1) % pulses.length;
        if (count < pulses.length) count++;
        lastPulse = nanos;
        totalPulses++;
        if (running) pulsesSinceBase++;
    }

    private double meanInterval() {
        int newest = Math.floorMod(head - 1, pulses.length);
        int oldest = Math.floorMod(head - count, pulses.length);
        return (double) (pulses[newest] - pulses[oldest]) / (count - 1);
    }

    /** The tempo the pulses give, or NaN until there are enough of them (a quarter of a beat). */
    public double bpm() {
        if (count < PPQN / 4 + 1) return Double.NaN;
        return 60e9 / (meanInterval() * PPQN);
    }

    /** Start: the song from its beginning. */
    public void start() {
        running = true;
        positionBase = 0;
        pulsesSinceBase = 0;
    }

    public void stop() {
        running = false;
    }

    /** Continue: from the song position. */
    public void resume() {
        running = true;
    }

    /** A song position pointer: {@code sixteenths} MIDI beats (a sixteenth note each) from the song's start. */
    public void songPosition(int sixteenths) {
        positionBase = sixteenths / 4.0;
        pulsesSinceBase = 0;
    }

    public boolean running() {
        return running;
    }

    /**
     * The song position (beats) of the newest pulse, or NaN while stopped or before the first
     * pulse after a start or continue: that first pulse is at the song position (the start, or
     * the pointer), MIDI's rule, and each one after a 24th of a beat further.
     */
    public double positionOfNewestPulse() {
        if (!running || pulsesSinceBase == 0) return Double.NaN;
        return positionBase + (pulsesSinceBase - 1.0) / PPQN;
    }

    /**
     * When the newest pulse arrived, read off a least-squares line through the pulses since the
     * start (or continue) that are still in the window: one pulse's jitter moves it by a fraction.
     * NaN when {@link #bpm} is, or while stopped.
     */
    public double fittedNewestArrival() {
        if (Double.isNaN(bpm()) || Double.isNaN(positionOfNewestPulse())) return Double.NaN;
        int m = (int) Math.min(count, pulsesSinceBase); // pulses before a start may be on another grid
        long base = pulses[Math.floorMod(head - 1, pulses.length)]; // differences from it keep the sums small and exact
        if (m < 3) return base;
        double meanX = (m - 1) / 2.0;
        double meanY = 0;
        for (int j = 0; j < m; j++) meanY += pulses[Math.floorMod(head - m + j, pulses.length)] - base;
        meanY /= m;
        double sxy = 0;
        double sxx = 0;
        for (int j = 0; j < m; j++) {
            double dx = j - meanX;
            sxy += dx * (pulses[Math.floorMod(head - m + j, pulses.length)] - base - meanY);
            sxx += dx * dx;
        }
        return base + meanY + sxy / sxx * (m - 1 - meanX);
    }

    /** Beats from the song's start, as the pulses count them. */
    public double position() {
        return positionBase + (double) pulsesSinceBase / PPQN;
    }

    public long pulses() {
        return totalPulses;
    }

    /** Whether pulses came and then stopped coming: none for {@link #SILENCE_NANOS} or four intervals. */
    public boolean silentAt(long nanos) {
        if (lastPulse == Long.MIN_VALUE) return false;
        double limit = count >= 2 ? Math.max(SILENCE_NANOS, 4 * meanInterval()) : SILENCE_NANOS;
        return nanos - lastPulse > limit;
    }

    /** Forgets the pulses (after a silence, so the next ones are not measured against old ones). */
    public void forgetPulses() {
        count = 0;
        lastPulse = Long.MIN_VALUE;
    }
}
