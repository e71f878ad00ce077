package dev.sonora.server.synth;

import java.util.Locale;

/**
 * The estimated cost of one synth of a definition: the sum over its units of their measured
 * cost per sample ({@link UnitCosts}) times the block size, against the block's real-time
 * budget (block size / sample rate). Computed on the sender side when a definition is made,
 * never on the audio thread. Immutable; any thread.
 *
 * @param units       units in the compiled graph (after folding)
 * @param blockShare  one synth's share of an audio block: 1.0 takes the whole block
 */
public record DefCost(String name, int units, double nsPerBlock, double blockShare) {
    /**
     * One synth over this share of a block is worth a warning: four such voices fill the block,
     * with nothing left for the rest of the set.
     */
    public static final double WARN_SHARE = 0.25;

    public static DefCost estimate(SynthDef def, UnitCosts costs, int sampleRate, int blockSize) {
        double nsPerSample = 0;
        for (GraphBuilder.UnitSpec u : def.unitSpecs()) {
            nsPerSample += costs.of(u.type().name()).nsPerSample(moving(def, u));
        }
        double nsPerBlock = nsPerSample * blockSize;
        double budgetNs = blockSize * 1e9 / sampleRate;
        return new DefCost(def.name(), def.numUnits(), nsPerBlock, nsPerBlock / budgetNs);
    }

    /** Which inputs move: those fed by another unit (not a constant or a control). */
    private static boolean[] moving(SynthDef def, GraphBuilder.UnitSpec u) {
        int[] in = u.inputs();
        boolean[] m = new boolean[in.length];
        for (int i = 0; i < in.length; i++) m[i] = in[i] >= 0 && !def.isControlWire(in[i]);
        return m;
    }

    /** Whether one synth takes more than {@link #WARN_SHARE} of a block. */
    public boolean heavy() {
        return blockShare > WARN_SHARE;
    }

    /**
     * The one-line warning for a heavy definition; {@code what} names it ({@code def 'big'}, {@code play}).
     */
    public String warning(String what) {
        String share = "about " + percent(blockShare) + "% of an audio block (" + units + " units)";
        if (blockShare >= 1) {
            return what + ": one synth of it would take " + share + "; live, it will drop out: simplify it (a --render only runs slower)";
        }
        int fit = (int) Math.floor(1 / blockShare);
        return what + ": one synth of it would take " + share + "; live, more than " + fit
                + " at once will drop out: simplify it if you play several";
    }

    /** Two significant figures: 871 -> 870, 43.4 -> 43. */
    static String percent(double share) {
        double p = share * 100;
        if (p < 10) return String.format(Locale.ROOT, "%.1f", p);
        double scale = Math.pow(10, Math.floor(Math.log10(p)) - 1);
        return String.format(Locale.ROOT, "%.0f", Math.round(p / scale) * scale);
    }
}
