package dev.sonora.server.tools;

import dev.sonora.server.nrt.Server;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.GraphBuilder;

/**
 * The peer workloads of {@code shared/peers/README.md}, rebuilt in Sonora so the same
 * scores can be timed side by side with scsynth. Each one sets up the server at sample 0.
 * Runs on the thread that drives the render.
 */
public final class Workloads {
    private Workloads() {
    }

    /** Voice-seconds of audio the workload renders in {@code seconds} (for ns per voice-sample). */
    public static double voiceSeconds(String name, double seconds) {
        if (name.startsWith("sines_") || name.startsWith("subtractive_")) {
            return Integer.parseInt(name.substring(name.indexOf('_') + 1)) * seconds;
        }
        return switch (name) {
            case "fx_chain" -> 20 * seconds;
            default -> 0;
        };
    }

    /** Sets the workload up; throws IllegalArgumentException for an unknown name. */
    public static void start(String name, Server server) {
        if (name.equals("null")) return;
        if (name.startsWith("sines_")) {
            sines(server, Integer.parseInt(name.substring(6)));
        } else if (name.startsWith("subtractive_")) {
            subtractive(server, Integer.parseInt(name.substring(12)));
        } else {
            throw new IllegalArgumentException("unknown workload '" + name + "' (null, sines_N, subtractive_N)");
        }
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

    /** Saw → RLPF(cutoff, 0.3) → ADSR(0.01, 0.1, 0.7, 0.3) → Pan2; gate held. Needs rlpf (issue #4). */
    static void subtractive(Server server, int n) {
        GraphBuilder b = new GraphBuilder();
        var env = b.unit("adsr", b.constant(0.01), b.constant(0.1), b.constant(0.7), b.constant(0.3), b.control("gate", 1));
        var filtered = b.unit("rlpf", b.unit("saw", b.control("freq", 110)), b.control("cutoff", 1000), b.constant(0.3));
        server.addDef(b.build("sub_voice", b.unit("pan", b.unit("mul", filtered, env), b.control("pan", 0), b.control("amp", 0.1))));
        for (int i = 0; i < n; i++) {
            float freq = (float) (55 * Math.pow(2, (i % 48) / 12.0));
            server.synth("sub_voice", new String[] {"freq", "cutoff", "pan", "amp"},
                    new float[] {freq, 4 * freq + 200, -1f + 2f * i / (n - 1), 0.5f / n},
                    AddAction.TAIL, server.defaultGroup(), Command.NOW);
        }
    }
}
