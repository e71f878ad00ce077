package dev.sonora.server.callback;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The revocation the three lock-free strategies share: how {@code unregister} can promise that
 * the audio thread will never call the old callback again without waiting for the audio
 * thread's next block.
 *
 * <p>Every registration gets a generation number (1, 2, 3 …). {@link #revokeThrough} makes
 * every generation up to {@code g} dead ({@code revokedThrough}, raised with a CAS) and then
 * waits while the audio thread is inside a dead one. The audio thread, before calling, writes
 * the generation it is about to call into {@code inCall} and then reads {@code revokedThrough}
 * (both volatile, so the two threads' write-then-read pairs are ordered as in Dekker's
 * algorithm): either the audio thread sees the revocation and does not call, or the revoking
 * thread sees {@code inCall} and waits until the call has returned. The wait is bounded by the
 * callback's own running time, never by the audio thread's schedule, and works when the audio
 * thread has stopped. A callback that unregisters itself (on the audio thread) does not wait
 * for itself.
 *
 * <p>Price on the audio thread, only when a callback is registered: one volatile write (a
 * store-load fence), one volatile read and one release write per call. With no callback the
 * audio thread touches none of this.
 */
abstract class GuardedSlot<T> implements CallbackSlot<T> {
    private static final VarHandle LAST_GENERATION;
    private static final VarHandle REVOKED_THROUGH;
    private static final VarHandle IN_CALL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            LAST_GENERATION = l.findVarHandle(GuardedSlot.class, "lastGeneration", long.class);
            REVOKED_THROUGH = l.findVarHandle(GuardedSlot.class, "revokedThrough", long.class);
            IN_CALL = l.findVarHandle(GuardedSlot.class, "inCall", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The last generation handed out. Registering threads. */
    private volatile long lastGeneration;
    /** Every generation up to this one is dead. Raised by registering threads, read by the audio thread. */
    private volatile long revokedThrough;
    /** The generation the audio thread is calling, 0 outside a call. Written by the audio thread only. */
    private volatile long inCall;
    /**
     * The thread inside a callback, null outside. Plain: it is only ever compared with the
     * reading thread itself, and a thread always sees its own last write, so a thread can find
     * itself here only while it is inside the callback.
     */
    private Thread caller;

    /** Registering thread: a new registration with the next generation. */
    final Registration<T> newRegistration(Consumer<? super T> callback) {
        Objects.requireNonNull(callback, "callback");
        return new Registration<>(callback, (long) LAST_GENERATION.getAndAdd(this, 1L) + 1);
    }

    /** The last generation handed out (what {@code unregister} revokes through). */
    final long lastGeneration() {
        return lastGeneration;
    }

    /** Registering thread: kills every generation up to {@code generation}, then waits while the audio thread is inside one. */
    final void revokeThrough(long generation) {
        long r;
        do {
            r = revokedThrough;
            if (r >= generation) break;
        } while (!REVOKED_THROUGH.compareAndSet(this, r, generation));
        if (caller == Thread.currentThread()) return; // the callback revoking itself: done once it returns
        for (long c = inCall; c != 0 && c <= generation; c = inCall) Thread.onSpinWait();
    }

    /** Whether {@code r} has been revoked (any thread). */
    final boolean revoked(Registration<T> r) {
        return r.generation <= revokedThrough;
    }

    /**
     * Audio thread: calls {@code r} unless it has been revoked. Returns false when revoked: the
     * caller drops it and never calls it again.
     */
    final boolean call(Registration<T> r, T value) {
        long g = r.generation;
        IN_CALL.setVolatile(this, g);
        boolean live = g > revokedThrough;
        try {
            if (live) {
                caller = Thread.currentThread();
                r.callback.accept(value);
            }
        } finally {
            caller = null;
            IN_CALL.setRelease(this, 0L); // one release site for both paths: linked on the first call
        }
        return live;
    }

    /**
     * Class initialisation (never the audio thread): drives a throwaway slot through every
     * branch of {@code use} once. The interpreter links each VarHandle call site the first time
     * it runs it, and linking allocates; a branch the audio thread first took after the JIT had
     * compiled {@code use} without it (a deoptimisation) would allocate there, once. Priming
     * links them all here instead.
     */
    static void prime(CallbackSlot<Object> slot) {
        Object v = new Object();
        Consumer<Object> nothing = x -> {};
        slot.use(v);                       // nothing registered
        slot.register(nothing);
        slot.use(v);                       // take one change, call
        slot.use(v);                       // nothing pending, call
        slot.register(nothing);
        slot.register(nothing);            // (refused by a trap: fine)
        slot.use(v);                       // take several, call
        slot.unregister();
        slot.use(v);                       // revoked: drop
        slot.use(v);                       // nothing
    }
}
