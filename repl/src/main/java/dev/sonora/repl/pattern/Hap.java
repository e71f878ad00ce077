package dev.sonora.repl.pattern;

import java.util.function.UnaryOperator;

/**
 * One event of a pattern: its {@code whole} (the event's full span; null for a sample of a
 * continuous signal), the {@code part} of it a query saw, and its value. An event sounds
 * where its part begins with its whole ({@link #hasOnset}). Immutable; any thread.
 */
public record Hap(Span whole, Span part, Object value) {
    public boolean hasOnset() {
        return whole != null && whole.begin().equals(part.begin());
    }

    public Span wholeOrPart() {
        return whole != null ? whole : part;
    }

    public Hap withSpan(UnaryOperator<Span> f) {
        return new Hap(whole == null ? null : f.apply(whole), f.apply(part), value);
    }

    public Hap withValue(Object v) {
        return new Hap(whole, part, v);
    }

    /** {@code 1/4-1/2 bd} (part shown only when it differs from the whole, as {@code (part)}). */
    @Override
    public String toString() {
        String v = Values.show(value);
        if (whole == null) return "~" + part + " " + v;
        return whole + (whole.equals(part) ? "" : " (" + part + ")") + " " + v;
    }
}
