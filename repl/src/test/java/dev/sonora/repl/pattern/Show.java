package dev.sonora.repl.pattern;

import java.util.ArrayList;
import java.util.List;

/** Test helper: the onsets of a pattern in [0, cycles) as text, {@code "0-1/2 a | 1/2-1 b"}, sorted by begin then value. */
final class Show {
    private Show() {
    }

    static String onsets(Pattern p, long cycles) {
        return onsets(p, 0, cycles);
    }

    static String onsets(Pattern p, long from, long to) {
        List<Hap> hs = new ArrayList<>(p.onsets(Fraction.of(from), Fraction.of(to)));
        hs.sort((a, b) -> {
            int c = a.whole().begin().compareTo(b.whole().begin());
            return c != 0 ? c : Values.show(a.value()).compareTo(Values.show(b.value()));
        });
        List<String> out = new ArrayList<>();
        for (Hap h : hs) out.add(h.whole() + " " + Values.show(h.value()));
        return String.join(" | ", out);
    }

    /** Only the values of the onsets, in order. */
    static String values(Pattern p, long cycles) {
        List<String> out = new ArrayList<>();
        for (Hap h : p.onsets(Fraction.ZERO, Fraction.of(cycles))) out.add(Values.show(h.value()));
        return String.join(" ", out);
    }
}
