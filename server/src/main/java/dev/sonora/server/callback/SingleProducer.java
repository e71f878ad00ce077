package dev.sonora.server.callback;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The producer check of the single-producer strategies: the first thread that registers or
 * unregisters owns the slot for its life, and any other thread is refused with an
 * {@link IllegalStateException} before it touches the ring. One CAS the first time, then one
 * compare with {@code Thread.currentThread()}. (This includes the audio thread: a callback that
 * registers on a single-producer slot is a second producer.)
 */
final class SingleProducer {
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(SingleProducer.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile Thread owner;

    /** @param what the slot, for the refusal's message (a constant: nothing is built unless refused) */
    void check(String what) {
        Thread self = Thread.currentThread();
        Thread o = owner;
        if (o == self) return;
        if (o == null && OWNER.compareAndSet(this, null, self)) return;
        throw new IllegalStateException(what + " takes one producer thread: it belongs to " + owner.getName()
                + ", not " + self.getName());
    }
}
