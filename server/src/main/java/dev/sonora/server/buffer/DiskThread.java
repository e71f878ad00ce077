package dev.sonora.server.buffer;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Disk context: one thread, {@code sonora-disk}, that runs file work (decoding,
 * resampling, later streaming and recording) in order, so the audio thread never waits on
 * a file. Any thread may {@link #submit}; tasks run on the disk thread.
 */
public final class DiskThread {
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
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

    private void loop() {
        while (!closed) {
            Runnable r;
            try {
                r = tasks.take();
            } catch (InterruptedException e) {
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
    }

    public void close() {
        closed = true;
        thread.interrupt();
    }
}
