package dev.sonora.server;

import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.DiscardOut;
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

    /**
     * Sends the commands a busy set sends (notes that end by themselves, sets at offsets, groups
     * made, moved and freed) for {@code blocks} blocks, so the queue, scheduler and tree code is
     * compiled here: the JVM allocates on the thread that triggers a compilation, which must not
     * be the audio thread.
     */
    private static void trafficThroughQueues(Server scratch, DiscardOut out, int blocks) {
        String[] freq = {"freq"};
        NodeRef group = scratch.group(AddAction.TAIL, scratch.defaultGroup(), Command.NOW);
        for (int i = 0; i < blocks; i++) {
            long now = scratch.sampleTime();
            for (int k = 0; k < 4; k++) {
                NodeRef n = scratch.synth("blip", freq, new float[] {300 + k}, AddAction.TAIL,
                        k % 2 == 0 ? scratch.defaultGroup() : group, now + (k * 13) % 64);
                scratch.set(n, freq, new float[] {500}, now + 32);
            }
            if (i % 16 == 0) {
                NodeRef g = scratch.group(AddAction.HEAD, scratch.defaultGroup(), Command.NOW);
                scratch.move(group, AddAction.TAIL, g, Command.NOW);
                scratch.move(group, AddAction.AFTER, g, Command.NOW);
                scratch.run(g, false, now + 5);
                scratch.free(g, now + 10);
            }
            scratch.engine().renderBlock(out);
            scratch.pollReturns();
        }
        scratch.freeAll(scratch.defaultGroup(), Command.NOW);
        scratch.engine().renderBlock(out);
        scratch.pollReturns();
    }

    /** Renders {@code blocks} blocks through every unit type; returns the nanoseconds it took. */
    public static long run(ServerOptions options, int blocks) {
        long t0 = System.nanoTime();
        Server scratch = new Server(options);
        GraphBuilder b = new GraphBuilder();
        Signal moving = b.unit("add", b.unit("mul", b.unit("sine", b.constant(3)), b.constant(100)), b.constant(300));
        Signal sum = null;
        for (UnitType t : Units.builtIn().warmable()) {
            for (Signal freq : new Signal[] {b.control("f_" + t.name(), 220), moving}) {
                Signal[] in = new Signal[t.inputs().length];
                for (int i = 0; i < in.length; i++) {
                    in[i] = i == 0 ? freq : b.constant(Float.isNaN(t.defaults()[i]) ? 0.5 : t.defaults()[i]);
                }
                Signal s = b.unit(t.name(), in);
                if (s.channels() > 0) sum = sum == null ? s : b.unit("add", sum, s);
            }
        }
        // a panned voice, so the fused pan-to-out kernel is compiled too
        b.unit("out", b.constant(0), b.unit("pan", b.unit("mul", b.unit("saw", moving), b.control("amp2", 0)), b.unit("sine", b.constant(1))));
        scratch.addDef(b.build("warmup", b.unit("mul", sum, b.control("amp", 0))));
        GraphBuilder blip = new GraphBuilder();
        scratch.addDef(blip.build("blip", blip.unit("mul", blip.unit("sine", blip.control("freq", 440)),
                blip.unit("perc", blip.constant(0.0005), blip.constant(0.001)))));
        DiscardOut out = new DiscardOut();
        scratch.engine().swapBlockTap((l, r, n) -> { }); // links the output-tap call (recording) here, not on RT
        trafficThroughQueues(scratch, out, 2500);
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
