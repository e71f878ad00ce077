package dev.sonora.repl.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * Euclidean rhythms: Bjorklund's algorithm in the form Tidal and Strudel use (after Rohan
 * Drape's), so {@code (3,8)} is {@code x ~ ~ x ~ ~ x ~} and {@code (5,8)} is {@code x ~ x x ~ x x ~}.
 * Any thread.
 */
public final class Euclid {
    private Euclid() {
    }

    /**
     * {@code pulses} onsets spread over {@code steps}, rotated left by {@code rotation} steps
     * (Tidal's direction). Negative pulses give the complement. Fewer than one step: empty.
     */
    public static boolean[] rhythm(int pulses, int steps, int rotation) {
        if (steps <= 0) return new boolean[0];
        boolean invert = pulses < 0;
        int ons = Math.min(Math.abs(pulses), steps);
        boolean[] r = new boolean[steps];
        List<List<Boolean>> xs = new ArrayList<>();
        List<List<Boolean>> ys = new ArrayList<>();
        for (int i = 0; i < ons; i++) xs.add(new ArrayList<>(List.of(true)));
        for (int i = 0; i < steps - ons; i++) ys.add(new ArrayList<>(List.of(false)));
        int a = ons, b = steps - ons;
        while (Math.min(a, b) > 1) {
            if (a > b) { // left: the first b of xs take a y each; the rest of xs become the new ys
                List<List<Boolean>> nx = new ArrayList<>();
                for (int i = 0; i < b; i++) nx.add(concat(xs.get(i), ys.get(i)));
                List<List<Boolean>> ny = new ArrayList<>(xs.subList(Math.min(b, xs.size()), xs.size()));
                int na = b, nb = a - b;
                xs = nx;
                ys = ny;
                a = na;
                b = nb;
            } else { // right: every x takes one of the first a ys; the rest of ys stay
                List<List<Boolean>> nx = new ArrayList<>();
                for (int i = 0; i < Math.min(xs.size(), a); i++) nx.add(concat(xs.get(i), ys.get(i)));
                List<List<Boolean>> ny = new ArrayList<>(ys.subList(Math.min(a, ys.size()), ys.size()));
                b = b - a;
                xs = nx;
                ys = ny;
            }
        }
        int k = 0;
        for (List<Boolean> l : xs) for (boolean v : l) r[k++] = v;
        for (List<Boolean> l : ys) for (boolean v : l) r[k++] = v;
        boolean[] out = new boolean[steps];
        int rot = Math.floorMod(rotation, steps);
        for (int i = 0; i < steps; i++) out[i] = r[(i + rot) % steps] != invert;
        return out;
    }

    private static List<Boolean> concat(List<Boolean> a, List<Boolean> b) {
        List<Boolean> r = new ArrayList<>(a);
        r.addAll(b);
        return r;
    }
}
