package dev.sonora.server.callback;

import java.util.function.Consumer;

/**
 * A callback and its generation number, made by the registering thread (never the audio
 * thread) and handed over whole: both fields are final, so any thread that sees the reference
 * sees them. Generation 0 with no callback is the "unset" marker a ring carries.
 */
final class Registration<T> {
    @SuppressWarnings("rawtypes")
    static final Registration UNSET = new Registration<>(null, 0);

    final Consumer<? super T> callback;
    final long generation;

    Registration(Consumer<? super T> callback, long generation) {
        this.callback = callback;
        this.generation = generation;
    }

    @SuppressWarnings("unchecked")
    static <T> Registration<T> unset() {
        return (Registration<T>) UNSET;
    }
}
