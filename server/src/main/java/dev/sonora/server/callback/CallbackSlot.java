package dev.sonora.server.callback;

import java.util.function.Consumer;

/**
 * One callback that a real-time thread calls, registered and removed by other threads.
 *
 * <p>{@link #register} and {@link #unregister}: never from the thread that calls {@link #use}
 * (except from inside the callback itself, where each strategy says what happens). {@link #use}:
 * one thread at a time (the audio thread); allocates nothing, takes no lock, never waits.
 *
 * <p>The guarantee: once {@code unregister()} has returned, or a {@code register(b)} that
 * returned {@code true} replaced {@code a}, the using thread is not inside the old callback and
 * never calls it again. A callback whose registration is still in flight may not have been
 * called yet; {@code use} returns whether it called one.
 *
 * @param <T> what the audio thread hands the callback (a pre-allocated object: no boxing)
 */
public interface CallbackSlot<T> {
    /**
     * Installs {@code callback} in place of the current one. Returns {@code false} when the
     * strategy dropped the change (a full ring; a trap that already holds a change the audio
     * thread has not taken): the previous callback then stays.
     *
     * @throws IllegalStateException from a single-producer strategy called by a second thread
     */
    boolean register(Consumer<? super T> callback);

    /**
     * Removes the current callback. On return the guarantee above holds; it may wait while
     * the audio thread is inside the callback (never for the audio thread's next block).
     *
     * @throws IllegalStateException from a single-producer strategy called by a second thread
     */
    void unregister();

    /**
     * Audio thread: calls the current callback with {@code value}, if there is one. Returns
     * whether a callback was called.
     */
    boolean use(T value);

    /** A short name for tables ("spinlock", "spsc", "trap", "overwrite"). */
    String strategy();
}
