package dev.sonora.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.sonora.server.NodeRef;
import dev.sonora.server.Server;
import dev.sonora.server.ServerOptions;
import dev.sonora.server.Warmup;
import dev.sonora.server.rt.AddAction;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.DiscardOut;
import dev.sonora.server.synth.DefCost;
import dev.sonora.server.synth.GraphBuilder;
import dev.sonora.server.synth.Signal;
import dev.sonora.server.synth.SynthDef;
import dev.sonora.server.synth.UnitCosts;
import dev.sonora.server.synth.UnitType;
import dev.sonora.server.synth.Units;

/**
 * Benchmark entry point that produces the table in {@link UnitCosts}: the cost of one unit of
 * every registered type, in nanoseconds per sample at block 64 and 48 kHz, with its inputs
 * steady (constants), then what each input adds when it moves (wobbles around its value, as
 * when a unit feeds it). Prints Java lines to paste into {@code UnitCosts.MEASURED}, then
 * checks the estimate of a 10 000-unit definition against its measured time.
 *
 * <p>Method: after the boot warm-up ({@link Warmup}), for each type and condition, a synth of
 * K copies of the unit and a synth of the same definition without them (the driver only)
 * play BLOCKS blocks each, alternately, on this thread; the cost is the median over BATCHES
 * of the difference in this thread's CPU time, divided by K × samples. Each batch starts fresh synths, so envelopes
 * are measured while they run, not after they ended.
 *
 * <pre>java -cp server/target/classes:JCTOOLS.jar dev.sonora.bench.MeasureUnitCosts [sample.wav]</pre>
 */
public final class MeasureUnitCosts {
    private static final int COPIES = 32;
    private static final int BLOCKS = 200;
    private static final int BATCHES = 21;
    // inputs that must not wobble: an index or an action, not a level
    private static final java.lang.management.ThreadMXBean THREAD = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final List<String> FIXED = List.of("bus", "buffer", "stream", "doneAction");

    private MeasureUnitCosts() {
    }

    public static void main(String[] args) throws Exception {
        ServerOptions options = ServerOptions.defaults();
        Warmup.run(options, 400);
        Server server = new Server(options);
        float bufferSlot = 0;
        Path wav = Path.of(args.length > 0 ? args[0] : "samples/tone/00_tone.wav");
        if (Files.exists(wav)) {
            var ref = server.loadBuffer(wav);
            ref.ready().get();
            server.engine().renderBlock(new DiscardOut());
            server.pollReturns();
            bufferSlot = ref.slot();
        } else {
            System.err.println("no " + wav + ": playbuf is measured without a buffer");
        }
        System.out.printf("// %s, JDK %s, %d cores, block %d, %d Hz%n", java.time.LocalDate.now(),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                options.blockSize(), options.sampleRate());
        for (Map.Entry<String, UnitType> e : Units.builtIn().all().entrySet()) {
            UnitType t = e.getValue();
            double steady = measure(server, t, -1, bufferSlot);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "            cost(\"%s\", %.2f", t.name(), steady));
            for (int i = 0; i < inputNames(t).size(); i++) {
                // what input i moving adds to the steady cost
                double extra = FIXED.contains(inputNames(t).get(i)) ? 0 : measure(server, t, i, bufferSlot) - steady;
                line.append(String.format(Locale.ROOT, ", %.2f", Math.max(0, extra)));
            }
            System.out.println(line.append("),"));
        }
        check(server, options);
        server.close();
    }

    /** Nanoseconds per sample of one unit of {@code t}, input {@code moving} moving (-1: none). */
    private static double measure(Server server, UnitType t, int moving, float bufferSlot) {
        SynthDef with = def(t, moving, bufferSlot, COPIES);
        SynthDef without = def(t, moving, bufferSlot, 0);
        for (int i = 0; i < 5; i++) {
            time(server, with);
            time(server, without);
        }
        double[] diff = new double[BATCHES];
        for (int i = 0; i < BATCHES; i++) {
            long a = time(server, with);
            long b = time(server, without);
            diff[i] = (double) (a - b) / COPIES / ((long) BLOCKS * server.blockSize());
        }
        Arrays.sort(diff);
        return Math.max(0, diff[BATCHES / 2]);
    }

    private static long time(Server server, SynthDef def) {
        DiscardOut out = new DiscardOut();
        NodeRef n = server.synth(def, null, null, AddAction.TAIL, server.defaultGroup(), Command.NOW);
        server.engine().renderBlock(out); // links it; not timed
        // CPU time of this thread, not wall time: on a shared machine a wall clock also counts
        // the time the thread waited for a core
        long t0 = THREAD.getCurrentThreadCpuTime();
        for (int i = 0; i < BLOCKS; i++) server.engine().renderBlock(out);
        long t = THREAD.getCurrentThreadCpuTime() - t0;
        server.free(n, Command.NOW);
        server.engine().renderBlock(out);
        server.pollReturns();
        return t;
    }

    /** The inputs as measured: a variadic type's last input twice (two channels of out). */
    private static List<String> inputNames(UnitType t) {
        List<String> names = new ArrayList<>(Arrays.asList(t.inputs()));
        if (t.variadic()) names.add(names.get(names.size() - 1));
        return names;
    }

    /**
     * {@code copies} units of {@code t} with outputs unused; input {@code moving} (-1: none)
     * wobbles by 10% around its value, driven by a sine that the definition has with or
     * without the copies.
     */
    private static SynthDef def(UnitType t, int moving, float bufferSlot, int copies) {
        GraphBuilder b = new GraphBuilder();
        List<String> names = inputNames(t);
        Signal[] in = new Signal[names.size()];
        for (int i = 0; i < in.length; i++) {
            int k = Math.min(i, t.defaults().length - 1);
            String name = names.get(i);
            double v = Float.isNaN(t.defaults()[k]) ? (i == 0 ? 220 : 0.5) : t.defaults()[k];
            if (name.equals("buffer")) v = bufferSlot;
            if (name.equals("loop")) v = 1;
            if (i == 0 && !Float.isNaN(t.defaults()[k]) && name.equals("freq")) v = 220;
            in[i] = i == moving
                    ? b.unit("add", b.unit("sine", b.constant(3 + i), b.constant(0), b.constant(0.1 * Math.max(1, Math.abs(v)))), b.constant(v))
                    : b.constant(v);
        }
        b.unit("sine", b.constant(1)); // so the definition without copies still has a unit
        for (int c = 0; c < copies; c++) b.unit(t.name(), in);
        return b.build("cost_" + t.name(), null);
    }

    /** Chains of low-pass filters: the estimate beside the measured time of one synth. */
    private static void check(Server server, ServerOptions options) {
        for (int n : new int[] {100, 1000, 10000}) check(server, options, n);
    }

    private static void check(Server server, ServerOptions options, int filters) {
        GraphBuilder b = new GraphBuilder();
        Signal s = b.unit("saw", b.constant(110));
        for (int i = 0; i < filters; i++) s = b.unit("lpf", s, b.constant(1000));
        SynthDef big = b.build("big", s);
        DefCost est = DefCost.estimate(big, UnitCosts.MEASURED, options.sampleRate(), options.blockSize());
        long[] t = new long[BATCHES];
        for (int i = 0; i < 3; i++) time(server, big);
        for (int i = 0; i < BATCHES; i++) t[i] = time(server, big);
        Arrays.sort(t);
        double budget = (double) BLOCKS * options.blockSize() * 1e9 / options.sampleRate();
        System.out.printf(Locale.ROOT, "// check: saw -> %d lpf: estimate %.1f%% of a block, measured %.1f%% (median of %d batches)%n",
                filters, est.blockShare() * 100, t[BATCHES / 2] / budget * 100, BATCHES);
    }
}
