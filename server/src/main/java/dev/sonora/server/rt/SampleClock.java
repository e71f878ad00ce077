package dev.sonora.server.rt;

/**
 * Maps {@link System#nanoTime()} to the sample clock, so input stamped with the wall clock at
 * arrival (a MIDI device's receiver call) can be given a sample: the sample the audio thread
 * was rendering at that instant. Constant-latency MIDI plays each message at that sample plus a
 * fixed offset.
 *
 * <p>The driver tells it, at the start of each cycle, when the cycle's first frame is rendered
 * ({@link #cycleOnRt}); the clocked null driver passes its ideal wall time (no jitter at all), a
 * device driver the time its callback began. The line {@code nanos = offset + frame * period}
 * is kept with the nominal rate and an offset smoothed over about 16 cycles, so callback jitter
 * is mostly filtered out and slow drift between the two clocks is followed; a jump larger than
 * {@link #SNAP_NANOS} (an xrun, a resynchronised or replaced driver) is taken at once.
 *
 * <p>Written by the audio thread only (one volatile long a cycle, no allocation); read by any
 * thread.
 */
public final class SampleClock {
    /** An offset error this large is a jump (xrun, restart), not jitter: the line moves there at once. */
    static final long SNAP_NANOS = 50_000_000L;
    /** How much of each cycle's error the offset takes: 1/16, about 16 cycles of smoothing. */
    private static final double GAIN = 1.0 / 16;

    private final double nanosPerFrame;
    private final double framesPerNano;
    private double offset; // audio thread's own: wall time (ns) of frame 0, smoothed
    private boolean started;
    private volatile long published = Long.MIN_VALUE; // offset for readers; MIN_VALUE until the first cycle

    public SampleClock(int sampleRate) {
        this.nanosPerFrame = 1e9 / sampleRate;
        this.framesPerNano = sampleRate / 1e9;
    }

    /** The cycle whose first frame is {@code frame} is rendered at {@code nanos} ({@link System#nanoTime()}). Audio thread. */
    public void cycleOnRt(long frame, long nanos) {
        double observed = nanos - frame * nanosPerFrame;
        double error = observed - offset;
        if (!started || Math.abs(error) > SNAP_NANOS) {
            offset = observed;
            started = true;
        } else {
            offset += error * GAIN;
        }
        published = Math.round(offset);
    }

    /**
     * The sample being rendered at {@code nanos} (a {@link System#nanoTime()} value), or
     * {@code fallback} while no driver has run a cycle yet. Any thread; allocation-free.
     */
    public long sampleAt(long nanos, long fallback) {
        long o = published; // local copy: one volatile read
        if (o == Long.MIN_VALUE) return fallback;
        return (long) Math.floor((nanos - o) * framesPerNano);
    }
}
