package dev.sonora.server.callback;

import java.util.List;
import java.util.function.Supplier;

/** The strategies under test, by name (JUnit's parameter source). */
final class Slots {
    private Slots() {}

    static final List<String> NAMES = List.of("spinlock", "spinlock-selfset", "spsc", "trap", "overwrite");

    static CallbackSlot<long[]> make(String name) {
        Supplier<CallbackSlot<long[]>> s = switch (name) {
            case "spinlock" -> SpinLockSlot::plain;
            case "spinlock-selfset" -> SpinLockSlot::selfSetSafe;
            case "spsc" -> () -> new SpscRingSlot<>(16);
            case "trap" -> TrapSlot::new;
            case "overwrite" -> () -> new OverwritingRingSlot<>(4);
            default -> throw new IllegalArgumentException(name);
        };
        return s.get();
    }

    static List<String> names() {
        return NAMES;
    }
}
