package dev.sonora.repl.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.sonora.server.synth.UnitType;
import dev.sonora.server.synth.Units;

/**
 * Which units a script reaches by name: as global functions ({@code sine(440)}) and as methods on
 * a signal ({@code saw(110).lpf(800)}). {@code signals.mjs} defines both from these lists, and
 * {@link JsHost} makes the global names load that module on first use, so the rule lives here
 * once. Internal units ({@code _xfadeout}, the exit fade) are neither; the bus units are reached
 * through {@code In} and {@code out}, which pick one by the bus. Any thread.
 */
final class UnitGlobals {
    /** Read and written through In/out, which pick the audio or control unit by the bus. */
    private static final Set<String> BUS_UNITS = Set.of("in", "ink", "out", "outk");
    /** API names a unit must not take over as a global (a unit of that name is still a method on signals). */
    private static final Set<String> RESERVED = Set.of("def", "synth", "play", "group", "hush", "status", "help", "load",
            "watch", "unwatch", "console", "bus", "mix", "defs", "midi", "tempo", "loop", "at", "now", "stop", "latency",
            "sample", "buffer", "samples", "record", "stopRecording");

    private UnitGlobals() {
    }

    /** The units that are global functions, in the registry's order. */
    static List<String> functions(Units units) {
        List<String> names = new ArrayList<>();
        for (UnitType t : units.all().values()) {
            if (reachable(t) && !RESERVED.contains(t.name())) names.add(t.name());
        }
        return names;
    }

    /** The units that are methods on a signal (those with inputs), in the registry's order. */
    static List<String> methods(Units units) {
        List<String> names = new ArrayList<>();
        for (UnitType t : units.all().values()) {
            if (reachable(t) && t.inputs().length > 0) names.add(t.name());
        }
        return names;
    }

    private static boolean reachable(UnitType t) {
        return !t.name().startsWith("_") && !BUS_UNITS.contains(t.name());
    }
}
