package dev.sonora.server.callback;

import java.util.function.Consumer;

/**
 * A deliberately broken slot for the stress test to catch: one volatile field, and
 * {@code unregister} returns without waiting for a call in progress (the naive "just set it to
 * null" that each strategy's guarantee exists to avoid).
 */
final class UnguardedSlot<T> implements CallbackSlot<T> {
    private volatile Consumer<? super T> callback;

    @Override
    public boolean register(Consumer<? super T> c) {
        callback = c;
        return true;
    }

    @Override
    public void unregister() {
        callback = null;
    }

    @Override
    public boolean use(T value) {
        Consumer<? super T> c = callback;
        if (c == null) return false;
        c.accept(value);
        return true;
    }

    @Override
    public String strategy() {
        return "unguarded";
    }
}
