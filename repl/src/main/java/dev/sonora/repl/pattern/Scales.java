package dev.sonora.repl.pattern;

import java.util.Locale;
import java.util.Map;

/**
 * Scales for {@code scale('C:minor')}: a root note (octave 3 when none is given, as Strudel)
 * and a mode; degree 0 is the root, degrees past the scale's length go up an octave, negative
 * ones down. Any thread.
 */
public final class Scales {
    private static final Map<String, int[]> MODES = Map.ofEntries(
            Map.entry("major", new int[] {0, 2, 4, 5, 7, 9, 11}),
            Map.entry("ionian", new int[] {0, 2, 4, 5, 7, 9, 11}),
            Map.entry("minor", new int[] {0, 2, 3, 5, 7, 8, 10}),
            Map.entry("aeolian", new int[] {0, 2, 3, 5, 7, 8, 10}),
            Map.entry("dorian", new int[] {0, 2, 3, 5, 7, 9, 10}),
            Map.entry("phrygian", new int[] {0, 1, 3, 5, 7, 8, 10}),
            Map.entry("lydian", new int[] {0, 2, 4, 6, 7, 9, 11}),
            Map.entry("mixolydian", new int[] {0, 2, 4, 5, 7, 9, 10}),
            Map.entry("locrian", new int[] {0, 1, 3, 5, 6, 8, 10}),
            Map.entry("harmonic minor", new int[] {0, 2, 3, 5, 7, 8, 11}),
            Map.entry("melodic minor", new int[] {0, 2, 3, 5, 7, 9, 11}),
            Map.entry("major pentatonic", new int[] {0, 2, 4, 7, 9}),
            Map.entry("pentatonic", new int[] {0, 2, 4, 7, 9}),
            Map.entry("minor pentatonic", new int[] {0, 3, 5, 7, 10}),
            Map.entry("blues", new int[] {0, 3, 5, 6, 7, 10}),
            Map.entry("whole tone", new int[] {0, 2, 4, 6, 8, 10}),
            Map.entry("chromatic", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}));

    private Scales() {
    }

    /** A root and its steps. */
    public record Scale(double root, int[] steps) {
        /** The MIDI note of a degree (a fractional degree is floored). */
        public double note(double degree) {
            long d = (long) Math.floor(degree);
            int n = steps.length;
            return root + 12 * Math.floorDiv(d, n) + steps[(int) Math.floorMod(d, (long) n)];
        }
    }

    /** {@code 'C:minor'}, {@code 'eb4:dorian'}, {@code 'A minor pentatonic'}; an unknown one is refused with the list. */
    public static Scale parse(String name) {
        String s = name.trim();
        int sep = s.indexOf(':');
        if (sep < 0) sep = s.indexOf(' ');
        if (sep < 0) throw new IllegalArgumentException("scale: a root and a mode, like 'C:minor'; got '" + name + "'");
        Double root = Values.noteToMidi(s.substring(0, sep).trim());
        if (root == null) throw new IllegalArgumentException("scale: '" + s.substring(0, sep) + "' is not a note name, like C or eb4");
        String mode = s.substring(sep + 1).trim().toLowerCase(Locale.ROOT).replace(':', ' ').replace('_', ' ');
        int[] steps = MODES.get(mode);
        if (steps == null) {
            throw new IllegalArgumentException("scale: unknown mode '" + mode + "'; known: " + String.join(", ", new java.util.TreeSet<>(MODES.keySet())));
        }
        return new Scale(root, steps);
    }
}
