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

    /**
     * The most cycles one query may cover. Every layer of a pattern is asked cycle by cycle, so a
     * typo like {@code .fast(1e6)} would have the Lang thread build millions of events for one
     * step, beyond any step timeout's reach (this is Java, not JavaScript); no musical query comes
     * near it (a loop asks for a fraction of a cycle, {@code .query(0, 64)} for 64).
     */
    public static final int MAX_CYCLES = 10_000;

    /** The span cut at every cycle boundary (a point stays one span); refuses more than {@link #MAX_CYCLES}. */
    public List<Span> cycles() {
        List<Span> spans = new ArrayList<>(2);
        if (begin.equals(end)) {
            spans.add(this);
            return spans;
        }
        double length = end.toDouble() - begin.toDouble();
        if (length > MAX_CYCLES) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "a pattern was asked for %.0f cycles at once (at most %d): is a fast(), ply() or segment() factor too large?",
                    length, MAX_CYCLES));
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
