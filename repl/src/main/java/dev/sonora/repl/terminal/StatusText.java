package dev.sonora.repl.terminal;

import java.util.Locale;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * What the status line shows, and how: CPU now and its peak since the last redraw, the left and
 * right output peaks as small bars with a red clip mark, tempo and bar.beat (4 beats a bar)
 * once a script has used the clock, the late, xrun and clip counts when they are not zero, and
 * how far a sample folder has loaded while it loads.
 * Pure; any thread.
 *
 * @param peakLeft  largest |sample| of the left output since the last redraw (1 = full scale)
 * @param bpm       NaN while no script has used the clock
 */
public record StatusText(double cpu, double peakCpu, double peakLeft, double peakRight, boolean clipLeft,
                         boolean clipRight, double bpm, double beat, long late, long xruns, long clipped,
                         int samplesLoaded, int samplesQueued) {
    /** Without sample loading in progress. */
    public StatusText(double cpu, double peakCpu, double peakLeft, double peakRight, boolean clipLeft, boolean clipRight,
                      double bpm, double beat, long late, long xruns, long clipped) {
        this(cpu, peakCpu, peakLeft, peakRight, clipLeft, clipRight, bpm, beat, late, xruns, clipped, 0, 0);
    }

    /** Cells of one level bar; each a sixth of the range from -48 dB to 0 dB. */
    static final int BAR = 6;
    private static final double FLOOR_DB = -48;

    /** The line as plain text (what a user reads; tests compare it). */
    public String plain() {
        return styled().toString();
    }

    /** The line with its colours, cut to {@code width} columns by the caller (JLine's status does). */
    public AttributedString styled() {
        AttributedStringBuilder b = new AttributedStringBuilder();
        b.append(String.format(Locale.ROOT, "CPU %3.0f%% peak %3.0f%%", cpu, peakCpu));
        b.append("  L ");
        bar(b, peakLeft, clipLeft);
        b.append(" R ");
        bar(b, peakRight, clipRight);
        if (!Double.isNaN(bpm)) {
            long whole = (long) Math.floor(beat);
            b.append(String.format(Locale.ROOT, "  %.0f bpm %d.%d", bpm, Math.floorDiv(whole, 4) + 1, Math.floorMod(whole, 4) + 1));
        }
        StringBuilder counts = new StringBuilder();
        if (late > 0) counts.append(" late ").append(late);
        if (xruns > 0) counts.append(" xruns ").append(xruns);
        if (clipped > 0) counts.append(" clipped ").append(clipped);
        if (samplesQueued > samplesLoaded) counts.append(" samples ").append(samplesLoaded).append('/').append(samplesQueued);
        if (counts.length() > 0) {
            b.append(" ");
            b.styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW), counts.toString());
        }
        return b.toAttributedString();
    }

    private static void bar(AttributedStringBuilder b, double peak, boolean clip) {
        int cells = cells(peak);
        b.styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN), "█".repeat(cells));
        b.append("·".repeat(BAR - cells));
        if (clip) b.styled(AttributedStyle.BOLD.foreground(AttributedStyle.RED), "!");
        else b.append(" ");
    }

    /** Filled cells for a peak: none below -48 dB, all at 0 dB, evenly in dB between. */
    static int cells(double peak) {
        if (!(peak > 0)) return 0;
        double db = 20 * Math.log10(peak);
        if (db <= FLOOR_DB) return 0;
        return (int) Math.min(BAR, Math.ceil((db - FLOOR_DB) / -FLOOR_DB * BAR));
    }
}
