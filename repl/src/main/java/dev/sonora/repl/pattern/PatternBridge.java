package dev.sonora.repl.pattern;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

import dev.sonora.repl.lang.JsValues;

/**
 * The patterns API's door to Java ({@code prelude/patterns.mjs}): the module wraps each
 * {@link Pattern} in a JavaScript object and validates arguments; this class builds patterns
 * and answers queries. Values cross from JavaScript as numbers, strings, booleans and plain
 * objects (control maps), and go back the same way (objects as proxies the module copies).
 * Lang thread only (the JS context calls it).
 */
public final class PatternBridge {
    @HostAccess.Export
    public Pattern mini(String source) {
        return Mini.parse(source);
    }

    @HostAccess.Export
    public Pattern pure(Value v) {
        return Pattern.pure(fromJs(v));
    }

    @HostAccess.Export
    public Pattern silence() {
        return Pattern.SILENCE;
    }

    /** stack, cat (= slowcat), fastcat, slowcatPrime of a JS array of patterns. */
    @HostAccess.Export
    public Pattern combine(String how, Value pats) {
        List<Pattern> ps = new ArrayList<>();
        for (long i = 0; i < pats.getArraySize(); i++) ps.add(pats.getArrayElement(i).asHostObject());
        return switch (how) {
            case "stack" -> Pattern.stack(ps);
            case "slowcat" -> Pattern.slowcat(ps);
            case "fastcat" -> Pattern.fastcat(ps);
            case "slowcatPrime" -> Pattern.slowcatPrime(ps);
            default -> throw new IllegalArgumentException("no combination " + how);
        };
    }

    /** A function of one patterned argument, by name. */
    @HostAccess.Export
    public Pattern apply(Pattern p, String fn, Pattern arg) {
        return switch (fn) {
            case "fast" -> p.fast(arg);
            case "slow" -> p.slow(arg);
            case "early" -> p.early(arg);
            case "late" -> p.late(arg);
            case "ply" -> p.ply(arg);
            case "segment" -> p.segment(arg);
            case "degradeBy" -> p.degradeBy(arg);
            case "undegradeBy" -> p.undegradeBy(arg);
            case "struct" -> p.struct(arg);
            case "mask" -> p.mask(arg);
            case "add" -> p.add(arg);
            case "sub" -> p.sub(arg);
            case "mul" -> p.mul(arg);
            case "div" -> p.div(arg);
            case "set" -> p.set(arg);
            default -> throw new IllegalArgumentException("no pattern function " + fn);
        };
    }

    @HostAccess.Export
    public Pattern rev(Pattern p) {
        return p.rev();
    }

    @HostAccess.Export
    public Pattern euclid(Pattern p, Pattern pulses, Pattern steps, Pattern rotation) {
        return p.euclid(pulses, steps, rotation);
    }

    @HostAccess.Export
    public Pattern range(Pattern p, Pattern lo, Pattern hi) {
        return p.range(lo, hi);
    }

    /** degradeBy(x) and, with {@code inverse}, undegradeBy(x): the two halves of sometimesBy. */
    @HostAccess.Export
    public Pattern degrade(Pattern p, double amount, boolean inverse) {
        return inverse ? p.undegradeBy(amount) : p.degradeBy(amount);
    }

    @HostAccess.Export
    public Pattern chop(Pattern p, int n) {
        return p.chop(n);
    }

    @HostAccess.Export
    public Pattern scale(Pattern p, String name) {
        return p.scale(name);
    }

    @HostAccess.Export
    public Pattern control(Pattern p, String key) {
        return p.control(key);
    }

    /** A continuous signal by name: sine, cosine, saw, isaw, tri, square, rand, perlin. */
    @HostAccess.Export
    public Pattern signal(String name) {
        return switch (name) {
            case "sine" -> Signals.SINE;
            case "cosine" -> Signals.COSINE;
            case "saw" -> Signals.SAW;
            case "isaw" -> Signals.ISAW;
            case "tri" -> Signals.TRI;
            case "square" -> Signals.SQUARE;
            case "rand" -> Signals.RAND;
            case "perlin" -> Signals.PERLIN;
            default -> throw new IllegalArgumentException("no signal " + name);
        };
    }

    @HostAccess.Export
    public Pattern irand(int n) {
        return Signals.irand(n);
    }

    /** The events that begin in [begin, end) cycles, sorted: a list of [begin, end, value]. */
    @HostAccess.Export
    public ProxyArray query(Pattern p, double begin, double end) {
        List<Object> out = new ArrayList<>();
        for (Hap h : p.onsets(Fraction.of(begin), Fraction.of(end))) {
            out.add(JsValues.list(h.whole().begin().toDouble(), h.whole().end().toDouble(), toJs(h.value())));
        }
        return JsValues.list(out);
    }

    /** A JavaScript value as a pattern value: number, string, boolean, or a plain object as a control map. */
    public static Object fromJs(Value v) {
        if (v == null || v.isNull()) throw new IllegalArgumentException("a pattern value cannot be null or undefined");
        if (v.isNumber()) return v.asDouble();
        if (v.isString()) return v.asString();
        if (v.isBoolean()) return v.asBoolean();
        if (v.isHostObject() && v.asHostObject() instanceof Pattern) throw new IllegalArgumentException("a pattern where a value was expected");
        if (v.hasMembers() && !v.canExecute()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String k : v.getMemberKeys()) m.put(k, fromJs(v.getMember(k)));
            return Collections.unmodifiableMap(m);
        }
        throw new IllegalArgumentException("a pattern value is a number, a string or an object of controls, not " + v);
    }

    /** A pattern value for JavaScript: control maps as objects (read by field), the rest as themselves. */
    public static Object toJs(Object v) {
        if (v instanceof Map<?, ?> m) {
            Object[] kv = new Object[m.size() * 2];
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                kv[i++] = e.getKey();
                kv[i++] = toJs(e.getValue());
            }
            return JsValues.object(kv);
        }
        return v;
    }
}
