package dev.sonora.server.outbound;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Sends to other programs at given instants, on one thread of its own: a MIDI note from a loop is
 * made up to the latency ahead and leaves here when its sample plays. Entries due at the same
 * instant leave in the order they were queued. The thread sleeps until shortly before the next
 * entry, then spins the last {@link #SPIN_NANOS} (a timed sleep on Linux wakes 50-100 µs late).
 *
 * <p>{@link #at} and {@link #cancel} from any thread; sends run on the queue's thread, never two at
 * once. A send that throws is handed to the error consumer and the queue goes on.
 */
public final class OutboundQueue implements AutoCloseable {
    /** The last stretch before an entry's instant is waited by spinning, not sleeping. */
    static final long SPIN_NANOS = 300_000;

    private record Entry(long due, long seq, Object owner, Runnable send) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private final Thread thread;
    private final Consumer<RuntimeException> errors;
    private long seq;
    private boolean closed;
    private volatile long sent;

    public OutboundQueue(String threadName, Consumer<RuntimeException> errors) {
        this.errors = errors;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY); // its whole job is to be on time
        thread.start();
    }

    /** Runs {@code send} on the queue's thread at {@code dueNanos} ({@link System#nanoTime()}); a past instant means at once. */
    public void at(long dueNanos, Object owner, Runnable send) {
        lock.lock();
        try {
            if (closed) return;
            queue.add(new Entry(dueNanos, seq++, owner, send));
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Drops every entry of {@code owner} not sent yet; returns how many. */
    public int cancel(Object owner) {
        return remove(e -> e.owner == owner);
    }

    /** Drops the entries of {@code owner} due at or after {@code fromNanos} (a clock stopped: no pulse after its Stop). */
    public int cancelFrom(Object owner, long fromNanos) {
        return remove(e -> e.owner == owner && e.due - fromNanos >= 0); // nanoTime values compare by difference
    }

    private int remove(Predicate<Entry> which) {
        lock.lock();
        try {
            int before = queue.size();
            queue.removeIf(which);
            return before - queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Entries waiting. */
    public int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Sends performed so far. */
    public long sent() {
        return sent;
    }

    private void run() {
        while (true) {
            Entry next;
            lock.lock();
            try {
                while (true) {
                    if (closed) return;
                    Entry head = queue.peek();
                    long wait = head == null ? Long.MAX_VALUE : head.due - System.nanoTime() - SPIN_NANOS;
                    if (wait <= 0) {
                        next = queue.poll();
                        break;
                    }
                    changed.awaitNanos(Math.min(wait, TimeUnit.SECONDS.toNanos(1)));
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            while (System.nanoTime() < next.due) Thread.onSpinWait();
            try {
                next.send.run();
                sent++;
            } catch (RuntimeException e) {
                errors.accept(e);
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            changed.signal();
        } finally {
            lock.unlock();
        }
    }
}
