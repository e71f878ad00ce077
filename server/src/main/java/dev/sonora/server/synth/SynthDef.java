package dev.sonora.server.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.Ugen;
import dev.sonora.server.rt.World;
import dev.sonora.server.ugen.ControlUnit;
import dev.sonora.server.ugen.UnitContext;
import dev.sonora.server.ugen.UnitResources;
import dev.sonora.server.ugen.Wire;

/**
 * A compiled synth definition: a flat, topologically sorted list of unit specs plus the
 * controls. Immutable after construction, so any thread may instantiate it; instantiation
 * allocates every wire and unit on the calling (sender) thread, never on the audio thread.
 */
public final class SynthDef {
    private final String name;
    private final List<GraphBuilder.UnitSpec> units;
    private final List<GraphBuilder.ControlSpec> controls;
    private final float[] constants;
    private final int numWires;
    private final List<String> controlNames;

    SynthDef(String name, GraphBuilder b) {
        this.name = name;
        this.units = List.copyOf(b.units);
        this.controls = List.copyOf(b.controls);
        this.constants = new float[b.constants.size()];
        for (int i = 0; i < constants.length; i++) constants[i] = b.constants.get(i);
        this.numWires = b.wires;
        List<String> names = new ArrayList<>();
        for (GraphBuilder.ControlSpec c : controls) names.add(c.name());
        this.controlNames = Collections.unmodifiableList(names);
    }

    public String name() {
        return name;
    }

    public List<String> controlNames() {
        return controlNames;
    }

    public int numUnits() {
        return units.size();
    }

    /** The compiled units, in the order they run (for the cost estimate, {@link DefCost}). */
    List<GraphBuilder.UnitSpec> unitSpecs() {
        return units;
    }

    /** Whether {@code wire} carries a control (steady except while it ramps). */
    boolean isControlWire(int wire) {
        for (GraphBuilder.ControlSpec c : controls) if (c.wire() == wire) return true;
        return false;
    }

    /** Index of a control, or -1. */
    public int controlIndex(String control) {
        return controlNames.indexOf(control);
    }

    public float controlDefault(int index) {
        return controls.get(index).defaultValue();
    }

    /**
     * Builds a synth for {@code world} with node id {@code id}; {@code values[i]} (NaN for the
     * default) sets control i. Sender side only.
     */
    public RtSynth instantiate(World world, int id, float[] values) {
        return instantiate(world, id, values, UnitResources.NONE);
    }

    /** As above, with what the server lends units (its buffer table, its open streams). */
    public RtSynth instantiate(World world, int id, float[] values, UnitResources resources) {
        RtSynth synth = new RtSynth(id, name);
        int bs = world.blockSize;
        Wire[] wires = new Wire[numWires];
        for (int i = 0; i < numWires; i++) wires[i] = new Wire(bs);
        // constants are per instance: a Wire is tiny and this keeps instances independent
        Wire[] consts = new Wire[constants.length];
        for (int i = 0; i < constants.length; i++) consts[i] = Wire.constant(bs, constants[i]);

        ControlUnit[] cus = new ControlUnit[controls.size()];
        Ugen[] all = new Ugen[units.size()];
        for (int i = 0; i < cus.length; i++) {
            GraphBuilder.ControlSpec c = controls.get(i);
            float v = values != null && i < values.length && !Float.isNaN(values[i]) ? values[i] : c.defaultValue();
            if (!Float.isFinite(v)) v = c.defaultValue();
            int ramp = c.rampSamplesOrMinusOne() < 0 ? bs : c.rampSamplesOrMinusOne();
            cus[i] = new ControlUnit(wires[c.wire()], v, ramp);
        }
        for (int u = 0; u < units.size(); u++) {
            GraphBuilder.UnitSpec spec = units.get(u);
            Wire[] in = new Wire[spec.inputs().length];
            for (int k = 0; k < in.length; k++) {
                int r = spec.inputs()[k];
                in[k] = r >= 0 ? wires[r] : consts[-1 - r];
            }
            Wire[] out = new Wire[spec.outputs().length];
            for (int k = 0; k < out.length; k++) out[k] = wires[spec.outputs()[k]];
            all[u] = spec.type().factory().create(new UnitContext(world, synth, id * 31 + u, resources), in, out);
        }
        synth.install(all, cus);
        return synth;
    }
}
