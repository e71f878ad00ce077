package dev.sonora.repl.pattern;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A pattern: a function from a span of time, in cycles, to the events in it. Querying is pure
 * (the same span always gives the same events) and exact ({@link Fraction} times). The
 * functions follow Tidal's and Strudel's published semantics; the query-level building blocks
 * ({@link #appLeft}, {@link #innerJoin}, {@link #squeezeJoin}, …) are theirs too, so the
 * combinations behave as they do there. Immutable; any thread (see the package rule).
 */
public final class Pattern {
    /** What a pattern does: the events in a span. */
    @FunctionalInterface
    public interface Query {
        List<Hap> apply(Span span);
    }

    public static final Pattern SILENCE = new Pattern(span -> new ArrayList<>());

    private final Query query;
    /** The value of a {@link #pure} pattern, so that a constant argument needs no join; else null. */
    private final Object pureValue;

    public Pattern(Query query) {
        this(query, null);
    }

    private Pattern(Query query, Object pureValue) {
        this.query = query;
        this.pureValue = pureValue;
    }

    // ---- querying ----

    public List<Hap> query(Span span) {
        return query.apply(span);
    }

    public List<Hap> queryArc(Fraction begin, Fraction end) {
        return query(new Span(begin, end));
    }

    /** The events that begin in {@code [begin, end)}, sorted by their beginning (then as queried). */
    public List<Hap> onsets(Fraction begin, Fraction end) {
        List<Hap> r = new ArrayList<>();
        if (!begin.lt(end)) return r;
        for (Hap h : query(new Span(begin, end))) {
            if (h.hasOnset() && h.whole().begin().ge(begin) && h.whole().begin().lt(end)) r.add(h);
        }
        r.sort((a, b) -> a.whole().begin().compareTo(b.whole().begin()));
        return r;
    }

    /** True for a constant pattern made by {@link #pure}. */
    public boolean isPure() {
        return pureValue != null;
    }

    public Object pureValue() {
        return pureValue;
    }

    // ---- elementary patterns ----

    /** One event per cycle, filling it. */
    public static Pattern pure(Object value) {
        if (value == null) throw new IllegalArgumentException("a pattern value cannot be null");
        return new Pattern(span -> {
            List<Hap> r = new ArrayList<>(1);
            for (Span s : span.cycles()) r.add(new Hap(new Span(s.begin().sam(), s.begin().nextSam()), s, value));
            return r;
        }, value);
    }

    /** A continuous signal: one event with no whole, the value of {@code f} at the query's beginning (as Strudel samples). */
    public static Pattern signal(Function<Fraction, Object> f) {
        return new Pattern(span -> {
            List<Hap> r = new ArrayList<>(1);
            r.add(new Hap(null, span, f.apply(span.begin())));
            return r;
        });
    }

    /** Every pattern at once. */
    public static Pattern stack(List<Pattern> pats) {
        if (pats.size() == 1) return pats.get(0);
        List<Pattern> ps = List.copyOf(pats);
        return new Pattern(span -> {
            List<Hap> r = new ArrayList<>();
            for (Pattern p : ps) r.addAll(p.query(span));
            return r;
        });
    }

    public static Pattern stack(Pattern... pats) {
        return stack(List.of(pats));
    }

    /** One cycle of each pattern in turn (cycle k of the result plays cycle k/n of its pattern: none is skipped). */
    public static Pattern slowcat(List<Pattern> pats) {
        if (pats.isEmpty()) return SILENCE;
        if (pats.size() == 1) return pats.get(0);
        List<Pattern> ps = List.copyOf(pats);
        int n = ps.size();
        return new Pattern(span -> {
            long cycle = span.begin().floor();
            Pattern p = ps.get((int) Math.floorMod(cycle, (long) n));
            Fraction offset = Fraction.of(cycle - Math.floorDiv(cycle, n));
            List<Hap> r = new ArrayList<>();
            for (Hap h : p.query(span.withTime(t -> t.sub(offset)))) r.add(h.withSpan(s -> s.withTime(t -> t.add(offset))));
            return r;
        }).splitQueries();
    }

    /** One cycle of each pattern in turn, each at the cycle it is played in (so cycles are skipped): what {@code every} uses. */
    public static Pattern slowcatPrime(List<Pattern> pats) {
        if (pats.isEmpty()) return SILENCE;
        List<Pattern> ps = List.copyOf(pats);
        int n = ps.size();
        return new Pattern(span -> ps.get((int) Math.floorMod(span.begin().floor(), (long) n)).query(span)).splitQueries();
    }

    /** All the patterns squeezed into one cycle, in order. */
    public static Pattern fastcat(List<Pattern> pats) {
        if (pats.isEmpty()) return SILENCE;
        if (pats.size() == 1) return pats.get(0);
        return slowcat(pats).fast(Fraction.of(pats.size()));
    }

    /** The patterns in one cycle, each taking a share proportional to its weight ({@code a@3 b}). */
    public static Pattern timecat(List<Fraction> weights, List<Pattern> pats) {
        Fraction total = Fraction.ZERO;
        for (Fraction w : weights) total = total.add(w);
        if (total.signum() <= 0) return SILENCE;
        List<Pattern> parts = new ArrayList<>();
        Fraction b = Fraction.ZERO;
        for (int i = 0; i < pats.size(); i++) {
            Fraction e = b.add(weights.get(i));
            parts.add(pats.get(i).compress(b.div(total), e.div(total)));
            b = e;
        }
        return stack(parts);
    }

    // ---- query and event plumbing ----

    public Pattern splitQueries() {
        Pattern p = this;
        return new Pattern(span -> {
            List<Span> cycles = span.cycles();
            if (cycles.size() == 1) return p.query(cycles.get(0));
            List<Hap> r = new ArrayList<>();
            for (Span s : cycles) r.addAll(p.query(s));
            return r;
        });
    }

    public Pattern withQuerySpan(UnaryOperator<Span> f) {
        return new Pattern(span -> query(f.apply(span)));
    }

    public Pattern withQueryTime(UnaryOperator<Fraction> f) {
        return new Pattern(span -> query(span.withTime(f)));
    }

    public Pattern withHapSpan(UnaryOperator<Span> f) {
        return new Pattern(span -> {
            List<Hap> hs = query(span);
            List<Hap> r = new ArrayList<>(hs.size());
            for (Hap h : hs) r.add(h.withSpan(f));
            return r;
        });
    }

    public Pattern withHapTime(UnaryOperator<Fraction> f) {
        return withHapSpan(s -> s.withTime(f));
    }

    public Pattern fmap(Function<Object, Object> f) {
        return new Pattern(span -> {
            List<Hap> hs = query(span);
            List<Hap> r = new ArrayList<>(hs.size());
            for (Hap h : hs) r.add(h.withValue(f.apply(h.value())));
            return r;
        });
    }

    public Pattern filterHaps(Predicate<Hap> keep) {
        return new Pattern(span -> {
            List<Hap> hs = query(span);
            List<Hap> r = new ArrayList<>(hs.size());
            for (Hap h : hs) if (keep.test(h)) r.add(h);
            return r;
        });
    }

    public Pattern filterValues(Predicate<Object> keep) {
        return filterHaps(h -> keep.test(h.value()));
    }

    /** Structure from this pattern; each event combined with the values of {@code other} it overlaps. */
    public Pattern appLeft(Pattern other, java.util.function.BinaryOperator<Object> f) {
        return new Pattern(span -> {
            List<Hap> r = new ArrayList<>();
            for (Hap hl : query(span)) {
                for (Hap hr : other.query(hl.wholeOrPart())) {
                    Span part = hl.part().intersection(hr.part());
                    if (part != null) r.add(new Hap(hl.whole(), part, f.apply(hl.value(), hr.value())));
                }
            }
            return r;
        });
    }

    /** Structure from {@code other}; each of its events combined with the values of this pattern it overlaps. */
    public Pattern appRight(Pattern other, java.util.function.BinaryOperator<Object> f) {
        return new Pattern(span -> {
            List<Hap> r = new ArrayList<>();
            for (Hap hr : other.query(span)) {
                for (Hap hl : query(hr.wholeOrPart())) {
                    Span part = hr.part().intersection(hl.part());
                    if (part != null) r.add(new Hap(hr.whole(), part, f.apply(hl.value(), hr.value())));
                }
            }
            return r;
        });
    }

    /** A pattern of patterns flattened: the inner patterns' structure, queried within each outer event. */
    public Pattern innerJoin() {
        return new Pattern(span -> {
            List<Hap> r = new ArrayList<>();
            for (Hap outer : query(span)) {
                for (Hap inner : asPattern(outer.value()).query(outer.part())) {
                    r.add(new Hap(inner.whole(), inner.part(), inner.value()));
                }
            }
            return r;
        });
    }

    /** A pattern of patterns flattened: each inner pattern's first cycle squeezed into its outer event. */
    public Pattern squeezeJoin() {
        return new Pattern(span -> {
            List<Hap> r = new ArrayList<>();
            for (Hap outer : query(span)) {
                if (outer.whole() == null) continue;
                Pattern inner = asPattern(outer.value()).focus(outer.whole());
                for (Hap in : inner.query(outer.part())) {
                    Span whole = null;
                    if (in.whole() != null) {
                        whole = in.whole().intersection(outer.whole());
                        if (whole == null) continue;
                    }
                    Span part = in.part().intersection(outer.part());
                    if (part == null) continue;
                    r.add(new Hap(whole, part, in.value()));
                }
            }
            return r;
        });
    }

    private static Pattern asPattern(Object v) {
        return v instanceof Pattern p ? p : pure(v);
    }

    /** A function of a patterned argument: the constant case directly, else per event of the argument (inner join). */
    public static Pattern patternify(Pattern arg, Function<Object, Pattern> f) {
        if (arg.isPure()) return f.apply(arg.pureValue);
        return arg.fmap(v -> f.apply(v)).innerJoin();
    }

    // ---- time ----

    /** {@code factor} cycles of this pattern per cycle; 0 is silence, a negative factor is refused. */
    public Pattern fast(Fraction factor) {
        if (factor.signum() == 0) return SILENCE;
        if (factor.signum() < 0) throw new IllegalArgumentException("fast: the factor must be positive, got " + factor);
        if (factor.equals(Fraction.ONE)) return this;
        return withQueryTime(t -> t.mul(factor)).withHapTime(t -> t.div(factor));
    }

    public Pattern fast(Pattern factor) {
        return patternify(factor, v -> fast(frac(v, "fast")));
    }

    public Pattern slow(Fraction factor) {
        if (factor.signum() == 0) return SILENCE;
        if (factor.signum() < 0) throw new IllegalArgumentException("slow: the factor must be positive, got " + factor);
        return fast(Fraction.ONE.div(factor));
    }

    public Pattern slow(Pattern factor) {
        return patternify(factor, v -> slow(frac(v, "slow")));
    }

    /** Shifted earlier by {@code t} cycles. */
    public Pattern early(Fraction t) {
        if (t.signum() == 0) return this;
        return withQueryTime(x -> x.add(t)).withHapTime(x -> x.sub(t));
    }

    public Pattern early(Pattern t) {
        return patternify(t, v -> early(frac(v, "early")));
    }

    public Pattern late(Fraction t) {
        return early(t.neg());
    }

    public Pattern late(Pattern t) {
        return patternify(t, v -> late(frac(v, "late")));
    }

    /** Each cycle played backwards. */
    public Pattern rev() {
        Pattern p = this;
        return new Pattern(span -> {
            Fraction cycle = span.begin().sam();
            Fraction next = span.begin().nextSam();
            UnaryOperator<Span> reflect = s -> new Span(cycle.add(next.sub(s.end())), cycle.add(next.sub(s.begin())));
            List<Hap> r = new ArrayList<>();
            for (Hap h : p.query(reflect.apply(span))) r.add(h.withSpan(reflect));
            return r;
        }).splitQueries();
    }

    /** Cycle {@code [begin, end)} of each cycle played over a whole cycle (repeating outside it): the inner pattern of a squeeze. */
    public Pattern focus(Span s) {
        Fraction b = s.begin(), e = s.end();
        return early(b.sam()).fast(Fraction.ONE.div(e.sub(b))).late(b);
    }

    /** Each cycle squeezed into {@code [b, e)} of the cycle, silent for the rest (0 ≤ b ≤ e ≤ 1). */
    public Pattern compress(Fraction b, Fraction e) {
        if (b.gt(e) || b.signum() < 0 || e.gt(Fraction.ONE) || b.equals(e)) return SILENCE;
        return fastGap(Fraction.ONE.div(e.sub(b))).late(b);
    }

    /** Faster by {@code factor}, but each cycle stays in its cycle, followed by a gap. */
    public Pattern fastGap(Fraction factor) {
        if (factor.le(Fraction.ZERO)) return SILENCE;
        Pattern p = this;
        return new Pattern(span -> {
            Fraction cycle = span.begin().sam();
            Fraction bpos = Fraction.min(span.begin().sub(cycle).mul(factor), Fraction.ONE);
            Fraction epos = Fraction.min(span.end().sub(cycle).mul(factor), Fraction.ONE);
            if (bpos.ge(Fraction.ONE)) return new ArrayList<>();
            List<Hap> r = new ArrayList<>();
            for (Hap h : p.query(new Span(cycle.add(bpos), cycle.add(epos)))) {
                Fraction begin = h.part().begin(), end = h.part().end();
                Fraction c = begin.sam();
                Fraction bp = Fraction.min(begin.sub(c).div(factor), Fraction.ONE);
                Fraction ep = Fraction.min(end.sub(c).div(factor), Fraction.ONE);
                Span part = new Span(c.add(bp), c.add(ep));
                Span whole = h.whole() == null ? null
                        : new Span(part.begin().sub(begin.sub(h.whole().begin()).div(factor)),
                                part.end().add(h.whole().end().sub(end).div(factor)));
                r.add(new Hap(whole, part, h.value()));
            }
            return r;
        }).splitQueries();
    }

    /** Each cycle repeated {@code n} times: cycles 0..n-1 play cycle 0, n..2n-1 play cycle 1, … */
    public Pattern repeatCycles(long n) {
        Pattern p = this;
        return new Pattern(span -> {
            long cycle = span.begin().floor();
            Fraction delta = Fraction.of(cycle - Math.floorDiv(cycle, n));
            List<Hap> r = new ArrayList<>();
            for (Hap h : p.query(span.withTime(t -> t.sub(delta)))) r.add(h.withSpan(s -> s.withTime(t -> t.add(delta))));
            return r;
        }).splitQueries();
    }

    /** Each event repeated {@code n} times within its own span. */
    public Pattern ply(Fraction n) {
        return fmap(v -> pure(v).fast(n)).squeezeJoin();
    }

    public Pattern ply(Pattern n) {
        return patternify(n, v -> ply(frac(v, "ply")));
    }

    // ---- structure ----

    /** Sampled {@code n} times a cycle: a signal becomes {@code n} discrete events. */
    public Pattern segment(Fraction n) {
        return struct(pure(true).fast(n));
    }

    public Pattern segment(Pattern n) {
        return patternify(n, v -> segment(frac(v, "segment")));
    }

    /** The structure of {@code bools} (its true events), with this pattern's values. */
    public Pattern struct(Pattern bools) {
        return appRight(bools.filterValues(Values::truthy), (a, b) -> a);
    }

    /** This pattern's events, only where {@code bools} is true. */
    public Pattern mask(Pattern bools) {
        return appLeft(bools.filterValues(Values::truthy), (a, b) -> a);
    }

    /** The Euclidean rhythm {@code (pulses, steps, rotation)} as structure; rotation is to the left, as Tidal's. */
    public Pattern euclid(int pulses, int steps, int rotation) {
        boolean[] r = Euclid.rhythm(pulses, steps, rotation);
        if (r.length == 0) return SILENCE;
        List<Pattern> bs = new ArrayList<>(r.length);
        for (boolean b : r) bs.add(pure(b));
        return struct(fastcat(bs));
    }

    public Pattern euclid(Pattern pulses, Pattern steps, Pattern rotation) {
        return patternify(pulses, p -> patternify(steps, s -> patternify(rotation,
                r -> euclid(integer(p, "euclid"), integer(s, "euclid"), integer(r, "euclid")))));
    }

    // ---- combining ----

    public Pattern superimpose(UnaryOperator<Pattern> f) {
        return stack(this, f.apply(this));
    }

    /** This pattern, plus {@code f} of it shifted later by {@code t} cycles. */
    public Pattern off(Fraction t, UnaryOperator<Pattern> f) {
        return stack(this, f.apply(late(t)));
    }

    /** {@code f} applied in the first of every {@code n} cycles (cycle 0, n, 2n, …). */
    public Pattern firstOf(int n, UnaryOperator<Pattern> f) {
        if (n < 1) throw new IllegalArgumentException("every: the number of cycles must be 1 or more, got " + n);
        List<Pattern> ps = new ArrayList<>(Collections.nCopies(n, this));
        ps.set(0, f.apply(this));
        return slowcatPrime(ps);
    }

    /** {@code f} applied in the last of every {@code n} cycles. */
    public Pattern lastOf(int n, UnaryOperator<Pattern> f) {
        if (n < 1) throw new IllegalArgumentException("lastOf: the number of cycles must be 1 or more, got " + n);
        List<Pattern> ps = new ArrayList<>(Collections.nCopies(n, this));
        ps.set(n - 1, f.apply(this));
        return slowcatPrime(ps);
    }

    // ---- arithmetic ----

    public Pattern op(Pattern other, DoubleBinaryOperator op, String what) {
        return appLeft(other, (a, b) -> Values.op(a, b, op, what));
    }

    public Pattern add(Pattern o) {
        return op(o, Double::sum, "add");
    }

    public Pattern sub(Pattern o) {
        return op(o, (a, b) -> a - b, "sub");
    }

    public Pattern mul(Pattern o) {
        return op(o, (a, b) -> a * b, "mul");
    }

    public Pattern div(Pattern o) {
        return op(o, (a, b) -> a / b, "div");
    }

    /** A 0..1 pattern mapped to {@code lo..hi}. */
    public Pattern range(Pattern lo, Pattern hi) {
        return patternify(lo, l -> patternify(hi, h -> {
            double a = Values.num(l, "range"), b = Values.num(h, "range");
            return mul(pure(b - a)).add(pure(a));
        }));
    }

    // ---- randomness ----

    /** Events kept where {@code rand}, sampled at each event's beginning, is above {@code amount}. */
    public Pattern degradeByWith(Pattern rand, double amount) {
        return appLeft(rand.filterValues(v -> Values.num(v, "degradeBy") > amount), (a, b) -> a);
    }

    /** Each event dropped with probability {@code amount}, the same way every run (Strudel's random stream). */
    public Pattern degradeBy(double amount) {
        if (amount <= 0) return this; // Strudel keeps r > amount, which would drop the events where r is exactly 0 (t = 0, 300, …)
        return degradeByWith(Signals.RAND, amount);
    }

    public Pattern degradeBy(Pattern amount) {
        return patternify(amount, v -> degradeBy(Values.num(v, "degradeBy")));
    }

    /** The events {@code degradeBy(1 - amount)} would drop, and only those. */
    public Pattern undegradeBy(double amount) {
        return degradeByWith(Signals.RAND.fmap(r -> 1 - Values.num(r, "undegradeBy")), amount);
    }

    /** The events {@code degradeBy(1 - amount)} would drop, with the amount a pattern (per event of it). */
    public Pattern undegradeBy(Pattern amount) {
        return patternify(amount, v -> undegradeBy(Values.num(v, "undegradeBy")));
    }

    /** {@code f} applied to each event with probability {@code amount}. */
    public Pattern sometimesBy(double amount, UnaryOperator<Pattern> f) {
        return stack(degradeBy(amount), f.apply(undegradeBy(1 - amount)));
    }

    public Pattern sometimesBy(Pattern amount, UnaryOperator<Pattern> f) {
        return patternify(amount, v -> sometimesBy(Values.num(v, "sometimesBy"), f));
    }

    // ---- controls ----

    /**
     * Values as one control: {@code {key: v}}. For {@code s}, a word {@code name:n} becomes
     * {@code {s: name, n: n}}; for {@code note}, a note name becomes its MIDI number.
     */
    public Pattern control(String key) {
        return fmap(v -> {
            if (v instanceof Map<?, ?>) return v;
            if (key.equals("s") && v instanceof String s) {
                int colon = s.indexOf(':');
                if (colon > 0) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("s", s.substring(0, colon));
                    m.put("n", Values.num(parseNumber(s.substring(colon + 1)), "s"));
                    return Collections.unmodifiableMap(m);
                }
            }
            if (key.equals("note") && v instanceof String s) return Values.map(key, Values.num(s, "note"));
            return Values.map(key, v);
        });
    }

    private static Object parseNumber(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return s;
        }
    }

    /** Controls added to each event (structure from this pattern; {@code other}'s values win). */
    public Pattern set(Pattern other) {
        return appLeft(other, Values::union);
    }

    /** Each event cut into {@code n} parts, with {@code begin}/{@code end} controls for the part of the sample each plays. */
    public Pattern chop(int n) {
        if (n < 1) throw new IllegalArgumentException("chop: the number of parts must be 1 or more, got " + n);
        return fmap(v -> {
            double b0 = 0, d = 1;
            if (v instanceof Map<?, ?> m && m.get("begin") instanceof Number b && m.get("end") instanceof Number e) {
                b0 = b.doubleValue();
                d = e.doubleValue() - b0;
            }
            List<Pattern> parts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Map<String, Object> slice = new LinkedHashMap<>();
                slice.put("begin", b0 + d * i / n);
                slice.put("end", b0 + d * (i + 1) / n);
                parts.add(pure(Values.union(v, slice)));
            }
            return fastcat(parts);
        }).squeezeJoin();
    }

    /** This pattern panned hard left, {@code f} of it hard right (Sonora's pan is -1..1). */
    public Pattern jux(UnaryOperator<Pattern> f) {
        return stack(set(pure(Values.map("pan", -1.0))), f.apply(this).set(pure(Values.map("pan", 1.0))));
    }

    /** Scale degrees (numbers, or the {@code n} of a control map) to MIDI notes, as {@code note}. */
    public Pattern scale(String name) {
        Scales.Scale sc = Scales.parse(name);
        return fmap(v -> {
            if (v instanceof Map<?, ?> m) {
                Object deg = m.containsKey("n") ? m.get("n") : m.get("note");
                if (deg == null) return v;
                Map<String, Object> r = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) if (!e.getKey().equals("n")) r.put((String) e.getKey(), e.getValue());
                r.put("note", sc.note(Values.num(deg, "scale")));
                return Collections.unmodifiableMap(r);
            }
            return sc.note(Values.num(v, "scale"));
        });
    }

    // ---- argument helpers ----

    static Fraction frac(Object v, String what) {
        if (v instanceof Fraction f) return f;
        double d = Values.num(v, what);
        if (!Double.isFinite(d)) throw new IllegalArgumentException(what + ": expected a finite number, got " + Values.show(v));
        return Fraction.of(d);
    }

    static int integer(Object v, String what) {
        double d = Values.num(v, what);
        if (d != Math.rint(d) || Math.abs(d) > 1_000_000) throw new IllegalArgumentException(what + ": expected a whole number, got " + Values.show(v));
        return (int) d;
    }
}
