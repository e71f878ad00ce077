package dev.sonora.server.synth;

import dev.sonora.server.rt.Ugen;
import dev.sonora.server.ugen.UnitContext;
import dev.sonora.server.ugen.Wire;

/**
 * What the graph builder knows about a kind of unit: its inputs (with defaults), how many
 * outputs it has, and how to build its kernel on NRT. Immutable; any thread.
 *
 * @param defaults   one per input; NaN marks an input that must be given
 * @param variadic   the last input repeats (e.g. the channels of {@code out})
 * @param mulInput   index of an input that scales the output (default 1), into which the graph
 *                   builder may fold a following {@code mul}; -1 when there is none
 */
public record UnitType(String name, String[] inputs, float[] defaults, int outputs, boolean variadic,
                       Factory factory, int mulInput) {

    public UnitType(String name, String[] inputs, float[] defaults, int outputs, boolean variadic, Factory factory) {
        this(name, inputs, defaults, outputs, variadic, factory, -1);
    }

    /** Builds the kernel. Runs on the sender side (NRT or Lang), never on the audio thread. */
    @FunctionalInterface
    public interface Factory {
        Ugen create(UnitContext ctx, Wire[] in, Wire[] out);
    }
}
