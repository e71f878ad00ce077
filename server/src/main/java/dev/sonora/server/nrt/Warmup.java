package dev.sonora.server.nrt;

import java.util.Map;

import dev.sonora.server.driver.DiscardOut;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.Signal;
import dev.sonora.server.synth.UnitType;
import dev.sonora.server.synth.Units;

/**
 * Teaches the JIT the DSP kernels before the first real block, so it does not learn on
 * stage: a scratch server (its own World, never heard) plays one synth of every registered
 * unit type, with steady and moving inputs, and renders silent blocks on the calling thread.
 * Compiled code is shared by every thread, so the live audio thread starts warm. Call it on
 * any thread at boot, e.g. while the JS context starts on another core.
 */
public final class Warmup {
    private Warmup() {
    }

    /** Renders {@code blocks} blocks through every unit type; returns the nanoseconds it took. */
    public static long run(ServerOptions options, int blocks) {
        long t0 = System.nanoTime();
        Server scratch = new Server(options);
        GraphBuilder b = new GraphBuilder();
        Signal moving = b.unit("add", b.unit("mul", b.unit("sine", b.constant(3)), b.constant(100)), b.constant(300));
        Signal sum = null;
        for (Map.Entry<String, UnitType> e : Units.all().entrySet()) {
            UnitType t = e.getValue();
            if (t.variadic() || t.name().startsWith("test_") || t.name().startsWith("_")) continue;
            for (Signal freq : new Signal[] {b.control("f_" + t.name(), 220), moving}) {
                Signal[] in = new Signal[t.inputs().length];
                for (int i = 0; i < in.length; i++) {
                    in[i] = i == 0 ? freq : b.constant(Float.isNaN(t.defaults()[i]) ? 0.5 : t.defaults()[i]);
                }
                Signal s = b.unit(t.name(), in);
                if (s.channels() > 0) sum = sum == null ? s : b.unit("add", sum, s);
            }
        }
        scratch.addDef(b.build("warmup", b.unit("mul", sum, b.control("amp", 0))));
        DiscardOut out = new DiscardOut();
        for (int round = 0; round < 4; round++) {
            NodeRef n = scratch.synth("warmup", null, null, AddAction.TAIL, scratch.defaultGroup(), Command.NOW);
            for (int i = 0; i < blocks / 4; i++) {
                if (i % 7 == 0) scratch.set(n, new String[] {"amp"}, new float[] {i % 2}, scratch.sampleTime() + i % 64);
                scratch.engine().renderBlock(out);
                scratch.pollReturns();
            }
            scratch.free(n, Command.NOW);
            scratch.engine().renderBlock(out);
            scratch.pollReturns();
        }
        scratch.close();
        return System.nanoTime() - t0;
    }
}
