package dev.sonora.repl.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A time span in cycles, {@code [begin, end)}; {@code begin == end} is a point. Immutable; any thread. */
public record Span(Fraction begin, Fraction end) {
    public static Span of(Fraction b, Fraction e) {
        return new Span(b, e);
    }

    public static Span of(long b, long e) {
        return new Span(Fraction.of(b), Fraction.of(e));
    }

    /** The span cut at every cycle boundary (a point stays one span). */
    public List<Span> cycles() {
        List<Span> spans = new ArrayList<>(2);
        if (begin.equals(end)) {
            spans.add(this);
            return spans;
        }
        Fraction b = begin;
        Fraction endSam = end.sam();
        while (end.gt(b)) {
            if (b.sam().equals(endSam)) {
                spans.add(new Span(b, end));
                break;
            }
            Fraction next = b.nextSam();
            spans.add(new Span(b, next));
            b = next;
        }
        return spans;
    }

    public Span withTime(UnaryOperator<Fraction> f) {
        return new Span(f.apply(begin), f.apply(end));
    }

    public Span withEnd(UnaryOperator<Fraction> f) {
        return new Span(begin, f.apply(end));
    }

    /** The common part, or null. A point at the end of a non-empty span does not intersect it. */
    public Span intersection(Span o) {
        Fraction b = Fraction.max(begin, o.begin);
        Fraction e = Fraction.min(end, o.end);
        if (b.gt(e)) return null;
        if (b.equals(e)) {
            if (b.equals(end) && begin.lt(end)) return null;
            if (b.equals(o.end) && o.begin.lt(o.end)) return null;
        }
        return new Span(b, e);
    }

    /** This span relative to the cycle its beginning is in: the cycle's start becomes 0. */
    public Span cycleArc() {
        Fraction sam = begin.sam();
        return new Span(begin.sub(sam), end.sub(sam));
    }

    public Fraction duration() {
        return end.sub(begin);
    }

    @Override
    public String toString() {
        return begin + "-" + end;
    }
}
