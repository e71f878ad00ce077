package dev.sonora.server.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

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
    private final boolean canEndItself;

    /** The units that can end their synth (they mark it done): envelopes, a line, a buffer player, a crossfade. */
    private static final Set<String> ENDING_UNITS = Set.of("perc", "adsr", "line", "playbuf", "_xfade");

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
        boolean ends = false;
        for (GraphBuilder.UnitSpec u : units) ends |= ENDING_UNITS.contains(u.type().name());
        this.canEndItself = ends;
    }

    /**
     * Whether a synth of this def has a unit that may end it (an envelope, a line with a done action,
     * a buffer player). One without plays until it is freed: a note mapping frees it at the note-off.
     */
    public boolean canEndItself() {
        return canEndItself;
    }

    public String name() {
        return name;
    }

    public List<String> controlNames() {
        return controlNames;
    }

    /**
     * Whether {@code o} compiles to the same graph (units, wiring, constants, controls and their
     * defaults), whatever its name: re-running an unchanged proxy definition changes nothing.
     */
    public boolean sameGraph(SynthDef o) {
        if (o == this) return true;
        if (o == null || numWires != o.numWires || !java.util.Arrays.equals(constants, o.constants)
                || !controls.equals(o.controls) || units.size() != o.units.size()) return false;
        for (int i = 0; i < units.size(); i++) {
            GraphBuilder.UnitSpec a = units.get(i), b = o.units.get(i);
            if (!a.type().name().equals(b.type().name()) || !java.util.Arrays.equals(a.inputs(), b.inputs())
                    || !java.util.Arrays.equals(a.outputs(), b.outputs())) return false;
        }
        return true;
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
        return build(world, id, values, resources, null).synth;
    }

    /** A synth and the parts a reset needs to put it back as built ({@link SynthPool}). */
    static final class Built {
        final RtSynth synth;
        final Wire[] wires;
        final Wire[] consts;
        final ControlUnit[] controls;
        final Ugen[] units;
        /** The pool it goes back to, or null for a synth built to be dropped. */
        final SynthPool pool;

        Built(RtSynth synth, Wire[] wires, Wire[] consts, ControlUnit[] controls, Ugen[] units, SynthPool pool) {
            this.pool = pool;
            this.synth = synth;
            this.wires = wires;
            this.consts = consts;
            this.controls = controls;
            this.units = units;
        }
    }

    /** The seed unit {@code u} of synth {@code id} gets (noise); a reused synth gets its new id's. */
    static int seed(int id, int u) {
        return id * 31 + u;
    }

    Built build(World world, int id, float[] values, UnitResources resources, SynthPool pool) {
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
            all[u] = spec.type().factory().create(new UnitContext(world, synth, seed(id, u), resources), in, out);
        }
        synth.install(all, cus);
        Built b = new Built(synth, wires, consts, cus, all, pool);
        if (pool != null) synth.setPooled(b);
        return b;
    }

    /**
     * Puts a built synth back exactly as {@link #build} makes it for {@code id} with these
     * controls ({@code names[i] = values[i]}, checked by the caller; the rest at their defaults):
     * the same order of work as building, so every unit reads the same wire contents its
     * constructor read. Sender side, on a synth no other thread holds. Allocates nothing unless
     * a unit must size a line afresh (a delay or limiter started with another time).
     */
    void reset(Built b, int id, String[] names, float[] values) {
        b.synth.reuse(id);
        for (Wire w : b.wires) {
            java.util.Arrays.fill(w.buf, 0f);
            w.steady = false;
            w.value = 0f;
        }
        for (int i = 0; i < b.consts.length; i++) b.consts[i].fill(constants[i]);
        for (int i = 0; i < b.controls.length; i++) b.controls[i].reset(controls.get(i).defaultValue());
        if (names != null) {
            for (int i = 0; i < names.length; i++) b.controls[controlIndex(names[i])].reset(values[i]);
        }
        for (int u = 0; u < b.units.length; u++) b.units[u].reset(seed(id, u));
    }

    /** Whether every unit can be put back as built, so synths of this definition can be pooled. */
    boolean resettable(Built b) {
        for (Ugen u : b.units) if (!u.canReset()) return false;
        return true;
    }
}
