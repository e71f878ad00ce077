package dev.sonora.server.dsp;

import java.util.SplittableRandom;

import org.jctools.queues.SpscArrayQueue;

import dev.sonora.server.rt.RtStats;
import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.rt.Ugen;
import dev.sonora.server.rt.World;
import dev.sonora.server.synth.UnitType;
import dev.sonora.server.synth.Units;
import dev.sonora.server.ugen.UnitContext;
import dev.sonora.server.ugen.Wire;

/**
 * Runs one unit kernel offline, with no server thread: inputs are constants or whole signals
 * (copied into the input wires block by block), blocks are optionally split at random points
 * as scheduled commands would split them, and every output channel is collected.
 */
public final class KernelRig {
    public static final int SR = 48000;
    public static final int BLOCK = 64;
    private final World world = new World(SR, BLOCK, 64, 16, 16, new SpscArrayQueue<>(64), new RtStats());
    public final RtSynth synth = new RtSynth(2, "kernel");

    /** An input: a constant, or one value per sample. */
    public record In(float constant, float[] signal) {
        public static In of(double v) {
            return new In((float) v, null);
        }

        public static In of(float[] s) {
            return new In(0f, s);
        }
    }

    /** Renders {@code frames} samples of unit {@code type}; returns [output][frame]. */
    public float[][] run(String type, int frames, boolean randomSplits, In... inputs) {
        UnitType t = Units.builtIn().get(type);
        if (inputs.length < t.inputs().length) {
            // missing trailing inputs take the type's defaults, as in the graph builder
            In[] full = java.util.Arrays.copyOf(inputs, t.inputs().length);
            for (int i = inputs.length; i < full.length; i++) full[i] = In.of(t.defaults()[i]);
            inputs = full;
        }
        Wire[] in = new Wire[inputs.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = inputs[i].signal() == null ? Wire.constant(BLOCK, inputs[i].constant()) : new Wire(BLOCK);
            if (inputs[i].signal() != null) System.arraycopy(inputs[i].signal(), 0, in[i].buf, 0, Math.min(BLOCK, inputs[i].signal().length));
        }
        Wire[] out = new Wire[t.outputs()];
        for (int i = 0; i < out.length; i++) out[i] = new Wire(BLOCK);
        Ugen u = t.factory().create(new UnitContext(world, synth, 7), in, out);
        float[][] result = new float[out.length][frames];
        SplittableRandom random = new SplittableRandom(1);
        for (int start = 0; start < frames; start += BLOCK) {
            int n = Math.min(BLOCK, frames - start);
            for (int i = 0; i < in.length; i++) {
                float[] s = inputs[i].signal();
                if (s != null) {
                    for (int k = 0; k < BLOCK; k++) in[i].buf[k] = start + k < s.length ? s[start + k] : 0f;
                }
            }
            int split = randomSplits ? random.nextInt(n + 1) : n;
            if (split > 0) u.process(0, split);
            if (split < n) u.process(split, n);
            for (int o = 0; o < out.length; o++) System.arraycopy(out[o].buf, 0, result[o], start, n);
        }
        return result;
    }

    public static float[] sine(double freq, int frames, double amp) {
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) x[i] = (float) (amp * Math.sin(2 * Math.PI * freq * i / SR));
        return x;
    }

    public static float[] noise(int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) x[i] = (float) r.nextDouble(-1, 1);
        return x;
    }

    public static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += (double) x[i] * x[i];
        return Math.sqrt(s / (to - from));
    }

    public static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }
}
