package dev.sonora.server.callback;

import java.util.function.Consumer;

import org.jctools.queues.SpscArrayQueue;

/**
 * Strategy 2: registrations travel to the audio thread through a bounded single-producer
 * single-consumer ring (JCTools {@code SpscArrayQueue}); the audio thread drains it at the top
 * of {@link #use} and keeps the newest.
 *
 * <p>Constraints (the seed's, each a test): a {@code register} that finds the ring full is
 * dropped ({@code false}, counted in {@link #dropped()}); and one producer thread only: the
 * first thread that registers owns the slot and any other is refused with an
 * {@link IllegalStateException} ({@link SingleProducer}). {@code unregister} is never dropped:
 * it does not travel through the ring but revokes ({@link GuardedSlot}), so it holds even when
 * the ring is full.
 *
 * <p>Thread rule: {@code register}/{@code unregister} from the one producer thread;
 * {@code use} on the audio thread.
 */
public final class SpscRingSlot<T> extends GuardedSlot<T> {
    static {
        GuardedSlot.prime(new SpscRingSlot<>(4));
    }

    private final SpscArrayQueue<Registration<T>> changes;
    private final SingleProducer producer = new SingleProducer();
    /** Producer's own count of dropped registrations. */
    private long dropped;
    /** The audio thread's current registration. */
    private Registration<T> current;

    /** @param capacity changes that can wait for the audio thread (rounded up to a power of two by JCTools) */
    public SpscRingSlot(int capacity) {
        changes = new SpscArrayQueue<>(capacity);
    }

    @Override
    public boolean register(Consumer<? super T> callback) {
        producer.check("this SPSC callback slot");
        Registration<T> r = newRegistration(callback);
        if (!changes.offer(r)) {
            dropped++;
            return false;
        }
        revokeThrough(r.generation - 1);
        return true;
    }

    @Override
    public void unregister() {
        producer.check("this SPSC callback slot");
        revokeThrough(lastGeneration());
    }

    /** Registrations dropped because the ring was full. Producer thread. */
    public long dropped() {
        return dropped;
    }

    @Override
    public boolean use(T value) {
        Registration<T> r = current;
        Registration<T> next = changes.relaxedPoll();
        if (next != null) {
            for (Registration<T> n = next; n != null; n = changes.relaxedPoll()) next = n;
            r = current = next;
        }
        if (r == null) return false;
        if (call(r, value)) return true;
        if (current == r) current = null; // revoked: never again
        return false;
    }

    @Override
    public String strategy() {
        return "spsc";
    }
}
