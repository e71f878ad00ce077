package dev.sonora.server.rt;

import java.util.concurrent.locks.LockSupport;

/**
 * The loop of one audio worker thread ({@code sonora-rt-worker-N}): claims parallel-group tasks
 * from the {@link ParallelRunner} and runs them, under the audio thread's rules (no allocation,
 * no lock, no I/O, never a wait while it holds a task).
 *
 * <p>Idle, it spins for {@link #SPIN_NANOS} after its last task (the next parallel group of the
 * block, or the next block of a render, usually comes sooner), then dozes in short parks of
 * {@link #DOZE_NANOS}, looking for work between them, and sleeps {@link #SLEEP_NANOS} at a time
 * while the server has never had a parallel group. Nobody wakes it: the audio thread never
 * signals (a wake-up is a system call), it just works alone until a worker turns up. The parks
 * are the only waits, and only here ({@link #idle}), never with a task in hand.
 */
public final class RtWorker {
    /** How long a worker spins after its last task before it dozes. */
    public static final long SPIN_NANOS = 100_000;
    /** One doze: short enough to join a live block in its first tenth (a 64-frame block at 48 kHz is 1.33 ms). */
    public static final long DOZE_NANOS = 100_000;
    /** One sleep while no parallel group was ever made. */
    public static final long SLEEP_NANOS = 5_000_000;

    private final ParallelRunner runner;
    /** Which worker this is, from 1: the task it takes first ({@link ParallelRunner#claimAndRunOnWorker}). */
    private final int index;
    private volatile boolean stopping;
    // single writer (this worker); read by tests and status
    private volatile long tasksRun;

    /** @param index which worker this is, from 1 (the audio thread is 0) */
    public RtWorker(ParallelRunner runner, int index) {
        if (index < 1) throw new IllegalArgumentException("workers count from 1: " + index);
        this.runner = runner;
        this.index = index;
    }

    /** The worker thread's body: returns once {@link #stop} was called. Worker thread. */
    public void runOnWorker() {
        long lastWork = System.nanoTime();
        while (!stopping) {
            if (runner.claimAndRunOnWorker(index)) {
                tasksRun = tasksRun + 1;
                lastWork = System.nanoTime();
            } else if (!runner.inUse()) {
                idle(SLEEP_NANOS);
            } else if (System.nanoTime() - lastWork < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                idle(DOZE_NANOS);
            }
        }
    }

    /** The one place a worker waits: with no task in hand. */
    private void idle(long nanos) {
        LockSupport.parkNanos(this, nanos);
    }

    /** Asks the loop to end after its current task. Any thread. */
    public void stop() {
        stopping = true;
    }

    /** Tasks this worker has run. Any thread. */
    public long tasksRun() {
        return tasksRun;
    }
}
