package dev.sonora.server.callback;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Strategy 1: a spin lock around one callback field. On the JVM a spin lock is an int field
 * taken with a VarHandle CAS (test-and-test-and-set, {@code Thread.onSpinWait()} while it is
 * held, released with a release store); there is no way to keep the holder from being
 * preempted or stopped at a safepoint, so a waiter may spin for a scheduler quantum.
 * Therefore the audio thread never spins: {@link #use} only <em>tries</em> the lock and skips
 * the call when a setter holds it (the change is one store, so that is rare). Setters spin,
 * and spin for as long as the callback runs.
 *
 * <p>The guarantee is the lock's: {@code unregister} clears the field under the lock, so once
 * it has returned the audio thread is not inside the old callback and reads no callback on its
 * next {@code use}. With no callback, {@code use} is one volatile read.
 *
 * <p>Constraint (the seed's, a test): with {@link #plain()} a callback that registers or
 * unregisters on its own slot deadlocks: it spins for the lock its own thread holds. The
 * workaround, {@link #selfSetSafe()}: the audio thread notes itself while it calls (one more
 * field and two stores a call), a setter that finds itself there defers its change, and
 * {@code use} applies the deferred change before it releases the lock.
 *
 * <p>Thread rule: {@code register}/{@code unregister} from any threads; {@code use} on the
 * audio thread.
 */
public final class SpinLockSlot<T> implements CallbackSlot<T> {
    private static final VarHandle LOCKED;

    static {
        try {
            LOCKED = MethodHandles.lookup().findVarHandle(SpinLockSlot.class, "locked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        GuardedSlot.prime(new SpinLockSlot<>(false));
        GuardedSlot.prime(new SpinLockSlot<>(true));
    }

    private final boolean selfSetSafe;
    private volatile int locked;
    /** Written under the lock; volatile so that {@code use} can see "no callback" without the lock. */
    private volatile Consumer<? super T> callback;
    /** The self-set workaround: the thread inside the callback (see GuardedSlot.caller on why plain is enough) and its deferred change. */
    private Thread caller;
    private Consumer<? super T> deferred;
    private boolean hasDeferred;

    private SpinLockSlot(boolean selfSetSafe) {
        this.selfSetSafe = selfSetSafe;
    }

    /** The seed's spin lock: a callback that sets its own slot deadlocks. */
    public static <T> SpinLockSlot<T> plain() {
        return new SpinLockSlot<>(false);
    }

    /** With the workaround: a callback may register or unregister on its own slot. */
    public static <T> SpinLockSlot<T> selfSetSafe() {
        return new SpinLockSlot<>(true);
    }

    @Override
    public boolean register(Consumer<? super T> callback) {
        set(Objects.requireNonNull(callback, "callback"));
        return true;
    }

    @Override
    public void unregister() {
        set(null);
    }

    private void set(Consumer<? super T> c) {
        if (selfSetSafe && caller == Thread.currentThread()) { // inside our own callback: the lock is ours
            deferred = c;
            hasDeferred = true;
            return;
        }
        while (locked != 0 || !LOCKED.compareAndSet(this, 0, 1)) Thread.onSpinWait();
        callback = c;
        LOCKED.setRelease(this, 0);
    }

    @Override
    public boolean use(T value) {
        if (callback == null) return false;
        if (!LOCKED.compareAndSet(this, 0, 1)) return false; // a setter holds it: skip, never spin here
        try {
            Consumer<? super T> c = callback;
            if (c == null) return false;
            if (selfSetSafe) caller = Thread.currentThread();
            c.accept(value);
            return true;
        } finally {
            if (selfSetSafe) {
                caller = null;
                if (hasDeferred) {
                    callback = deferred;
                    deferred = null;
                    hasDeferred = false;
                }
            }
            LOCKED.setRelease(this, 0);
        }
    }

    /** Test only: frees the lock whoever holds it, to end a deliberately deadlocked {@link #plain()} slot. */
    void breakLockForTest() {
        LOCKED.setRelease(this, 0);
    }

    @Override
    public String strategy() {
        return selfSetSafe ? "spinlock-selfset" : "spinlock";
    }
}
