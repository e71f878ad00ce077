package dev.sonora.server.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sonora.server.stream.DiskIn;

import dev.sonora.server.ugen.*;

/**
 * Unit types by name, as the graph builder and the JS front end see them. The built-in types
 * are one immutable table shared by all; each server has its own registry on top of them
 * ({@code server.units()}), so a type one server registers (the front end's fade-out, a test's
 * broken unit) is never seen by another. Any thread: reads take an immutable snapshot.
 */
public final class Units {
    private static final float REQUIRED = Float.NaN;
    private static final Map<String, UnitType> TYPES = new LinkedHashMap<>(); // built-ins, filled once below
    private static final Units BUILT_IN;

    static {
        KernelClasses.preload();
        TYPES.put("sine", new UnitType("sine", names("freq", "phase", "mul"), vals(440, 0, 1), 1, false,
                (c, in, out) -> new Sine(c, in[0], in[1], in[2], out[0]), 2));
        add("saw", names("freq"), vals(440), 1, (c, in, out) -> new Saw(c, in[0], out[0]));
        add("pulse", names("freq", "width"), vals(440, 0.5f), 1, (c, in, out) -> new Pulse(c, in[0], in[1], out[0]));
        add("tri", names("freq"), vals(440), 1, (c, in, out) -> new Tri(c, in[0], out[0]));
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
        filter("lpf", Svf.LOW, false);
        filter("hpf", Svf.HIGH, false);
        filter("rlpf", Svf.LOW, true);
        filter("rhpf", Svf.HIGH, true);
        filter("bpf", Svf.BAND, true);
        add("moog", names("in", "freq", "res"), vals(REQUIRED, 1000, 0), 1,
                (c, in, out) -> new Moog(c, in[0], in[1], in[2], out[0]));
        add("delay", names("in", "time", "feedback"), vals(REQUIRED, 0.25f, 0.5f), 1,
                (c, in, out) -> new Delay(c, in[0], in[1], in[2], out[0]));
        // stereo in: the graph builder splits the one signal it is given into left and right
        add("reverb", names("left", "right", "mix", "room", "damp"), vals(REQUIRED, REQUIRED, 0.33f, 0.5f, 0.5f), 2,
                (c, in, out) -> new Freeverb(c, in[0], in[1], in[2], in[3], in[4], out[0], out[1]));
        add("limit", names("in", "level", "lookahead"), vals(REQUIRED, 1, 0.01f), 1,
                (c, in, out) -> new Limiter(c, in[0], in[1], in[2], out[0]));
        add("tanh", names("in"), vals(REQUIRED), 1, (c, in, out) -> new Shaper(Shaper.TANH, in[0], null, null, out[0]));
        add("clip", names("in", "lo", "hi"), vals(REQUIRED, -1, 1), 1,
                (c, in, out) -> new Shaper(Shaper.CLIP, in[0], in[1], in[2], out[0]));
        add("range", names("in", "lo", "hi"), vals(REQUIRED, 0, 1), 1,
                (c, in, out) -> new Shaper(Shaper.RANGE, in[0], in[1], in[2], out[0]));
        add("impulse", names("freq"), vals(1), 1, (c, in, out) -> new Impulse(c, in[0], out[0]));
        add("pink", names(), vals(), 1, (c, in, out) -> new PinkNoise(c, out[0]));
        add("playbuf", names("buffer", "rate", "loop", "begin", "end"), vals(REQUIRED, 1, 0, 0, 1), 2,
                (c, in, out) -> new PlayBuf(c, in[0], in[1], in[2], in[3], in[4], out[0], out[1]));
        add("diskin", names("stream", "rate"), vals(REQUIRED, 1), 2,
                (c, in, out) -> new DiskIn(c, in[0], in[1], out[0], out[1]));
        add("in", names("bus"), vals(0), 1, (c, in, out) -> new BusIn(c, false, in[0], out[0]));
        add("ink", names("bus"), vals(0), 1, (c, in, out) -> new BusIn(c, true, in[0], out[0]));
        add("outk", names("bus", "in"), vals(REQUIRED, REQUIRED), 0, (c, in, out) -> new ControlOut(c, in[0], in[1]));
        // internal: pan fused into a stereo out by the graph builder (PanOutFusion)
        add("_panout", names("in", "pos", "level", "bus"), vals(REQUIRED, 0, 1, 0), 0,
                (c, in, out) -> new PanOut(c, in[0], in[1], in[2], in[3]));
        // internal: the crossfade gain of an ndef source or monitor (the front end appends it)
        add("_xfade", names("fade", "outs"), vals(0.5f, 0f), 1, (c, in, out) -> new XFade(c, in[0], in[1], out[0]));
        // internal: an ndef source's write to its proxy bus, level-corrected for correlated fades
        add("_xfadeout", names("bus", "gain", "left", "right"), vals(REQUIRED, REQUIRED, REQUIRED, REQUIRED), 0,
                (c, in, out) -> new XFadeOut(c, in[0], in[1], in[2], in[3]));
        TYPES.put("out", new UnitType("out", names("bus", "channels"), vals(0, REQUIRED), 0, true,
                (c, in, out) -> new Out(c, in[0], java.util.Arrays.copyOfRange(in, 1, in.length))));
        BUILT_IN = new Units(false);
    }

    private final boolean open;
    private volatile Map<String, UnitType> types;

    /** A server's own registry: the built-ins, and whatever it registers later. */
    public Units() {
        this(true);
    }

    private Units(boolean open) {
        this.open = open;
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(TYPES));
    }

    /** The built-in types alone, shared; registering on it is refused. */
    public static Units builtIn() {
        return BUILT_IN;
    }

    private static void filter(String name, int mode, boolean resonant) {
        if (resonant) {
            add(name, names("in", "freq", "rq"), vals(REQUIRED, 1000, 1), 1,
                    (c, in, out) -> new Svf(c, mode, in[0], in[1], in[2], out[0]));
        } else {
            add(name, names("in", "freq"), vals(REQUIRED, 1000), 1,
                    (c, in, out) -> new Svf(c, mode, in[0], in[1], Wire.constant(c.blockSize(), Svf.BUTTERWORTH_RQ), out[0]));
        }
    }

    /** Whether a type takes one stereo signal as its first two inputs (left, right). */
    public static boolean stereoIn(UnitType t) {
        return t.inputs().length >= 2 && t.inputs()[0].equals("left") && t.inputs()[1].equals("right");
    }

    /** Adds or replaces a type in this registry (the front end adds its own at start-up). */
    public synchronized void register(UnitType t) {
        if (!open) throw new UnsupportedOperationException("the built-in unit table is shared: register on a server's units()");
        var next = new LinkedHashMap<>(types);
        next.put(t.name(), t);
        types = Collections.unmodifiableMap(next);
    }

    private static void add(String name, String[] inputs, float[] defaults, int outputs, UnitType.Factory f) {
        TYPES.put(name, new UnitType(name, inputs, defaults, outputs, false, f));
    }

    public UnitType get(String name) {
        return types.get(name);
    }

    /**
     * The types a warm-up plays, the one list every warm-up uses: all but the variadic ones
     * (no fixed inputs to give them) and the internal ones (named "_...", made only by the
     * builder itself, e.g. the fused pan-to-out).
     */
    public List<UnitType> warmable() {
        List<UnitType> out = new ArrayList<>();
        for (UnitType t : types.values()) {
            if (!t.variadic() && !t.name().startsWith("_")) out.add(t);
        }
        return out;
    }

    /** Every type, in registration order (built-ins first). */
    public Map<String, UnitType> all() {
        return types;
    }

    private static String[] names(String... n) {
        return n;
    }

    private static float[] vals(float... v) {
        return v;
    }
}
