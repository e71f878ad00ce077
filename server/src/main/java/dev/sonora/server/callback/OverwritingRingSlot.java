package dev.sonora.server.callback;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * Strategy 4: an overwriting ring that keeps only the latest change. The producer writes each
 * registration into the next cell, overwriting the oldest, and publishes its sequence number;
 * the audio thread, when the sequence moved, reads the cell of the newest sequence and skips
 * everything older. A {@code register} is never dropped.
 *
 * <p>If the producer laps the reader between its two reads, the cell holds a newer
 * registration than the sequence it read, never an older one: a cell only ever receives later
 * sequences. In C++ the ring exists because the stored object cannot be swapped atomically;
 * in Java a reference can, so this ring is equivalent to one volatile field (the benchmark
 * measures the ring, as the seed built it).
 *
 * <p>Constraint (the seed's, a test): one producer thread ({@link SingleProducer}).
 * {@code unregister} revokes ({@link GuardedSlot}).
 *
 * <p>Thread rule: {@code register}/{@code unregister} from the one producer thread;
 * {@code use} on the audio thread.
 */
public final class OverwritingRingSlot<T> extends GuardedSlot<T> {
    private static final VarHandle WRITTEN;
    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(Registration[].class);

    static {
        try {
            WRITTEN = MethodHandles.lookup().findVarHandle(OverwritingRingSlot.class, "written", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        GuardedSlot.prime(new OverwritingRingSlot<>(4));
    }

    private final Registration<?>[] cells;
    private final int mask;
    private final SingleProducer producer = new SingleProducer();
    /** Sequence of the newest cell written; 0 = none. Written by the producer, read by the audio thread. */
    private volatile long written;
    /** The audio thread's: the sequence it last took, and what it took. */
    private long taken;
    private Registration<T> current;

    /** @param capacity cells in the ring, a power of two, at least 2 */
    public OverwritingRingSlot(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two >= 2: " + capacity);
        }
        cells = new Registration<?>[capacity];
        mask = capacity - 1;
    }

    @Override
    public boolean register(Consumer<? super T> callback) {
        producer.check("this overwriting callback slot");
        Registration<T> r = newRegistration(callback);
        long s = written + 1; // only this thread writes it
        CELLS.setRelease(cells, (int) (s & mask), r);
        WRITTEN.setRelease(this, s);
        revokeThrough(r.generation - 1);
        return true;
    }

    @Override
    public void unregister() {
        producer.check("this overwriting callback slot");
        revokeThrough(lastGeneration());
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean use(T value) {
        Registration<T> r = current;
        long w = (long) WRITTEN.getAcquire(this);
        if (w != taken) {
            taken = w;
            r = current = (Registration<T>) CELLS.getAcquire(cells, (int) (w & mask));
        }
        if (r == null) return false;
        if (call(r, value)) return true;
        if (current == r) current = null;
        return false;
    }

    @Override
    public String strategy() {
        return "overwrite";
    }
}
