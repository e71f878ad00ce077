package dev.sonora.repl.pattern;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a pattern's values are, and arithmetic on them. A value is a number ({@link Double}),
 * a word ({@link String}: a sample name, {@code bd:3}, a note name such as {@code eb3}), a
 * boolean, or a control map ({@code {s: 'bd', gain: 0.8}}, unmodifiable, insertion-ordered).
 * Arithmetic reads note names as MIDI numbers ({@code c4} = 60, octave 3 when none is given,
 * {@code #}/{@code s} sharp, {@code b}/{@code f} flat); on control maps it works key by key.
 * Any thread.
 */
public final class Values {
    private static final Pattern NOTE = Pattern.compile("([a-gA-G])([#sbf]*)(-?[0-9]+)?");
    private static final int[] CHROMA = {9, 11, 0, 2, 4, 5, 7}; // a b c d e f g

    private Values() {
    }

    /** The MIDI number of a note name ({@code c4} = 60, {@code a#2} = 46), or null if it is not one. */
    public static Double noteToMidi(String s) {
        Matcher m = NOTE.matcher(s);
        if (!m.matches()) return null;
        int pc = CHROMA[Character.toLowerCase(m.group(1).charAt(0)) - 'a'];
        for (char c : m.group(2).toCharArray()) pc += c == '#' || c == 's' ? 1 : -1;
        int octave = m.group(3) == null ? 3 : Integer.parseInt(m.group(3));
        return (double) ((octave + 1) * 12 + pc);
    }

    /** A number, or a note name as its MIDI number; anything else is refused, naming {@code what}. */
    public static double num(Object v, String what) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            Double m = noteToMidi(s);
            if (m != null) return m;
        }
        if (v instanceof Boolean b) return b ? 1 : 0;
        throw new IllegalArgumentException(what + ": expected a number, got " + show(v));
    }

    /** For struct and mask: false, 0, "f", "false", "~" and null are false; everything else true. */
    public static boolean truthy(Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof Number n) return n.doubleValue() != 0;
        if (v instanceof String s) return !(s.isEmpty() || s.equals("f") || s.equals("false") || s.equals("~"));
        return true;
    }

    /**
     * {@code a op b}: numbers (and note names) give a number; two control maps combine the keys
     * they share and keep the others; a map and a number apply the number to its pitch (the first of
     * {@code note}, {@code n}, {@code freq}, {@code value} it has), else to each numeric entry:
     * {@code note("0 3").set({cutoff: 800}).add(36)} transposes and leaves the cutoff alone.
     */
    @SuppressWarnings("unchecked")
    public static Object op(Object a, Object b, DoubleBinaryOperator op, String what) {
        if (a instanceof Map<?, ?> ma) {
            Map<String, Object> r = new LinkedHashMap<>((Map<String, Object>) ma);
            if (b instanceof Map<?, ?> mb) {
                for (Map.Entry<String, Object> e : ((Map<String, Object>) mb).entrySet()) {
                    Object x = r.get(e.getKey());
                    r.put(e.getKey(), x == null ? e.getValue() : op(x, e.getValue(), op, what));
                }
            } else {
                String k = pitchKey(r);
                if (k != null) r.put(k, op(r.get(k), b, op, what));
                else for (Map.Entry<String, Object> e : r.entrySet()) if (isNumeric(e.getValue())) e.setValue(op(e.getValue(), b, op, what));
            }
            return Collections.unmodifiableMap(r);
        }
        if (b instanceof Map<?, ?> mb) {
            Map<String, Object> r = new LinkedHashMap<>((Map<String, Object>) mb);
            String k = pitchKey(r);
            if (k != null) r.put(k, op(a, r.get(k), op, what));
            else for (Map.Entry<String, Object> e : r.entrySet()) if (isNumeric(e.getValue())) e.setValue(op(a, e.getValue(), op, what));
            return Collections.unmodifiableMap(r);
        }
        return op.applyAsDouble(num(a, what), num(b, what));
    }

    /** The entry a plain number applies to: note, else n, else freq, else value; null for none (then every numeric entry). */
    private static String pitchKey(Map<String, Object> m) {
        for (String k : PITCH) if (m.get(k) != null && isNumeric(m.get(k))) return k;
        return null;
    }

    private static final String[] PITCH = {"note", "n", "freq", "value"};

    private static boolean isNumeric(Object v) {
        return v instanceof Number || v instanceof String s && noteToMidi(s) != null;
    }

    /** The two maps merged, {@code b}'s entries winning; a plain value on either side is the key {@code value}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> union(Object a, Object b) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (a instanceof Map<?, ?> ma) r.putAll((Map<String, Object>) ma);
        else if (a != null) r.put("value", a);
        if (b instanceof Map<?, ?> mb) r.putAll((Map<String, Object>) mb);
        else if (b != null) r.put("value", b);
        return Collections.unmodifiableMap(r);
    }

    public static Map<String, Object> map(String key, Object value) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put(key, value);
        return Collections.unmodifiableMap(r);
    }

    /** A value as the tests and error lines show it: {@code 3}, {@code 0.5}, {@code bd}, {@code {s: bd, n: 3}}. */
    public static String show(Object v) {
        if (v instanceof Double d) return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) (double) d) : d.toString();
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (b.length() > 1) b.append(", ");
                b.append(e.getKey()).append(": ").append(show(e.getValue()));
            }
            return b.append('}').toString();
        }
        return String.valueOf(v);
    }
}
