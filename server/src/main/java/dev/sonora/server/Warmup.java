package dev.sonora.server;

import dev.sonora.server.buffer.SwapBuffer;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Buffer;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.DiscardOut;
import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.Signal;
import dev.sonora.server.synth.UnitType;
import dev.sonora.server.synth.Units;

/**
 * Teaches the JIT the DSP kernels before the first real block, so it does not learn on
 * stage: a scratch server (its own World, never heard) plays synths of every registered unit
 * type, with steady and moving inputs, then a small set of the voices performers play (filtered
 * oscillators under a gated envelope, samples at several rates, looped and not), and renders
 * silent blocks on the calling thread. Compiled code is shared by every thread, so the live
 * audio thread starts warm.
 *
 * <p>Warm means compiled by C2 with a profile that has seen every path a set takes. A kernel
 * left in C1's profiling code runs two to three times slower until C2 compiles it in the middle
 * of the set, and a C2 compilation whose profile never saw a branch (a block split by a timed
 * command, a sample's last frames) throws its code away the first time the set takes that
 * branch: the kernel falls back to the interpreter for every voice at once, which cost a live
 * block 120 ms on 2026-11-30. So every kernel runs many times per block here, with blocks split
 * at odd offsets. Call it on any thread at boot, e.g. while the JS context starts on another
 * core.
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
        // a parallel group of two groups: its job, its lanes and its deferred ends are compiled here
        // too (with no worker threads here, this thread claims every task itself)
        NodeRef parallel = scratch.parallelGroup(AddAction.TAIL, scratch.defaultGroup(), Command.NOW);
        NodeRef[] sides = {scratch.group(AddAction.TAIL, parallel, Command.NOW), scratch.group(AddAction.TAIL, parallel, Command.NOW)};
        for (int i = 0; i < blocks; i++) {
            long now = scratch.sampleTime();
            for (int k = 0; k < 6; k++) {
                NodeRef n = scratch.synth("blip", freq, new float[] {300 + k}, AddAction.TAIL,
                        k >= 4 ? sides[k % 2] : k % 2 == 0 ? scratch.defaultGroup() : group, now + (k * 13) % 64);
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

    /** Voices of the warm-up synth per round: enough calls per block for C2 to compile every kernel. */
    private static final int VOICES = 8;
    /** When the stage voices' gates close, in samples: attack 48, decay 480, then sustain. */
    private static final int[] RELEASE_AFTER = {20, 300, 64 * 12 + 13};

    /**
     * A small set on the scratch server for {@code blocks} blocks: filtered oscillators under a
     * gated envelope (each filter type once), released at odd offsets so envelopes end and free
     * their synths, and samples (mono and stereo, rates above, below and at 1, looped and not)
     * that run off their ends. Their cutoffs and rates move at odd offsets, splitting blocks.
     */
    private static void stage(Server scratch, DiscardOut out, int blocks) {
        String[] oscillators = {"saw", "pulse", "tri"};
        String[] filters = {"lpf", "hpf", "rlpf", "rhpf", "bpf", "moog"};
        for (int k = 0; k < filters.length; k++) {
            GraphBuilder b = new GraphBuilder();
            Signal osc = b.unit(oscillators[k % oscillators.length], b.control("freq", 110));
            Signal filtered = b.unit(filters[k], osc, b.control("cutoff", 800));
            Signal env = b.unit("adsr", b.constant(0.001), b.constant(0.01), b.constant(0.7), b.constant(0.005), b.control("gate", 1));
            Signal voice = b.unit("pan", b.unit("mul", b.unit("mul", filtered, env), b.control("amp", 0.01)), b.control("pos", 0));
            scratch.addDef(b.build("stage-" + filters[k], voice));
        }
        GraphBuilder b = new GraphBuilder();
        scratch.addDef(b.build("stage-sample", b.unit("mul",
                b.unit("playbuf", b.control("buffer", 0), b.control("rate", 1), b.control("loop", 0)), b.control("amp", 0.01))));
        int[] slots = {sampleSlot(scratch, 1), sampleSlot(scratch, 2)};
        scratch.engine().renderBlock(out); // the buffers swap in
        scratch.pollReturns();
        String[] gate = {"gate"};
        String[] cutoff = {"cutoff"};
        String[] sampleControls = {"buffer", "rate", "loop"};
        float[] rates = {1f, 1.5f, 0.7f, 2.3f};
        for (int i = 0; i < blocks; i++) {
            long now = scratch.sampleTime();
            if (i % 8 == 0) {
                for (int k = 0; k < filters.length; k++) {
                    NodeRef n = scratch.synth("stage-" + filters[k], new String[] {"freq"}, new float[] {55 + 20 * k},
                            AddAction.TAIL, scratch.defaultGroup(), now + (k * 11) % 64);
                    scratch.set(n, cutoff, new float[] {400 + 300 * k}, now + 64 + 37);
                    // closed in the attack, in the decay and in the sustain: each stage's end is seen
                    scratch.set(n, gate, new float[] {0}, now + RELEASE_AFTER[(i / 8 + k) % RELEASE_AFTER.length] + k);
                }
            }
            if (i % 4 == 0) {
                int r = (i / 4) % rates.length;
                scratch.synth("stage-sample", sampleControls, new float[] {slots[r % 2], rates[r], (i / 4) % 8 == 0 ? 1 : 0},
                        AddAction.TAIL, scratch.defaultGroup(), now + (i * 7) % 64);
            }
            scratch.engine().renderBlock(out);
            scratch.pollReturns();
        }
        scratch.freeAll(scratch.defaultGroup(), Command.NOW);
        scratch.engine().renderBlock(out);
        scratch.pollReturns();
    }

    /** A short buffer of a decaying sine in a fresh slot of the scratch server; returns the slot. */
    private static int sampleSlot(Server scratch, int channels) {
        int frames = 2000 + 331 * channels; // not a multiple of the block: the end lands mid-block
        float[][] data = new float[channels][frames];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) data[c][i] = (float) (Math.sin(i * 0.05 * (c + 1)) * (1 - i / (double) frames));
        }
        int slot = scratch.buffers().reserve("warm-up " + channels);
        scratch.sendToRt(new SwapBuffer(scratch.buffers(), slot, new Buffer("warm-up " + channels, data, scratch.sampleRate())));
        return slot;
    }

    /** Renders {@code blocks} blocks through every unit type; returns the nanoseconds it took. */
    public static long run(ServerOptions options, int blocks) {
        return run(options, blocks, false);
    }

    /**
     * As {@link #run(ServerOptions, int)}, then, when {@code forStage}, the small set as well
     * ({@link #stage}): the live warm-up, where code the JIT throws away mid-set is an audible
     * stall. A render takes the shorter one: there it costs only time.
     */
    public static long run(ServerOptions options, int blocks, boolean forStage) {
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
        // before the long rounds, so the profiles C2 compiles from already hold every transition
        if (forStage) stage(scratch, out, blocks);
        for (int round = 0; round < 4; round++) {
            NodeRef[] voices = new NodeRef[VOICES];
            for (int v = 0; v < VOICES; v++) {
                voices[v] = scratch.synth("warmup", null, null, AddAction.TAIL, scratch.defaultGroup(), Command.NOW);
            }
            for (int i = 0; i < blocks / 4; i++) {
                // a voice may have ended: its playbuf can find one of the stage's samples and play it out
                NodeRef v = voices[i % VOICES];
                if (i % 7 == 0 && v.playing()) scratch.set(v, new String[] {"amp"}, new float[] {i % 2}, scratch.sampleTime() + i % 64);
                scratch.engine().renderBlock(out);
                scratch.pollReturns();
            }
            for (NodeRef n : voices) {
                if (n.playing()) scratch.free(n, Command.NOW);
            }
            scratch.engine().renderBlock(out);
            scratch.pollReturns();
        }
        scratch.close();
        return System.nanoTime() - t0;
    }
}
