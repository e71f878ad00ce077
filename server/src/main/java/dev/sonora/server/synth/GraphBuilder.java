package dev.sonora.server.synth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a synth graph: controls, constants and units, wired in the order they are made
 * (so the unit list is already topologically sorted). Multichannel inputs expand a unit into
 * one copy per channel. Every mistake throws {@link DefException} here, at definition time.
 * One builder per definition, used by one thread (the sender: Lang or NRT).
 */
public final class GraphBuilder {
    final List<UnitSpec> units = new ArrayList<>();
    final List<ControlSpec> controls = new ArrayList<>();
    final List<Float> constants = new ArrayList<>();
    private final Map<Float, Integer> constantIndex = new HashMap<>();
    private final Units types;
    int wires;

    /** A builder that knows the built-in unit types. */
    public GraphBuilder() {
        this(Units.builtIn());
    }

    /** A builder that knows a server's unit types ({@code server.units()}). */
    public GraphBuilder(Units types) {
        this.types = types;
    }

    record UnitSpec(UnitType type, int[] inputs, int[] outputs) { }

    record ControlSpec(String name, float defaultValue, int wire, int rampSamplesOrMinusOne) { }

    /** A constant. NaN and infinities are refused. */
    public Signal constant(double v) {
        float f = (float) v;
        if (!Float.isFinite(f)) {
            throw new DefException("constant " + v + " is not a finite number");
        }
        Integer k = constantIndex.get(f);
        if (k == null) {
            k = constants.size();
            constants.add(f);
            constantIndex.put(f, k);
        }
        return new Signal(this, new int[] {-1 - k});
    }

    /**
     * A named control with a default. {@code gate} and names starting with {@code t_} jump at
     * the exact sample of a {@code set}; other controls ramp over one block.
     */
    public Signal control(String name, double defaultValue) {
        if (name == null || name.isEmpty()) throw new DefException("a control needs a name");
        for (ControlSpec c : controls) {
            if (c.name().equals(name)) return new Signal(this, new int[] {c.wire()});
        }
        float d = (float) defaultValue;
        if (!Float.isFinite(d)) {
            throw new DefException("control '" + name + "' has default " + defaultValue + ", not a finite number");
        }
        boolean jumps = name.equals("gate") || name.startsWith("t_");
        int wire = wires++;
        controls.add(new ControlSpec(name, d, wire, jumps ? 0 : -1));
        return new Signal(this, new int[] {wire});
    }

    /** A unit of the named type; missing trailing inputs take the type's defaults. */
    public Signal unit(String typeName, Signal... in) {
        UnitType type = types.get(typeName);
        if (type == null) throw new DefException("unknown unit '" + typeName + "'");
        for (int i = 0; i < in.length; i++) {
            Signal s = in[i];
            if (s == null) throw new DefException(typeName + ": an input is missing (null or undefined)");
            if (s.owner != this) throw new DefException(typeName + ": an input comes from another definition");
            if (s.channels() == 0) {
                throw new DefException(typeName + ": input " + (i + 1) + " is not a signal (it comes from a unit with no output, like out)");
            }
        }
        if (type.variadic()) return variadic(type, in);
        if (typeName.equals("pan") && in.length >= 1 && in[0].channels() == 2) return balance(in);
        if (Units.stereoIn(type) && in.length >= 1 && in.length < type.inputs().length) {
            // one (mono or stereo) signal feeds left and right
            Signal[] split = new Signal[in.length + 1];
            split[0] = in[0].channel(0);
            split[1] = in[0].channel(1);
            System.arraycopy(in, 1, split, 2, in.length - 1);
            in = split;
        }
        if (in.length > type.inputs().length) {
            throw new DefException(typeName + " takes " + type.inputs().length + " inputs, got " + in.length);
        }
        Signal[] full = new Signal[type.inputs().length];
        int channels = 1;
        for (int i = 0; i < full.length; i++) {
            if (i < in.length) {
                full[i] = in[i];
            } else if (Float.isNaN(type.defaults()[i])) {
                throw new DefException(typeName + ": input '" + type.inputs()[i] + "' is required");
            } else {
                full[i] = constant(type.defaults()[i]);
            }
            channels = Math.max(channels, full[i].channels());
        }
        int[] result = new int[channels * type.outputs()];
        for (int ch = 0; ch < channels; ch++) {
            int[] inputs = new int[full.length];
            for (int i = 0; i < full.length; i++) {
                int[] r = full[i].refs;
                inputs[i] = r[ch % r.length];
            }
            int[] outputs = newWires(type.outputs());
            units.add(new UnitSpec(type, inputs, outputs));
            System.arraycopy(outputs, 0, result, ch * type.outputs(), outputs.length);
        }
        return new Signal(this, result);
    }

    /**
     * {@code pan} on a stereo signal is a balance, as Sonora plays stereo samples: pos 0 leaves
     * the signal as it is, pos 1 silences the left, -1 the right. Panning each channel apart
     * (two panners, their outputs summed pairwise into the main output) would fold the image
     * to mono and raise its level.
     */
    private Signal balance(Signal[] in) {
        Signal pos = in.length > 1 ? in[1] : constant(0);
        Signal level = in.length > 2 ? in[2] : constant(1);
        Signal leftGain = unit("clip", unit("add", unit("mul", pos, constant(-1)), constant(1)), constant(0), constant(1));
        Signal rightGain = unit("clip", unit("add", pos, constant(1)), constant(0), constant(1));
        return channels(unit("mul", unit("mul", in[0].channel(0), leftGain), level),
                unit("mul", unit("mul", in[0].channel(1), rightGain), level));
    }

    private Signal variadic(UnitType type, Signal[] in) {
        int fixed = type.inputs().length - 1;
        if (in.length < fixed + 1) {
            throw new DefException(type.name() + ": input '" + type.inputs()[in.length] + "' is required");
        }
        List<Integer> refs = new ArrayList<>();
        for (int i = 0; i < fixed; i++) {
            if (in[i].channels() != 1) throw new DefException(type.name() + ": input '" + type.inputs()[i] + "' must be mono");
            refs.add(in[i].refs[0]);
        }
        for (int i = fixed; i < in.length; i++) {
            for (int r : in[i].refs) refs.add(r);
        }
        int[] inputs = refs.stream().mapToInt(Integer::intValue).toArray();
        int[] outputs = newWires(type.outputs());
        units.add(new UnitSpec(type, inputs, outputs));
        return new Signal(this, outputs);
    }

    /** Joins mono (or wider) signals into one multichannel signal, channels in order. */
    public Signal channels(Signal... in) {
        int n = 0;
        for (Signal s : in) {
            if (s == null || s.owner != this) throw new DefException("channels: every part must come from this definition");
            n += s.channels();
        }
        int[] refs = new int[n];
        int k = 0;
        for (Signal s : in) {
            System.arraycopy(s.refs, 0, refs, k, s.refs.length);
            k += s.refs.length;
        }
        return new Signal(this, refs);
    }

    /** Sums signals channel by channel (a mono one is added to every channel). */
    public Signal mix(Signal... in) {
        if (in.length == 0) throw new DefException("mix needs at least one signal");
        Signal acc = in[0];
        for (int i = 1; i < in.length; i++) acc = unit("add", acc, in[i]);
        return acc;
    }

    private int[] newWires(int n) {
        int[] w = new int[n];
        for (int i = 0; i < n; i++) w[i] = wires++;
        return w;
    }

    /**
     * Finishes the definition. A result signal goes to the main output: mono to both
     * channels at full level, stereo to left and right, channel k of a wider one to side k mod 2.
     * A null result means the graph writes its own outputs.
     */
    public SynthDef build(String name, Signal result) {
        if (name == null || name.isEmpty()) throw new DefException("a definition needs a name");
        if (result != null) {
            if (result.owner != this) throw new DefException(name + ": the result comes from another definition");
            Signal bus0 = constant(0);
            if (result.channels() == 1) {
                unit("out", bus0, result, result);
            } else {
                for (int k = 0; k < result.channels(); k += 2) {
                    Signal pair = new Signal(this, k + 1 < result.channels()
                            ? new int[] {result.refs[k], result.refs[k + 1]} : new int[] {result.refs[k]});
                    unit("out", bus0, pair);
                }
            }
        }
        if (units.isEmpty()) throw new DefException(name + ": the graph makes no sound (no units)");
        MulFolding.fold(this);
        PanOutFusion.fuse(this);
        return new SynthDef(name, this);
    }
}
