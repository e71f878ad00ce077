package dev.sonora.server.observe;

/**
 * The last {@code length} frames of a source, handed over as one frame at most every
 * {@code period} frames: the audio thread keeps a ring of the latest samples and, when a frame
 * is due and the reader has taken the last one, copies the ring out in order. A frame the
 * reader has not taken yet is never overwritten; a due frame then waits for it. Built on the
 * sender; {@link #takeFrame} on one reader thread.
 */
public final class ScopeTap extends Tap {
    private final float[] ringLeft;
    private final float[] ringRight;
    private final float[] frameLeft;
    private final float[] frameRight;
    private final int period;
    // audio thread only
    private int pos;
    private long filled;
    private long sinceFrame;
    /** The frame arrays hold a frame the reader has not taken. Set by the audio thread, cleared by the reader. */
    private volatile boolean ready;
    private volatile long frameEnd;

    public ScopeTap(TapSource source, int blockSize, int length, int periodFrames) {
        super(source, blockSize);
        if (length < 1 || periodFrames < 1) throw new IllegalArgumentException("scope " + length + "/" + periodFrames);
        this.ringLeft = new float[length];
        this.ringRight = new float[length];
        this.frameLeft = new float[length];
        this.frameRight = new float[length];
        this.period = periodFrames;
        this.sinceFrame = periodFrames; // the first frame as soon as the ring is full
    }

    @Override
    protected void addOnRt(float[] left, float[] right, int frames, long blockStart) {
        int n = ringLeft.length;
        int p = pos;
        for (int i = 0; i < frames; i++) {
            ringLeft[p] = left[i];
            ringRight[p] = right[i];
            if (++p == n) p = 0;
        }
        pos = p;
        filled += frames;
        sinceFrame += frames;
        if (filled >= n && sinceFrame >= period && !ready) {
            int tail = n - p; // oldest first: from pos to the end, then from 0
            System.arraycopy(ringLeft, p, frameLeft, 0, tail);
            System.arraycopy(ringLeft, 0, frameLeft, tail, p);
            System.arraycopy(ringRight, p, frameRight, 0, tail);
            System.arraycopy(ringRight, 0, frameRight, tail, p);
            frameEnd = blockStart + frames;
            sinceFrame = 0;
            ready = true;
        }
    }

    /** Frames in one scope frame. */
    public int length() {
        return ringLeft.length;
    }

    /**
     * Copies a waiting frame into {@code left}/{@code right} (each {@link #length()} long) and
     * returns the sample time just after its last frame, or -1 when none waits. Reader thread.
     */
    public long takeFrame(float[] left, float[] right) {
        if (!ready) return -1;
        long end = frameEnd;
        System.arraycopy(frameLeft, 0, left, 0, frameLeft.length);
        System.arraycopy(frameRight, 0, right, 0, frameRight.length);
        ready = false;
        return end;
    }
}
