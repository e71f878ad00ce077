package dev.sonora.server.ugen;

import java.util.Map;

/**
 * What one server lends the units it builds: its buffer table, its open streams, and so on,
 * looked up by type. The unit package names none of them, so a unit from any feature package
 * can find its feature's table without this package depending on that feature. Immutable; any
 * thread.
 */
public final class UnitResources {
    public static final UnitResources NONE = new UnitResources(Map.of());

    private final Map<Class<?>, Object> byType;

    private UnitResources(Map<Class<?>, Object> byType) {
        this.byType = byType;
    }

    /** One server's resources, each found later by its own class. */
    public static UnitResources of(Object... resources) {
        var m = new java.util.HashMap<Class<?>, Object>();
        for (Object r : resources) m.put(r.getClass(), r);
        return new UnitResources(Map.copyOf(m));
    }

    /** The resource of this type, or null when the server lent none (a test rig, warm-up). */
    public <T> T get(Class<T> type) {
        return type.cast(byType.get(type));
    }
}
