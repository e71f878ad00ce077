package dev.sonora.repl.lang;

import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops a script step that runs too long. A step is one file load, one {@code -e}, or one
 * render step (the loop bodies, {@code at} callbacks and events due in it); a step that runs
 * longer than the limit of wall time is interrupted like Ctrl-C, and the error it ends with
 * says so ({@link ErrorReport} asks {@link #reasonOnThisThread}). Without it a
 * {@code while (true) {}} under {@code --render}, where no one can press Ctrl-C, hangs forever.
 *
 * <p>{@link #begin}/{@link #end} on the Lang thread only; the watching is done by its own daemon
 * thread, {@code sonora-step-watch}, which only reads the step's start time and interrupts.
 */
public final class StepWatch implements AutoCloseable {
    /** The watch whose step runs on this thread: read by ErrorReport on the Lang thread while a step runs. */
    private static final ThreadLocal<StepWatch> CURRENT = new ThreadLocal<>();

    private final long limitNanos;
    private final double limitSeconds;
    private final Runnable interrupt;
    private final Thread watcher;
    private volatile long stepStart; // 0: no step running
    private volatile boolean fired;
    private volatile boolean closed;

    /** {@code interrupt} stops the running JavaScript (JsHost::interrupt); called on the watch thread. */
    public StepWatch(double limitSeconds, Runnable interrupt) {
        this.limitSeconds = limitSeconds;
        this.limitNanos = (long) (limitSeconds * 1e9);
        this.interrupt = interrupt;
        this.watcher = new Thread(this::watch, "sonora-step-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch() {
        long poll = Math.max(1_000_000L, Math.min(100_000_000L, limitNanos / 10));
        while (!closed) {
            LockSupport.parkNanos(poll);
            long start = stepStart;
            // stepStart read again: the step that ran too long may have ended (and the next begun,
            // fired reset) since the first read; an interrupt then would stop an innocent step
            if (start != 0 && !fired && System.nanoTime() - start > limitNanos && stepStart == start) {
                fired = true;
                interrupt.run();
            }
        }
    }

    /** A step starts. Lang thread. */
    public void begin() {
        fired = false;
        CURRENT.set(this);
        stepStart = System.nanoTime();
    }

    /** The step is over. Lang thread. */
    public void end() {
        stepStart = 0;
        CURRENT.remove();
    }

    /**
     * Runs {@code step} as one step. Inside a step of this watch (a handler called from a loop
     * body's event) it is part of that step: the outer one keeps its start and its limit. Lang thread.
     */
    public void step(Runnable step) {
        if (CURRENT.get() == this) {
            step.run();
            return;
        }
        begin();
        try {
            step.run();
        } finally {
            end();
        }
    }

    /** Whether the last step was stopped for running too long. */
    public boolean fired() {
        return fired;
    }

    /** What a stopped step is told, after its file:line. */
    public String reason() {
        return reason(limitSeconds);
    }

    /** {@link #reason()} for a limit of {@code limitSeconds}. */
    public static String reason(double limitSeconds) {
        return String.format(Locale.ROOT, "ran longer than %s s and was stopped (a longer limit: --step-timeout S)",
                limitSeconds == Math.rint(limitSeconds) ? Long.toString((long) limitSeconds) : Double.toString(limitSeconds));
    }

    /**
     * Whether the step running on this thread has been stopped by its watch. The error the stop
     * ends with is not always marked as an interrupt (it may surface as the error of a host call
     * it cut short), and an interrupt that arrives while the thread runs Java between two calls
     * into JavaScript (a pattern's events) is never thrown at all: what runs many calls in one
     * step asks this between them.
     */
    public static boolean firedOnThisThread() {
        return reasonOnThisThread() != null;
    }

    /** The reason the code running on this thread was interrupted by its watch, or null (Ctrl-C, or no watch). */
    public static String reasonOnThisThread() {
        StepWatch w = CURRENT.get();
        return w != null && w.fired ? w.reason() : null;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(watcher);
    }
}
