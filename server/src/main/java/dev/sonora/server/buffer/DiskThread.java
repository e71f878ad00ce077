package dev.sonora.server.buffer;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The Disk context: one thread, {@code sonora-disk}, that does all file work, so the audio
 * thread never waits on a file. Work comes in two priority classes:
 * <ul>
 * <li>urgent: the services ({@link DiskService}: stream refills, recording writes) and short
 *     tasks ({@link #submit}: close a file, finish a recording), run in order;</li>
 * <li>background: long jobs ({@link #submitSliced}: decoding and resampling a file for a
 *     buffer), run one bounded slice at a time, first submitted first finished.</li>
 * </ul>
 * Before every slice the thread runs every queued task and services every service, so a long
 * load delays a stream refill or a recording write by one slice at most. With no background
 * work it looks at its services at least every {@link #POLL_MILLIS} ms: the audio thread never
 * signals it (no syscalls on RT), it polls. Any thread may submit.
 */
public final class DiskThread {
    /** How often the Disk thread looks at its services when no task wakes it. */
    public static final int POLL_MILLIS = 2;
    private static final Runnable WAKE = () -> { };
    private final CopyOnWriteArrayList<DiskService> services = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<SlicedJob> background = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean woken = new java.util.concurrent.atomic.AtomicBoolean();
    private final Thread thread;
    private volatile boolean closed;
    private volatile Runnable sliceThrottle; // tests: a slow disk

    public DiskThread() {
        thread = new Thread(this::loop, "sonora-disk");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a short task (urgent class: runs before the next background slice). Any thread. */
    public void submit(Runnable task) {
        pending.incrementAndGet();
        tasks.add(task);
    }

    /** Queues a long job (background class: runs a slice at a time, urgent work in between). Any thread. */
    public void submitSliced(SlicedJob job) {
        pending.incrementAndGet();
        background.add(job);
        wake();
    }

    /** Tests: runs before every background slice (a slow disk). No production caller. */
    void throttleSlicesForTest(Runnable r) {
        sliceThrottle = r;
    }

    /** Tasks and jobs submitted and not finished yet. */
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
                // with a job under way only look for tasks; otherwise wait for one, or the next poll
                r = background.isEmpty() ? tasks.poll(POLL_MILLIS, TimeUnit.MILLISECONDS) : tasks.poll();
            } catch (InterruptedException e) {
                return;
            }
            // urgent first: every queued task, then every service
            for (; r != null; r = tasks.poll()) runTask(r);
            for (DiskService s : services) {
                try {
                    s.serviceOnDisk();
                } catch (RuntimeException e) {
                    // a service reports its own errors
                }
            }
            SlicedJob job = background.peek();
            if (job != null) sliceOf(job);
        }
    }

    private void runTask(Runnable r) {
        if (r == WAKE) {
            woken.set(false);
            return;
        }
        try {
            r.run();
        } catch (RuntimeException e) {
            // a task reports its own errors; this only keeps the disk thread alive
        } finally {
            pending.decrementAndGet();
        }
    }

    /** One slice of the oldest job; the job leaves the queue when it says it is finished. */
    private void sliceOf(SlicedJob job) {
        boolean finished = true;
        try {
            Runnable throttle = sliceThrottle;
            if (throttle != null) throttle.run();
            finished = job.stepOnDisk();
        } catch (RuntimeException e) {
            // a job reports its own errors; one that throws anyway is dropped, not retried forever
        } finally {
            if (finished) {
                background.poll();
                pending.decrementAndGet();
            }
        }
    }

    public void close() {
        closed = true;
        thread.interrupt();
    }
}
