package dev.sonora.server.rt;

/**
 * A function-pointer message: built on the sending side (NRT or Lang) with everything the
 * audio thread will need, performed on the audio thread at its sample time, then returned to
 * NRT for completion (release, id recycling, replies).
 *
 * <p>{@link #performOnRt} must be O(1) or bounded, allocate nothing and never throw; it
 * reports failure by setting {@link #error} to a code that {@link #completeOnNrt} turns into
 * words.
 */
public abstract class Command {
    /** Perform as soon as the audio thread sees it (next block, offset 0). */
    public static final long NOW = Long.MIN_VALUE;

    /** Sample time to perform at, or {@link #NOW}. */
    public final long time;
    /** Tie-breaker for equal times: arrival order on the audio thread. */
    long seq;
    /** 0, or a failure code set on the audio thread. */
    protected int error;
    /** True when the command ran after its sample time had passed. */
    protected boolean late;

    protected Command(long time) {
        this.time = time;
    }

    /** Audio thread only. */
    protected abstract void performOnRt(World world);

    /** NRT only: runs when the command comes back on the return queue. */
    public abstract void completeOnNrt(CommandOutcome outcome);

    public final int error() {
        return error;
    }

    public final boolean wasLate() {
        return late;
    }
}
