package dev.sonora.bench;

import dev.sonora.server.callback.CallbackSlot;
import dev.sonora.server.callback.OverwritingRingSlot;
import dev.sonora.server.callback.SpinLockSlot;
import dev.sonora.server.callback.SpscRingSlot;
import dev.sonora.server.callback.TrapSlot;

/** The callback-slot strategies by the names the benchmarks' {@code strategy} parameter uses. */
final class CallbackSlots {
    private CallbackSlots() {}

    static final String[] NAMES = {"spinlock", "spinlock-selfset", "spsc", "trap", "overwrite"};

    static <T> CallbackSlot<T> make(String name) {
        return switch (name) {
            case "spinlock" -> SpinLockSlot.plain();
            case "spinlock-selfset" -> SpinLockSlot.selfSetSafe();
            case "spsc" -> new SpscRingSlot<>(16);
            case "trap" -> new TrapSlot<>();
            case "overwrite" -> new OverwritingRingSlot<>(4);
            default -> throw new IllegalArgumentException("unknown strategy " + name);
        };
    }
}
