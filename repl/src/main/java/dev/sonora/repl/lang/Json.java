package dev.sonora.repl.lang;

/** Just enough JSON writing to hand tables to the prelude ({@code JSON.parse} on the JS side). Any thread. */
public final class Json {
    private Json() {
    }

    /** A JSON string literal: device names and paths may hold quotes, backslashes or controls. */
    public static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    static String number(float f) {
        if (!Float.isFinite(f)) return "null";
        if (f == Math.rint(f) && Math.abs(f) < 1e7f) return Long.toString((long) f);
        return Float.toString(f);
    }

    static String number(double d) {
        if (!Double.isFinite(d)) return "null";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }
}
