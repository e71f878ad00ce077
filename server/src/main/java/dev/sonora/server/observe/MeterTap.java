package dev.sonora.server.observe;

/**
 * Peak and RMS of each side over windows of a fixed number of frames (the rate a meter asked
 * for, in samples, so a render measures the same windows every time). A window may end inside
 * a block: it is cut on its exact frame. Built on the sender; measured on the audio thread;
 * read with {@link #drain} on one reader thread.
 */
public final class MeterTap extends Tap {
    /** One finished window. Reader thread. */
    @FunctionalInterface
    public interface Reader {
        void reading(long sampleTime, float peakLeft, float peakRight, float rmsLeft, float rmsRight);
    }

    private final int window;
    private final MeterReadings readings = new MeterReadings();
    // the window being measured: audio thread only
    private float peakLeft;
    private float peakRight;
    private double sumLeft;
    private double sumRight;
    private int count;

    /** @param windowFrames frames per reading, at least 1 */
    public MeterTap(TapSource source, int blockSize, int windowFrames) {
        super(source, blockSize);
        if (windowFrames < 1) throw new IllegalArgumentException("window " + windowFrames);
        this.window = windowFrames;
    }

    @Override
    protected void addOnRt(float[] left, float[] right, int frames, long blockStart) {
        float pl = peakLeft;
        float pr = peakRight;
        double sl = sumLeft;
        double sr = sumRight;
        int c = count;
        for (int i = 0; i < frames; i++) {
            float l = left[i];
            float r = right[i];
            pl = Math.max(pl, Math.abs(l));
            pr = Math.max(pr, Math.abs(r));
            sl += (double) l * l;
            sr += (double) r * r;
            if (++c == window) {
                readings.offerOnRt(blockStart + i + 1, pl, pr, (float) Math.sqrt(sl / c), (float) Math.sqrt(sr / c));
                pl = pr = 0f;
                sl = sr = 0.0;
                c = 0;
            }
        }
        peakLeft = pl;
        peakRight = pr;
        sumLeft = sl;
        sumRight = sr;
        count = c;
    }

    /** Hands every finished window to {@code r}, oldest first (the time is the window's end); returns how many. Reader thread. */
    public int drain(Reader r) {
        return readings.drain(r);
    }

    /** Windows dropped because the reader fell behind. Any thread. */
    public long dropped() {
        return readings.dropped();
    }

    /** Frames per reading. */
    public int window() {
        return window;
    }
}
