package dev.sonora.server.callback;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * Strategy 3, the "trap": a hand-over cell of capacity one (a bounded MPMC queue of one
 * element, in Java one reference field with VarHandle CAS). {@code register} sets it from
 * empty with a CAS; the audio thread empties it with one atomic exchange, only when a plain
 * volatile read has seen something in it.
 *
 * <p>Constraint (the seed's, a test): one {@code register} between two {@code use}s; a second
 * one finds the trap full and returns {@code false}. Any number of threads may register and
 * unregister. {@code unregister} revokes ({@link GuardedSlot}) and empties the trap if it holds
 * a registration it revoked, so it never fails and leaves the trap free.
 *
 * <p>Thread rule: {@code register}/{@code unregister} from any threads but the audio thread's
 * (a callback may register or unregister itself); {@code use} on the audio thread.
 */
public final class TrapSlot<T> extends GuardedSlot<T> {
    private static final VarHandle PENDING;

    static {
        try {
            PENDING = MethodHandles.lookup().findVarHandle(TrapSlot.class, "pending", Registration.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        GuardedSlot.prime(new TrapSlot<>());
    }

    private volatile Registration<T> pending;
    /** The audio thread's current registration. */
    private Registration<T> current;

    @Override
    public boolean register(Consumer<? super T> callback) {
        Registration<T> r = newRegistration(callback);
        if (!PENDING.compareAndSet(this, null, r)) return false;
        revokeThrough(r.generation - 1);
        return true;
    }

    @Override
    public void unregister() {
        long cut = lastGeneration();
        revokeThrough(cut);
        Registration<T> p = pending;
        if (p != null && p.generation <= cut) PENDING.compareAndSet(this, p, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean use(T value) {
        Registration<T> r = current;
        if (pending != null) {
            Registration<T> n = (Registration<T>) PENDING.getAndSet(this, (Registration<T>) null);
            if (n != null) r = current = n;
        }
        if (r == null) return false;
        if (call(r, value)) return true;
        if (current == r) current = null;
        return false;
    }

    @Override
    public String strategy() {
        return "trap";
    }
}
