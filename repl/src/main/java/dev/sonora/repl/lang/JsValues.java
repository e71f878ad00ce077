package dev.sonora.repl.lang;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * Data the bridges hand to the prelude, as polyglot proxies: JavaScript reads a list by index and
 * {@code length} and an object by field name, as it reads its own arrays and objects (with
 * {@link org.graalvm.polyglot.HostAccess#EXPLICIT} a Java list or record would show it nothing).
 * Strings, numbers, booleans and null cross as themselves. The prelude copies into plain
 * JavaScript values whatever a script gets to keep, so a script never holds a proxy. Any thread.
 */
public final class JsValues {
    private JsValues() {
    }

    /** A list, read as an array: {@code a.length}, {@code a[i]}. */
    public static ProxyArray list(Collection<?> items) {
        return ProxyArray.fromArray(items.toArray());
    }

    /** An array's elements, read as an array. */
    public static ProxyArray list(Object... items) {
        return ProxyArray.fromArray(items.clone());
    }

    /** An object with the given fields, in order: {@code object("slot", 3, "name", "kick.wav")}. */
    public static ProxyObject object(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("object: names and values come in pairs");
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return ProxyObject.fromMap(fields);
    }

    /** A JavaScript array of strings (control names) as a Java array; null for null or undefined. */
    public static String[] strings(Value v) {
        if (v == null || v.isNull()) return null;
        String[] s = new String[(int) v.getArraySize()];
        for (int i = 0; i < s.length; i++) s[i] = v.getArrayElement(i).asString();
        return s;
    }

    /** A JavaScript array of numbers (control values) as floats; null for null or undefined. */
    public static float[] floats(Value v) {
        if (v == null || v.isNull()) return null;
        float[] f = new float[(int) v.getArraySize()];
        for (int i = 0; i < f.length; i++) f[i] = (float) v.getArrayElement(i).asDouble();
        return f;
    }
}
