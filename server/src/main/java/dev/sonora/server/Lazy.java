package dev.sonora.server;

import java.util.function.Supplier;

/**
 * A per-server part made on first use (the Disk thread, recordings): most sets never stream or
 * record, so nothing is started for them. Any thread; made once.
 */
final class Lazy<T> {
    private final Supplier<T> make;
    private volatile T value;

    Lazy(Supplier<T> make) {
        this.make = make;
    }

    T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                if (value == null) value = make.get();
                v = value;
            }
        }
        return v;
    }

    /** The part if it was made, else null (closing must not start it). */
    T ifMade() {
        return value;
    }
}
