package dev.sonora.repl.midi;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import dev.sonora.repl.lang.LangLoop;

/**
 * Live mode: wakes the Lang loop when MIDI waits for it. A daemon thread, {@code sonora-midi-wake},
 * looks at the hub every {@link #PERIOD_NANOS} (a read of two counters per input, nothing else)
 * and posts the poll task only when a message waits and no poll is queued yet, so an idle
 * controller costs the Lang loop nothing and a busy one never floods its queue. While nothing
 * is open and no file plays it sleeps until {@link #wake}.
 *
 * <p>Each time it looks it also plays the direct note mappings' notes itself ({@link MidiNotes}),
 * so those never wait for the Lang loop.
 *
 * <p>Why a watcher and not the device thread posting itself: the device thread must not
 * allocate or block (it only fills the SPSC buffer), and posting to the Lang queue does both.
 */
final class MidiWaker implements AutoCloseable {
    /** How often the hub is looked at: adds half of it, on average, to the Lang path's latency. */
    static final long PERIOD_NANOS = 500_000L;

    private final LangLoop lang;
    private final BooleanSupplier active;
    private final BooleanSupplier waiting;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Runnable task;
    private final Runnable notes;
    private volatile boolean closed;
    private Thread thread;

    /**
     * @param active  true while inputs are open or a file plays (any thread)
     * @param waiting true when a message waits (any thread, allocation-free)
     * @param poll    the Lang-side poll; runs on the Lang loop
     * @param notes   plays the waiting notes of the direct note mappings; runs on this thread
     */
    MidiWaker(LangLoop lang, BooleanSupplier active, BooleanSupplier waiting, Runnable poll, Runnable notes) {
        this.notes = notes;
        this.lang = lang;
        this.active = active;
        this.waiting = waiting;
        this.task = () -> {
            queued.set(false); // before polling: a message arriving during the poll queues another
            poll.run();
        };
    }

    /** Starts the thread on first use, or wakes it after an open or a play. Any thread. */
    synchronized void wake() {
        if (closed) return;
        if (thread == null) {
            thread = new Thread(this::run, "sonora-midi-wake");
            thread.setDaemon(true);
            thread.setPriority(Thread.NORM_PRIORITY + 1);
            thread.start();
        } else {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (!closed) {
            notes.run();
            if (!active.getAsBoolean()) {
                // catch what came in just before the last input closed or the file ended
                if (waiting.getAsBoolean() && queued.compareAndSet(false, true)) lang.post(task);
                LockSupport.park(this);
                continue;
            }
            if (waiting.getAsBoolean() && queued.compareAndSet(false, true)) lang.post(task);
            LockSupport.parkNanos(this, PERIOD_NANOS);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) LockSupport.unpark(thread);
    }
}
