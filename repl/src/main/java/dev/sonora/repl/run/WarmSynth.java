package dev.sonora.repl.run;

import java.util.ArrayList;
import java.util.List;

import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.ServerException;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.DefException;
import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.Signal;
import dev.sonora.server.synth.SynthDef;
import dev.sonora.server.synth.UnitType;

/**
 * A silent synth on the real server that runs one of every unit type, on the real audio
 * thread, before allocation counting starts: {@link WarmKernels} compiles the kernels on a
 * scratch server, this one also covers first-use work on the audio thread itself (and is
 * the only warm-up when the kernel warm-up fails). Its sum is multiplied by 0, so it is never
 * heard. Controlling thread.
 */
public final class WarmSynth {
    private WarmSynth() {
    }

    /** Starts the warm-up synth; returns its node, or null if nothing could be built. */
    public static NodeRef start(Server server) {
        GraphBuilder b = new GraphBuilder(server.units());
        List<Signal> outs = new ArrayList<>();
        for (UnitType t : server.units().warmable()) {
            if (t.outputs() == 0) continue; // these write buses, and this synth plays on the live server
            try {
                Signal[] in = new Signal[t.inputs().length];
                for (int i = 0; i < in.length; i++) {
                    float d = t.defaults()[i];
                    in[i] = b.constant(Float.isNaN(d) ? 0.5 : d);
                }
                outs.add(b.unit(t.name(), in));
            } catch (DefException e) {
                // a unit that needs a real resource (a buffer, a bus) warms up with its first use
            }
        }
        if (outs.isEmpty()) return null;
        try {
            Signal silent = b.unit("mul", b.mix(outs.toArray(new Signal[0])), b.constant(0));
            SynthDef def = b.build("warm-up", silent);
            return server.synth(def, null, null, AddAction.TAIL, server.defaultGroup(), Command.NOW);
        } catch (DefException | ServerException e) {
            return null;
        }
    }

    /** Ends the warm-up synth. */
    public static void stop(Server server, NodeRef node) {
        if (node != null && node.playing()) {
            try {
                server.free(node, Command.NOW);
            } catch (ServerException e) {
                // it ended by itself
            }
        }
    }
}
