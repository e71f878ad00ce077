package dev.sonora.server.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one unit of each type costs the audio thread, in nanoseconds per sample: its cost with
 * every input steady (constants, controls), plus what each input adds when it moves (is fed
 * by another unit: a filter's moving cutoff recomputes its coefficients every sample, a
 * moving input signal costs it little). The table is measured, not guessed: see
 * {@link #MEASURED}. Immutable; any thread.
 */
public final class UnitCosts {
    /**
     * Nanoseconds per sample of one unit.
     *
     * @param extra what input i moving adds; a variadic type's last entry stands for all its
     *              repeated inputs
     */
    public record Cost(double steady, double... extra) {
        /** With the inputs for which {@code moving[i]} holds moving. */
        public double nsPerSample(boolean[] moving) {
            double ns = steady;
            for (int i = 0; i < moving.length; i++) {
                if (moving[i] && extra.length > 0) ns += extra[Math.min(i, extra.length - 1)];
            }
            return ns;
        }
    }

    /**
     * Measured on this project's machine kind (2 shared cores, AMD EPYC), Temurin JDK 25, block
     * 64 at 48 kHz, by {@code dev.sonora.bench.MeasureUnitCosts} (the command is in its
     * javadoc and in docs/design-notes.md). Measure again when a kernel changes; a new unit
     * type must be added here ({@code DefCostTest} checks that every registered type is).
     */
    public static final UnitCosts MEASURED = new UnitCosts(table(
            // measured 2026-11-29 with load average 5-11 from other tenants: per entry, the
            // median of three runs (each a median of 21 batches of thread CPU time).
            // steady ns/sample, then what each input adds when it moves
            cost("sine", 0.86, 4.07, 0.00, 11.16),
            cost("saw", 2.25, 8.41),
            cost("pulse", 6.93, 4.67, 0.00),
            cost("tri", 1.54, 4.30),
            cost("noise", 1.91),
            cost("mul", 0.22, 0.06, 0.11),
            cost("add", 0.26, 0.01, 0.02),
            cost("line", 0.83, 0.01, 0.01, 0.01, 0.00),
            cost("perc", 3.93, 0.00, 0.02, 0.04, 1.88),
            cost("adsr", 5.27, 0.00, 0.00, 0.00, 0.00, 0.02, 1.11),
            cost("pan", 0.45, 0.00, 11.81, 8.95),
            cost("lpf", 1.94, 0.00, 13.02),
            cost("hpf", 2.43, 0.01, 19.27),
            cost("rlpf", 2.59, 0.00, 13.53, 15.43),
            cost("rhpf", 1.89, 0.00, 18.34, 18.06),
            cost("bpf", 1.86, 0.01, 20.33, 17.60),
            cost("moog", 36.61, 0.00, 6.22, 0.00),
            cost("delay", 11.57, 0.25, 0.20, 0.59),
            cost("reverb", 31.80, 0.00, 1.65, 7.89, 4.32, 4.47),
            cost("limit", 3.66, 0.00, 1.91, 0.34),
            cost("tanh", 6.06, 0.00),
            cost("clip", 1.82, 0.05, 0.03, 0.05),
            cost("range", 0.68, 0.00, 0.00, 0.00),
            cost("impulse", 2.06, 0.00),
            cost("pink", 6.90),
            cost("playbuf", 13.51, 0.00, 0.19, 0.04),
            cost("diskin", 0.36, 0.00, 0.01), // measured with no stream open: it reads silence
            cost("in", 0.35, 0.00),
            cost("ink", 0.09, 0.00),
            cost("outk", 0.15, 0.00, 0.00),
            cost("_panout", 0.92, 0.00, 9.47, 12.69, 0.00),
            // estimated, not measured (added with ndef, issue 16): a branch per sample when steady
            // like line; while it fades a Math.sin per sample (~10 ns) for fadeTime only
            cost("_xfade", 0.85, 0.00, 0.00),
            // estimated: a square root, two divisions and five running means per sample
            cost("_xfadeout", 6.0, 0.00, 0.00, 0.00, 0.00),
            cost("out", 0.67, 0.00, 0.28, 0.22)
    ));

    private final Map<String, Cost> costs;
    private final Cost typical;

    /**
     * A table by type name. A type not in it (one a front end registers) costs the median
     * steady cost of the table, plus the median of the types' largest extras per moving input.
     */
    public UnitCosts(Map<String, Cost> costs) {
        this.costs = Map.copyOf(costs);
        List<Double> steady = new ArrayList<>();
        List<Double> extra = new ArrayList<>();
        for (Cost c : costs.values()) {
            steady.add(c.steady());
            double max = 0;
            for (double e : c.extra()) max = Math.max(max, e);
            extra.add(max);
        }
        this.typical = costs.isEmpty() ? new Cost(0) : new Cost(median(steady), median(extra));
    }

    /** The cost of one unit of {@code type} (the typical cost for a type the table lacks). */
    public Cost of(String type) {
        return costs.getOrDefault(type, typical);
    }

    /** Whether the table has {@code type}. */
    public boolean has(String type) {
        return costs.containsKey(type);
    }

    private static double median(List<Double> v) {
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private static Map.Entry<String, Cost> cost(String type, double steady, double... extra) {
        return Map.entry(type, new Cost(steady, extra));
    }

    @SafeVarargs
    private static Map<String, Cost> table(Map.Entry<String, Cost>... entries) {
        Map<String, Cost> m = new HashMap<>();
        for (Map.Entry<String, Cost> e : entries) m.put(e.getKey(), e.getValue());
        return m;
    }
}
