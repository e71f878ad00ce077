package dev.sonora.repl;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The verdict on instants that should fall on a grid (notes from a loop, OSC time tags), judged by
 * the gaps between neighbours rather than by one grid fitted to them all: a clocked null driver
 * that misses its deadline resynchronises its sample clock with the wall clock (an xrun), and
 * every instant after that moves by the jump. Fitted to one grid, a jump in the middle of the
 * window puts half the instants off it; between neighbours it shows in one gap. The sample clock's
 * line settles on the new offset over some blocks, so an instant read during that settling is
 * off its neighbours on both sides: each xrun may put up to two gaps off the grid.
 */
public final class GridGaps {
    private GridGaps() {
    }

    /** The gaps between neighbouring {@code instants} (ns), in ms. */
    public static double[] gapsMs(List<Long> instants) {
        double[] gaps = new double[instants.size() - 1];
        for (int i = 1; i < instants.size(); i++) gaps[i - 1] = (instants.get(i) - instants.get(i - 1)) / 1e6;
        return gaps;
    }

    /** How many {@code gapsMs} are more than {@code toleranceMs} off a whole number of {@code periodMs} (a skipped cycle is on it). */
    public static int offGrid(double[] gapsMs, double periodMs, double toleranceMs) {
        int off = 0;
        for (double gap : gapsMs) {
            if (Math.abs(gap - periodMs * Math.round(gap / periodMs)) > toleranceMs) off++;
        }
        return off;
    }

    /**
     * Passes when no more gaps are off the grid than {@code allowed} plus two per xrun of the clocked
     * driver in the window ({@code xruns}); fails with {@code what} and the gaps when more are. When
     * that allowance covers every gap, any outcome would pass: the window is not judged
     * ({@link RealTimeRetry.NotJudged}, tried again).
     */
    public static void assertOnGrid(double[] gapsMs, double periodMs, double toleranceMs, int allowed, long xruns, String what) {
        int off = offGrid(gapsMs, periodMs, toleranceMs);
        long allowance = allowed + 2 * xruns;
        double[] sorted = gapsMs.clone();
        Arrays.sort(sorted);
        String line = String.format(Locale.ROOT, "%s: %d of %d gaps more than %s ms off a multiple of %s ms, with %d xruns in the window: %s",
                what, off, gapsMs.length, toleranceMs, periodMs, xruns, Arrays.toString(sorted));
        if (allowance >= gapsMs.length) throw new RealTimeRetry.NotJudged(line); // any outcome would pass: no verdict
        if (off > allowance) fail(line);
    }
}
