package dev.sonora.repl.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * The mini-notation parser: a string such as {@code "bd*2 [~ sn] hh(3,8) <cp sn:1>"} to a
 * {@link Pattern}, with the semantics of Tidal's and Strudel's mini-notation:
 *
 * <ul>
 * <li>steps separated by spaces share the cycle; {@code [ ]} nests; {@code .} groups
 *     ({@code a . b c} is {@code a [b c]}); {@code ,} stacks; {@code |} chooses one at random
 *     each cycle; {@code ~} (or {@code -}) is a rest;
 * <li>{@code < >} plays one step per cycle, in turn ({@code <a b, c d e>} each at its own pace);
 *     {@code { }} is polymeter, aligned on the steps of its first part or on {@code %n};
 * <li>after a step: {@code *n} faster, {@code /n} slower (n a number such as 1.5, or a pattern
 *     such as {@code <2 3>}); {@code !n} or bare {@code !} repeats it; {@code @n} or {@code _}
 *     lengthens it (fractional weights allowed); {@code ?} or {@code ?0.8} drops it at random;
 *     {@code :n} adds an index ({@code bd:3}); {@code (k,n)} and {@code (k,n,r)} make it a
 *     Euclidean rhythm, with patterns allowed inside;
 * <li>values: numbers, words (sample names, note names such as {@code c4}, {@code eb3},
 *     {@code a#2}, kept as words until a control reads them).
 * </ul>
 *
 * Randomness ({@code ?}, {@code |}) is seeded as Strudel's parser seeds it: a counter, in the
 * order the parser finishes each {@code ?}-step and each {@code |}-group, shifting the random
 * stream by 0.0003 cycles per seed. A string that cannot be read is refused with a
 * {@link MiniException} giving the column. Any thread.
 */
public final class Mini {
    private static final Fraction SEED_SHIFT = Fraction.of(3, 10000);

    private final String src;
    private int pos;
    private int depth; // brackets open around the slice being read
    private static final int MAX_DEPTH = 64;
    private int seed;

    private Mini(String src) {
        this.src = src;
    }

    /** Parses {@code source}; an empty string (or only spaces) is silence. */
    public static Pattern parse(String source) {
        Mini m = new Mini(source);
        m.ws();
        if (m.pos == source.length()) return Pattern.SILENCE;
        Pattern p = m.stackOrChoose('\0', -1).pattern;
        m.ws();
        if (m.pos < source.length()) throw m.error("unexpected '" + source.charAt(m.pos) + "'", m.pos);
        return p;
    }

    // ---- grammar ----

    /** A parsed sequence: its pattern and its steps (the sum of its weights). */
    private record Seq(Pattern pattern, Fraction steps) {
    }

    /** Sequences separated by ',' (stack), '|' (random choice) or '.' (feet), up to {@code closer}. */
    private Seq stackOrChoose(char closer, int openAt) {
        Seq head = sequence(closer, openAt);
        ws();
        char kind = peek();
        if (kind != ',' && kind != '|' && kind != '.') return head;
        List<Seq> items = new ArrayList<>();
        items.add(head);
        while (peek() == kind) {
            pos++;
            ws();
            items.add(sequence(closer, openAt));
            ws();
        }
        char other = peek();
        if (other == ',' || other == '|' || other == '.') {
            throw error("'" + kind + "' and '" + other + "' cannot be mixed in one group (put brackets around one)", pos);
        }
        List<Pattern> pats = new ArrayList<>();
        for (Seq s : items) pats.add(s.pattern);
        switch (kind) {
            case ',':
                return new Seq(Pattern.stack(pats), head.steps);
            case '|': {
                Pattern rand = Signals.RAND.early(SEED_SHIFT.mul(seed++));
                return new Seq(Signals.chooseCycles(rand, pats), head.steps);
            }
            default:
                seed++; // Strudel's parser counts a '.' group as a seed too; kept so later seeds match
                return new Seq(Pattern.fastcat(pats), Fraction.of(pats.size()));
        }
    }

    /** One element with its modifiers, as parsed: pattern, weight, and the operators in order. */
    private static final class Element {
        Pattern pattern;
        Fraction weight = Fraction.ONE;
        long reps = 1;
        final List<Op> ops = new ArrayList<>();
    }

    private interface Op {
    }

    private record Fast(Pattern amount, boolean slow) implements Op {
    }

    private record Replicate(long reps) implements Op {
    }

    private record Degrade(double amount, int[] seed) implements Op {
    }

    private record Tail(Pattern with) implements Op {
    }

    private record Bjorklund(Pattern pulses, Pattern steps, Pattern rotation) implements Op {
    }

    /** Steps up to a separator or {@code closer}. */
    private Seq sequence(char closer, int openAt) {
        ws();
        if (peek() == '^') pos++; // Strudel's step marking: no effect on what plays
        List<Element> elements = new ArrayList<>();
        while (true) {
            ws();
            char c = peek();
            if (c == '\0' || c == ',' || c == '|' || c == ']' || c == '>' || c == '}' || c == ')' || isDotSeparator()) break;
            if (c == '_' && isLoneUnderscore() || c == '@' || c == '!') {
                throw error("'" + c + "' needs a step before it", pos);
            }
            elements.add(sliceWithOps(closer, openAt));
        }
        if (elements.isEmpty()) {
            char c = peek();
            if (c == '\0' && closer != '\0') throw error("unclosed '" + opener(closer) + "'", openAt);
            if (c == '\0') throw error("a step is missing", pos);
            throw error(c == ',' || c == '|' || c == '.' ? "nothing before '" + c + "'" : "unexpected '" + c + "'", pos);
        }
        boolean weighted = false;
        Fraction total = Fraction.ZERO;
        List<Pattern> pats = new ArrayList<>();
        List<Fraction> weights = new ArrayList<>();
        for (Element e : elements) {
            pats.add(e.pattern);
            weights.add(e.weight);
            total = total.add(e.weight);
            if (!e.weight.equals(Fraction.ONE)) weighted = true;
        }
        return new Seq(weighted ? Pattern.timecat(weights, pats) : Pattern.fastcat(pats), total);
    }

    private Element sliceWithOps(char closer, int openAt) {
        Element e = new Element();
        e.pattern = slice();
        while (true) {
            int save = pos;
            ws();
            char c = peek();
            int at = pos;
            if (c == '@' || c == '_' && isLoneUnderscore()) {
                pos++;
                Double n = number();
                e.weight = e.weight.add(Fraction.of(n == null ? 2 : n)).sub(Fraction.ONE);
                if (e.weight.signum() <= 0) throw error("a weight must be above 0", at);
            } else if (c == '!') {
                pos++;
                Double n = number();
                if (n != null && (n != Math.rint(n) || n < 1)) throw error("'!' takes a whole number of repeats", at + 1);
                e.reps = e.reps + (n == null ? 2 : n.longValue()) - 1;
                e.ops.removeIf(op -> op instanceof Replicate);
                e.ops.add(new Replicate(e.reps));
                e.weight = Fraction.of(e.reps);
            } else if (c == '*' || c == '/') {
                pos++;
                e.ops.add(new Fast(numberSlice(c, at), c == '/'));
            } else if (c == '?') {
                pos++;
                Double n = number();
                if (n != null && (n < 0 || n > 1)) throw error("'?' takes a probability from 0 to 1", at + 1);
                e.ops.add(new Degrade(n == null ? 0.5 : n, new int[1]));
            } else if (c == ':') {
                pos++;
                if (atEnd() || !startsSlice(peek())) throw error("':' needs a value after it, like bd:3", at);
                e.ops.add(new Tail(slice()));
            } else if (c == '(') {
                pos++;
                ws();
                Pattern p = euclidArg(at);
                expectComma(at);
                Pattern s = euclidArg(at);
                ws();
                Pattern r = Pattern.pure(0.0);
                if (peek() == ',') {
                    pos++;
                    ws();
                    r = euclidArg(at);
                    ws();
                }
                if (peek() != ')') {
                    if (atEnd()) throw error("unclosed '('", at);
                    throw error("expected ')' to close the Euclidean rhythm", pos);
                }
                pos++;
                e.ops.add(new Bjorklund(p, s, r));
            } else {
                pos = save;
                break;
            }
        }
        // seeds are numbered when the step is complete, as Strudel's parser does
        for (Op op : e.ops) if (op instanceof Degrade d) d.seed[0] = seed++;
        for (Op op : e.ops) e.pattern = apply(op, e.pattern);
        return e;
    }

    private static Pattern apply(Op op, Pattern p) {
        if (op instanceof Fast f) return f.slow ? p.slow(f.amount) : p.fast(f.amount);
        if (op instanceof Replicate r) return p.repeatCycles(r.reps).fast(Fraction.of(r.reps));
        if (op instanceof Degrade d) return p.degradeByWith(Signals.RAND.early(SEED_SHIFT.mul(d.seed[0])), d.amount);
        if (op instanceof Tail t) return p.appLeft(t.with, (a, b) -> Values.show(a) + ":" + Values.show(b));
        Bjorklund b = (Bjorklund) op;
        return p.euclid(b.pulses, b.steps, b.rotation);
    }

    private Pattern euclidArg(int openAt) {
        ws();
        if (atEnd()) throw error("unclosed '('", openAt);
        if (!startsSlice(peek())) throw error("expected a number or a pattern in the Euclidean rhythm", pos);
        Element e = sliceWithOps(')', openAt);
        return e.pattern;
    }

    private void expectComma(int openAt) {
        ws();
        if (atEnd()) throw error("unclosed '('", openAt);
        if (peek() != ',') throw error("a Euclidean rhythm is (pulses,steps) or (pulses,steps,rotation)", pos);
        pos++;
    }

    /** The argument of '*' or '/': a number, or a bracketed pattern of numbers. */
    private Pattern numberSlice(char op, int at) {
        if (atEnd() || !startsSlice(peek())) throw error("'" + op + "' needs a number after it, like " + (op == '*' ? "bd*2" : "bd/2"), at);
        int start = pos;
        if (isStepChar(peek())) {
            String word = stepWord();
            Double n = parseNumber(word);
            if (n == null) throw error("'" + op + "' needs a number after it, got '" + word + "'", start);
            if (n <= 0) throw error("'" + op + "' needs a number above 0, got " + word, start);
            return Pattern.pure(n);
        }
        return slice();
    }

    /** A step, or a bracketed group. */
    private Pattern slice() {
        char c = peek();
        int at = pos;
        if ((c == '[' || c == '<' || c == '{') && ++depth > MAX_DEPTH) {
            // thousands deep overflowed the parser's stack: an internal error instead of a line
            throw error("groups nested more than " + MAX_DEPTH + " deep", at);
        }
        try {
            return group(c, at);
        } finally {
            if (c == '[' || c == '<' || c == '{') depth--;
        }
    }

    private Pattern group(char c, int at) {
        switch (c) {
            case '[': {
                pos++;
                ws();
                if (peek() == ']') throw error("empty '[ ]'", at);
                Seq s = stackOrChoose(']', at);
                close(']', at);
                return s.pattern;
            }
            case '<': {
                pos++;
                ws();
                if (peek() == '>') throw error("empty '< >'", at);
                List<Seq> parts = polymeterStack('>', at);
                close('>', at);
                List<Pattern> ps = new ArrayList<>();
                for (Seq s : parts) ps.add(s.pattern.slow(s.steps));
                return Pattern.stack(ps);
            }
            case '{': {
                pos++;
                ws();
                if (peek() == '}') throw error("empty '{ }'", at);
                List<Seq> parts = polymeterStack('}', at);
                close('}', at);
                Pattern steps;
                if (peek() == '%') {
                    int pc = pos++;
                    steps = numberSlice('%', pc);
                } else {
                    steps = Pattern.pure(parts.get(0).steps);
                }
                List<Pattern> ps = new ArrayList<>();
                for (Seq s : parts) {
                    Fraction w = s.steps;
                    ps.add(s.pattern.fast(steps.fmap(x -> Pattern.frac(x, "polymeter").div(w))));
                }
                return Pattern.stack(ps);
            }
            default:
                if (!isStepChar(c)) {
                    if (c == '\0') throw error("a step is missing", pos);
                    throw error("unexpected '" + c + "'", pos);
                }
                String word = stepWord();
                if (word.equals("~") || word.equals("-")) return Pattern.SILENCE;
                Double n = parseNumber(word);
                return Pattern.pure(n != null ? (Object) n : word);
        }
    }

    private List<Seq> polymeterStack(char closer, int openAt) {
        List<Seq> parts = new ArrayList<>();
        parts.add(sequence(closer, openAt));
        ws();
        while (peek() == ',') {
            pos++;
            parts.add(sequence(closer, openAt));
            ws();
        }
        if (peek() == '|' || peek() == '.' && isDotSeparator()) {
            throw error("'" + peek() + "' is not allowed directly inside '" + opener(closer) + " " + closer + "'; use brackets", pos);
        }
        return parts;
    }

    private void close(char closer, int openAt) {
        ws();
        if (peek() == closer) {
            pos++;
            return;
        }
        if (atEnd()) throw error("unclosed '" + opener(closer) + "'", openAt);
        throw error("expected '" + closer + "' to close the '" + opener(closer) + "' at column " + (openAt + 1) + ", got '" + peek() + "'", pos);
    }

    // ---- lexical ----

    private static char opener(char closer) {
        return switch (closer) {
            case ']' -> '[';
            case '>' -> '<';
            case '}' -> '{';
            case ')' -> '(';
            default -> '?';
        };
    }

    private boolean atEnd() {
        return pos >= src.length();
    }

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    private void ws() {
        while (pos < src.length() && (Character.isWhitespace(src.charAt(pos)) || src.charAt(pos) == '\u00A0')) pos++;
    }

    private static boolean isStepChar(char c) {
        return Character.isLetter(c) || Character.isDigit(c) || c == '~' || c == '-' || c == '#' || c == '.' || c == '^' || c == '_';
    }

    private static boolean startsSlice(char c) {
        return c == '[' || c == '<' || c == '{' || isStepChar(c);
    }

    /** A '.' standing alone (a foot separator), not part of a number or word. */
    private boolean isDotSeparator() {
        if (peek() != '.') return false;
        int e = pos;
        while (e < src.length() && isStepChar(src.charAt(e))) e++;
        return e == pos + 1;
    }

    /** A '_' standing alone (an elongation), not part of a word such as {@code a_b}. */
    private boolean isLoneUnderscore() {
        if (peek() != '_') return false;
        int e = pos + 1;
        while (e < src.length() && Character.isDigit(src.charAt(e))) e++;
        return e >= src.length() || !isStepChar(src.charAt(e)) || src.charAt(e) == '.' && e + 1 < src.length() && Character.isDigit(src.charAt(e + 1));
    }

    private String stepWord() {
        int start = pos;
        while (pos < src.length() && isStepChar(src.charAt(pos))) {
            // a '.' or '_' that stands alone belongs to the grammar, not the word
            if (pos > start && (src.charAt(pos) == '.' && isDotAfterWord())) break;
            pos++;
        }
        return src.substring(start, pos);
    }

    private boolean isDotAfterWord() {
        return pos + 1 >= src.length() || !isStepChar(src.charAt(pos + 1));
    }

    /** An optional number right here (Strudel's grammar: -?int(.digits)?(e±digits)?). */
    private Double number() {
        int start = pos;
        int p = pos;
        if (p < src.length() && src.charAt(p) == '-') p++;
        int digits = p;
        while (p < src.length() && Character.isDigit(src.charAt(p))) p++;
        if (p == digits) return null;
        if (p + 1 < src.length() && src.charAt(p) == '.' && Character.isDigit(src.charAt(p + 1))) {
            p++;
            while (p < src.length() && Character.isDigit(src.charAt(p))) p++;
        }
        if (p < src.length() && (src.charAt(p) == 'e' || src.charAt(p) == 'E')) {
            int q = p + 1;
            if (q < src.length() && (src.charAt(q) == '+' || src.charAt(q) == '-')) q++;
            int ed = q;
            while (q < src.length() && Character.isDigit(src.charAt(q))) q++;
            if (q > ed) p = q;
        }
        pos = p;
        return Double.parseDouble(src.substring(start, p));
    }

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    static Double parseNumber(String word) {
        return NUMBER.matcher(word).matches() ? Double.valueOf(word) : null;
    }

    private MiniException error(String reason, int at) {
        return new MiniException(src, reason, at + 1);
    }
}
