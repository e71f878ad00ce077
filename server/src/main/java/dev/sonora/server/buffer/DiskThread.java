package dev.sonora.server.buffer;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The Disk context: one thread, {@code sonora-disk}, that runs file work (decoding,
 * resampling, later streaming and recording) in order, so the audio thread never waits on
 * a file. Any thread may {@link #submit}; tasks run on the disk thread. Between tasks, and at
 * least every {@link #POLL_MILLIS} ms, it services the running recordings and streams
 * ({@link DiskService}): the audio thread never signals it (no syscalls on RT), it polls.
 */
public final class DiskThread {
    /** How often the Disk thread looks at its services when no task wakes it. */
    public static final int POLL_MILLIS = 2;
    private static final Runnable WAKE = () -> { };
    private final CopyOnWriteArrayList<DiskService> services = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean woken = new java.util.concurrent.atomic.AtomicBoolean();
    private final Thread thread;
    private volatile boolean closed;

    public DiskThread() {
        thread = new Thread(this::loop, "sonora-disk");
        thread.setDaemon(true);
        thread.start();
    }

    public void submit(Runnable task) {
        pending.incrementAndGet();
        tasks.add(task);
    }

    /** Tasks submitted and not finished yet. */
    public int pending() {
        return pending.get();
    }

    /** Waits until every task submitted so far has run (offline renders: loads finish before time moves). */
    public void awaitIdle() throws InterruptedException {
        while (pending.get() > 0) Thread.sleep(1);
    }

    /** Starts servicing {@code s} between tasks. Any thread. */
    public void addService(DiskService s) {
        services.add(s);
        wake();
    }

    /** Stops servicing {@code s}. Any thread (the Disk thread too, from inside a service or task). */
    public void removeService(DiskService s) {
        services.remove(s);
    }

    /** Makes the Disk thread look at its services now rather than at the next poll. Any non-audio thread. */
    public void wake() {
        if (woken.compareAndSet(false, true)) tasks.offer(WAKE); // one wake-up in the queue at most
    }

    /** Whether an offline render should wait ({@link #awaitCaughtUp}) before its next block. Any thread. */
    public boolean behind() {
        if (pending.get() > 0) return true;
        for (DiskService s : services) if (s.urgent()) return true;
        return false;
    }

    /**
     * Waits until every submitted task has run and every service has caught up (recordings
     * written, stream rings full). The offline controller calls it between blocks, so file work
     * never depends on how fast the Disk thread happened to be: renders stay exact.
     */
    public void awaitCaughtUp() {
        while (true) {
            boolean done = pending.get() == 0;
            if (done) for (DiskService s : services) if (!s.caughtUp()) { done = false; break; }
            if (done || closed) return;
            wake();
            LockSupport.parkNanos(20_000);
        }
    }

    private void loop() {
        while (!closed) {
            Runnable r;
            try {
                r = tasks.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (r == WAKE) woken.set(false);
            if (r != null && r != WAKE) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    // a task reports its own errors; this only keeps the disk thread alive
                } finally {
                    pending.decrementAndGet();
                }
            }
            for (DiskService s : services) {
                try {
                    s.serviceOnDisk();
                } catch (RuntimeException e) {
                    // a service reports its own errors
                }
            }
        }
    }

    public void close() {
        closed = true;
        thread.interrupt();
    }
}
