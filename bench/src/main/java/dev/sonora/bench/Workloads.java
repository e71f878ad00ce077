package dev.sonora.bench;

import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.Signal;

/**
 * The peer workloads of {@code shared/peers/README.md} (and {@code make_scores.scd}), rebuilt
 * in Sonora so the same scores can be timed side by side with scsynth. Runs on the thread
 * that drives the render.
 */
public final class Workloads {
    private Workloads() {
    }

    /** Feeds a workload's timed events up to a sample time; called before each render step. */
    @FunctionalInterface
    public interface Feeder {
        void feedUntil(long sampleTime);
    }

    /** Voice-seconds the workload renders in {@code seconds} (for ns per voice-sample). */
    public static double voiceSeconds(String name, double seconds) {
        if (name.endsWith("_par") || name.endsWith("_split")) name = name.substring(0, name.lastIndexOf('_'));
        if (name.startsWith("sines_") || name.startsWith("subtractive_")) {
            return Integer.parseInt(name.substring(name.indexOf('_') + 1)) * seconds;
        }
        return switch (name) {
            case "fx_chain" -> 20 * seconds;
            case "notes_stream" -> {
                double sum = 0;
                for (int k = 0; k < Math.round(seconds / 0.005); k++) sum += Math.min(0.201, seconds - k * 0.005);
                yield sum;
            }
            default -> 0;
        };
    }

    /** Sets the workload up at sample 0; throws IllegalArgumentException for an unknown name. */
    public static Feeder start(String name, Server server, double seconds) {
        if (name.equals("null")) return t -> { };
        // NAME_par: the same voices split into two groups, first half and second half, inside one
        // parallel group (issue 14: both cores); NAME_split: the same two groups inside a plain one
        boolean par = name.endsWith("_par");
        boolean split = name.endsWith("_split");
        String base = par || split ? name.substring(0, name.lastIndexOf('_')) : name;
        if (base.startsWith("sines_")) {
            int n = Integer.parseInt(base.substring(6));
            NodeRef[] halves = halves(server, par, split);
            GraphBuilder b = new GraphBuilder();
            server.addDef(b.build("sine_voice", b.unit("mul", b.unit("sine", b.control("freq", 440)), b.control("amp", 0.1))));
            for (int i = 0; i < n; i++) {
                server.synth("sine_voice", new String[] {"freq", "amp"}, new float[] {100f + 1900f * i / n, 0.5f / n},
                        AddAction.TAIL, halves[i < n / 2 ? 0 : 1], Command.NOW);
            }
            return t -> { };
        }
        if (base.startsWith("subtractive_")) {
            defineSub(server);
            int n = Integer.parseInt(base.substring(12));
            NodeRef[] halves = halves(server, par, split);
            for (int i = 0; i < n; i++) sub(server, i, n, 0.5f / n, 0, halves[i < n / 2 ? 0 : 1]);
            return t -> { };
        }
        if (base.equals("fx_chain")) {
            fxChain(server, halves(server, par, split));
            return t -> { };
        }
        if (base.equals("notes_stream")) return notes(server, seconds, halves(server, par, split));
        throw new IllegalArgumentException("unknown workload '" + name + "' (null, sines_N, subtractive_N, notes_stream, fx_chain)");
    }

    /** Where the two halves of the voices go: the default group twice, or two groups in a parallel (or plain) group. */
    private static NodeRef[] halves(Server server, boolean par, boolean split) {
        if (!par && !split) return new NodeRef[] {server.defaultGroup(), server.defaultGroup()};
        NodeRef outer = par ? server.parallelGroup(AddAction.TAIL, server.defaultGroup(), Command.NOW)
                : server.group(AddAction.TAIL, server.defaultGroup(), Command.NOW);
        return new NodeRef[] {server.group(AddAction.TAIL, outer, Command.NOW), server.group(AddAction.TAIL, outer, Command.NOW)};
    }

    /** {@code Out.ar(0, SinOsc.ar(freq, 0, amp) ! 2)}, freq = 100 + 1900 i/N, amp = 0.5/N. */
    static void sines(Server server, int n) {
        GraphBuilder b = new GraphBuilder();
        server.addDef(b.build("sine_voice", b.unit("mul", b.unit("sine", b.control("freq", 440)), b.control("amp", 0.1))));
        for (int i = 0; i < n; i++) {
            server.synth("sine_voice", new String[] {"freq", "amp"}, new float[] {100f + 1900f * i / n, 0.5f / n},
                    AddAction.TAIL, server.defaultGroup(), Command.NOW);
        }
    }

    /** Saw → RLPF(cutoff, 0.3) → ADSR(0.01, 0.1, 0.7, 0.3) → Pan2(pan, amp) → out bus; gate held. */
    static void defineSub(Server server) {
        GraphBuilder b = new GraphBuilder();
        Signal env = b.unit("adsr", b.constant(0.01), b.constant(0.1), b.constant(0.7), b.constant(0.3), b.control("gate", 1));
        Signal filtered = b.unit("rlpf", b.unit("saw", b.control("freq", 110)), b.control("cutoff", 1000), b.constant(0.3));
        Signal panned = b.unit("pan", b.unit("mul", filtered, env), b.control("pan", 0), b.control("amp", 0.1));
        b.unit("out", b.control("out", 0), panned);
        server.addDef(b.build("sub_voice", null));
    }

    static void sub(Server server, int i, int n, float amp, int bus, NodeRef group) {
        float freq = (float) (55 * Math.pow(2, (i % 48) / 12.0));
        float pan = n > 1 ? -1f + 2f * i / (n - 1) : 0f;
        server.synth("sub_voice", new String[] {"freq", "cutoff", "pan", "amp", "out"},
                new float[] {freq, 4 * freq + 200, pan, amp, bus}, AddAction.TAIL, group, Command.NOW);
    }

    /**
     * 20 subtractive voices (amp 0.4) → bus 64 → reverb(0.33, 0.8, 0.5) → limit(0.9, 0.01) → out,
     * after group 1; voices 0–9 in {@code halves[0]}, 10–19 in {@code halves[1]}.
     */
    static void fxChain(Server server, NodeRef[] halves) {
        defineSub(server);
        GraphBuilder b = new GraphBuilder();
        Signal bus = b.control("in", 64);
        Signal stereo = b.channels(b.unit("in", bus), b.unit("in", b.unit("add", bus, b.constant(1))));
        Signal wet = b.unit("reverb", stereo, b.control("mix", 0.33), b.control("room", 0.8), b.control("damp", 0.5));
        server.addDef(b.build("fx", b.unit("limit", wet, b.constant(0.9), b.constant(0.01))));
        for (int i = 0; i < 20; i++) sub(server, i, 20, 0.4f, 64, halves[i < 10 ? 0 : 1]);
        server.synth("fx", null, null, AddAction.TAIL, server.rootGroup(), Command.NOW);
    }

    /**
     * A percussive sine every 5 ms: freq = 220·2^(((7k) mod 24)/12), amp 0.1, freed by its
     * envelope; note k goes to {@code halves[k % 2]}.
     */
    static Feeder notes(Server server, double seconds, NodeRef[] halves) {
        GraphBuilder b = new GraphBuilder();
        Signal env = b.unit("perc", b.constant(0.001), b.constant(0.2), b.control("amp", 0.1), b.constant(-4));
        server.addDef(b.build("perc_voice", b.unit("mul", b.unit("sine", b.control("freq", 440)), env)));
        int count = (int) Math.round(seconds / 0.005);
        int sr = server.sampleRate();
        int[] next = {0};
        return until -> {
            while (next[0] < count) {
                int k = next[0];
                long t = Math.round(k * 0.005 * sr);
                if (t >= until) break;
                server.synth("perc_voice", new String[] {"freq", "amp"},
                        new float[] {(float) (220 * Math.pow(2, ((k * 7) % 24) / 12.0)), 0.1f},
                        AddAction.TAIL, halves[k & 1], t);
                next[0]++;
            }
        };
    }
}
