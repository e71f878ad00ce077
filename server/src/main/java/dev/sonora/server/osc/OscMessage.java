package dev.sonora.server.osc;

import java.util.List;

/**
 * One decoded OSC message: its address, its type tags (without the leading comma) and its
 * arguments as Java values: {@code i} Integer, {@code f} Float, {@code s}/{@code S} String,
 * {@code b} byte[], {@code h} Long, {@code d} Double, {@code t} Long (the raw NTP time tag),
 * {@code c} Character, {@code T}/{@code F} Boolean, {@code N} null, {@code I} {@link #IMPULSE},
 * {@code m}/{@code r} Integer (the four bytes). Immutable once made; any thread.
 */
public record OscMessage(String address, String tags, List<Object> args) {
    /** The value of an {@code I} (infinitum / impulse) argument. */
    public static final Object IMPULSE = new Object() {
        @Override
        public String toString() {
            return "impulse";
        }
    };

    /** A message to send: tags are derived from the arguments (Integer, Float, Double, Long, String, byte[]). */
    public static OscMessage of(String address, Object... args) {
        StringBuilder t = new StringBuilder(args.length);
        for (Object a : args) t.append(OscCodec.tagOf(a));
        return new OscMessage(address, t.toString(), List.of(args));
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(address);
        for (Object a : args) {
            b.append(' ');
            if (a instanceof String s) b.append('"').append(s).append('"');
            else if (a instanceof byte[] blob) b.append("blob[").append(blob.length).append(']');
            else b.append(a);
        }
        return b.toString();
    }
}
