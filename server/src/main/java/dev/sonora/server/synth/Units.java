package dev.sonora.server.synth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.sonora.server.ugen.Add;
import dev.sonora.server.ugen.Adsr;
import dev.sonora.server.ugen.Line;
import dev.sonora.server.ugen.Mul;
import dev.sonora.server.ugen.Out;
import dev.sonora.server.ugen.Pan2;
import dev.sonora.server.ugen.Perc;
import dev.sonora.server.ugen.Saw;
import dev.sonora.server.ugen.Sine;
import dev.sonora.server.ugen.WhiteNoise;

/** The registry of unit types by name, as the graph builder and the JS front end see them. Any thread. */
public final class Units {
    private static final float REQUIRED = Float.NaN;
    private static final Map<String, UnitType> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("sine", new UnitType("sine", names("freq", "phase", "mul"), vals(440, 0, 1), 1, false,
                (c, in, out) -> new Sine(c, in[0], in[1], in[2], out[0]), 2));
        add("saw", names("freq"), vals(440), 1, (c, in, out) -> new Saw(c, in[0], out[0]));
        add("noise", names(), vals(), 1, (c, in, out) -> new WhiteNoise(c, out[0]));
        add("mul", names("a", "b"), vals(REQUIRED, REQUIRED), 1, (c, in, out) -> new Mul(in[0], in[1], out[0]));
        add("add", names("a", "b"), vals(REQUIRED, REQUIRED), 1, (c, in, out) -> new Add(in[0], in[1], out[0]));
        add("line", names("from", "to", "dur", "doneAction"), vals(0, 1, 1, 0), 1,
                (c, in, out) -> new Line(c, in[0], in[1], in[2], in[3], out[0]));
        add("perc", names("attack", "release", "level", "curve"), vals(0.01f, 1, 1, -4), 1,
                (c, in, out) -> new Perc(c, in[0], in[1], in[2], in[3], out[0]));
        add("adsr", names("attack", "decay", "sustain", "release", "gate", "curve"),
                vals(0.01f, 0.3f, 0.5f, 1, 1, -4), 1,
                (c, in, out) -> new Adsr(c, in[0], in[1], in[2], in[3], in[4], in[5], out[0]));
        add("pan", names("in", "pos", "level"), vals(REQUIRED, 0, 1), 2,
                (c, in, out) -> new Pan2(in[0], in[1], in[2], out[0], out[1]));
        TYPES.put("out", new UnitType("out", names("bus", "channels"), vals(0, REQUIRED), 0, true,
                (c, in, out) -> new Out(c, in[0], java.util.Arrays.copyOfRange(in, 1, in.length))));
    }

    private Units() {
    }

    /** Registers a type; the front end and later unit libraries add theirs at class-init time. */
    public static synchronized void register(UnitType t) {
        TYPES.put(t.name(), t);
    }

    private static void add(String name, String[] inputs, float[] defaults, int outputs, UnitType.Factory f) {
        TYPES.put(name, new UnitType(name, inputs, defaults, outputs, false, f));
    }

    public static synchronized UnitType get(String name) {
        return TYPES.get(name);
    }

    public static synchronized Map<String, UnitType> all() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(TYPES));
    }

    private static String[] names(String... n) {
        return n;
    }

    private static float[] vals(float... v) {
        return v;
    }
}
