package dev.sonora.server.osc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * OSC 1.0 encoding and decoding (big-endian, 4-byte aligned strings and blobs, {@code #bundle}
 * with a 64-bit NTP time tag), written for Sonora and tested against javaosc's encodings
 * ({@code OscCodecTest}). Decoding never trusts a length: every read is bounds-checked and a
 * bad packet is one {@link OscFormatException}, never another exception. Any thread; stateless.
 */
public final class OscCodec {
    /** Bundles nested deeper than this are refused (a hostile packet cannot recurse without end). */
    public static final int MAX_DEPTH = 8;
    private static final byte[] BUNDLE = "#bundle\0".getBytes(StandardCharsets.US_ASCII);

    private OscCodec() {
    }

    /** Decodes one packet: an {@link OscMessage} or an {@link OscBundle}. */
    public static Object decode(byte[] data, int offset, int length) throws OscFormatException {
        if (length <= 0) throw new OscFormatException("empty packet");
        ByteBuffer b = ByteBuffer.wrap(data, offset, length).slice().order(ByteOrder.BIG_ENDIAN);
        return decode(b, 0);
    }

    private static Object decode(ByteBuffer b, int depth) throws OscFormatException {
        if (b.remaining() < 4) throw new OscFormatException("truncated packet (" + b.remaining() + " bytes)");
        if (b.remaining() % 4 != 0) throw new OscFormatException("packet size " + b.remaining() + " is not a multiple of 4");
        byte first = b.get(b.position());
        if (first == '#') return decodeBundle(b, depth);
        if (first == '/') return decodeMessage(b, null);
        if (first == 0) {
            // scsynth's short form, which sclang uses for its node commands: the address is a command number (int32)
            int number = b.getInt();
            String name = number >= 0 && number < COMMAND_NUMBERS.length && COMMAND_NUMBERS[number] != null
                    ? COMMAND_NUMBERS[number] : "/#" + number;
            return decodeMessage(b, name);
        }
        throw new OscFormatException("not an OSC packet (it starts with neither '/', '#bundle' nor a command number)");
    }

    private static OscBundle decodeBundle(ByteBuffer b, int depth) throws OscFormatException {
        if (depth >= MAX_DEPTH) throw new OscFormatException("bundles nested deeper than " + MAX_DEPTH);
        if (b.remaining() < 16) throw new OscFormatException("truncated bundle");
        for (byte c : BUNDLE) {
            if (b.get() != c) throw new OscFormatException("not an OSC packet (it starts with '#' but not '#bundle')");
        }
        long tag = b.getLong();
        List<Object> elements = new ArrayList<>();
        while (b.hasRemaining()) {
            if (b.remaining() < 4) throw new OscFormatException("truncated bundle element size");
            int size = b.getInt();
            if (size < 0 || size > b.remaining()) {
                throw new OscFormatException("bundle element of " + size + " bytes, " + b.remaining() + " left (truncated)");
            }
            ByteBuffer e = b.slice(b.position(), size).order(ByteOrder.BIG_ENDIAN);
            b.position(b.position() + size);
            elements.add(decode(e, depth + 1));
        }
        return new OscBundle(tag, List.copyOf(elements));
    }

    /**
     * scsynth's command numbers (its {@code cmd_*} list), by which sclang sends {@code /s_new} (9),
     * {@code /n_set} (15) and most node commands. Only the ones Sonora knows are named; any other
     * number decodes to the address {@code /#N}, which is answered "Command not found".
     */
    static final String[] COMMAND_NUMBERS = new String[65];

    static {
        String[][] named = {
            {"1", "/notify"}, {"2", "/status"}, {"3", "/quit"}, {"5", "/d_recv"}, {"6", "/d_load"}, {"7", "/d_loadDir"},
            {"9", "/s_new"}, {"11", "/n_free"}, {"12", "/n_run"}, {"15", "/n_set"}, {"16", "/n_setn"},
            {"18", "/n_before"}, {"19", "/n_after"}, {"21", "/g_new"}, {"22", "/g_head"}, {"23", "/g_tail"},
            {"24", "/g_freeAll"}, {"25", "/c_set"}, {"29", "/b_allocRead"}, {"32", "/b_free"}, {"39", "/dumpOSC"},
            {"40", "/c_get"}, {"46", "/n_query"}, {"47", "/b_query"}, {"50", "/g_deepFree"}, {"52", "/sync"},
            {"56", "/g_dumpTree"}, {"57", "/g_queryTree"}, {"63", "/p_new"}, {"64", "/version"},
        };
        for (String[] n : named) COMMAND_NUMBERS[Integer.parseInt(n[0])] = n[1];
    }

    private static OscMessage decodeMessage(ByteBuffer b, String numbered) throws OscFormatException {
        String address = numbered != null ? numbered : readString(b, "address");
        if (!b.hasRemaining()) return new OscMessage(address, "", List.of()); // old-style: no type tags
        String tags = readString(b, "type tags");
        if (tags.isEmpty() || tags.charAt(0) != ',') throw new OscFormatException(address + ": type tags do not start with ','");
        tags = tags.substring(1);
        List<Object> args = new ArrayList<>(tags.length());
        for (int i = 0; i < tags.length(); i++) {
            char t = tags.charAt(i);
            switch (t) {
                case 'i', 'm', 'r' -> args.add(need(b, 4, address, t).getInt());
                case 'f' -> args.add(need(b, 4, address, t).getFloat());
                case 'h', 't' -> args.add(need(b, 8, address, t).getLong());
                case 'd' -> args.add(need(b, 8, address, t).getDouble());
                case 'c' -> args.add((char) need(b, 4, address, t).getInt());
                case 's', 'S' -> args.add(readString(b, address + " string argument"));
                case 'b' -> {
                    int n = need(b, 4, address, t).getInt();
                    int padded = (n + 3) & ~3;
                    if (n < 0 || padded < 0 || padded > b.remaining()) throw new OscFormatException(address + ": blob of " + n + " bytes is truncated");
                    byte[] blob = new byte[n];
                    b.get(blob);
                    b.position(b.position() + (padded - n));
                    args.add(blob);
                }
                case 'T' -> args.add(Boolean.TRUE);
                case 'F' -> args.add(Boolean.FALSE);
                case 'N' -> args.add(null);
                case 'I' -> args.add(OscMessage.IMPULSE);
                case '[', ']' -> throw new OscFormatException(address + ": array arguments are not supported");
                default -> throw new OscFormatException(address + ": unknown type tag '" + t + "'");
            }
        }
        if (b.hasRemaining()) throw new OscFormatException(address + ": " + b.remaining() + " bytes after the last argument");
        return new OscMessage(address, tags, java.util.Collections.unmodifiableList(args));
    }

    private static ByteBuffer need(ByteBuffer b, int n, String address, char tag) throws OscFormatException {
        if (b.remaining() < n) throw new OscFormatException(address + ": argument '" + tag + "' is truncated");
        return b;
    }

    private static String readString(ByteBuffer b, String what) throws OscFormatException {
        int start = b.position();
        int end = start;
        int limit = b.limit();
        while (end < limit && b.get(end) != 0) end++;
        if (end >= limit) throw new OscFormatException(what + ": string without its terminating zero (truncated)");
        int next = start + ((end - start + 4) & ~3);
        if (next > limit) throw new OscFormatException(what + ": string padding is truncated");
        byte[] bytes = new byte[end - start];
        b.get(start, bytes);
        b.position(next);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // ---- encoding ----

    static char tagOf(Object a) {
        if (a instanceof Integer) return 'i';
        if (a instanceof Float) return 'f';
        if (a instanceof Double) return 'd';
        if (a instanceof Long) return 'h';
        if (a instanceof String) return 's';
        if (a instanceof byte[]) return 'b';
        if (a instanceof Boolean v) return v ? 'T' : 'F';
        if (a == null) return 'N';
        throw new IllegalArgumentException("no OSC type for " + a.getClass().getSimpleName());
    }

    /** Encodes a message (its tags must match its arguments). */
    public static byte[] encode(OscMessage m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        writeMessage(out, m);
        return out.toByteArray();
    }

    /** Encodes a bundle of messages and bundles. */
    public static byte[] encode(OscBundle bundle) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        writeBundle(out, bundle);
        return out.toByteArray();
    }

    private static void writeBundle(ByteArrayOutputStream out, OscBundle bundle) {
        out.writeBytes(BUNDLE);
        writeLong(out, bundle.timeTag());
        for (Object e : bundle.elements()) {
            byte[] inner = e instanceof OscBundle ob ? encode(ob) : encode((OscMessage) e);
            writeInt(out, inner.length);
            out.writeBytes(inner);
        }
    }

    private static void writeMessage(ByteArrayOutputStream out, OscMessage m) {
        writeString(out, m.address());
        writeString(out, "," + m.tags());
        String tags = m.tags();
        for (int i = 0; i < tags.length(); i++) {
            Object a = m.args().get(i);
            switch (tags.charAt(i)) {
                case 'i', 'm', 'r' -> writeInt(out, (Integer) a);
                case 'f' -> writeInt(out, Float.floatToRawIntBits((Float) a));
                case 'h', 't' -> writeLong(out, (Long) a);
                case 'd' -> writeLong(out, Double.doubleToRawLongBits((Double) a));
                case 'c' -> writeInt(out, (Character) a);
                case 's', 'S' -> writeString(out, (String) a);
                case 'b' -> {
                    byte[] blob = (byte[]) a;
                    writeInt(out, blob.length);
                    out.writeBytes(blob);
                    for (int p = blob.length; (p & 3) != 0; p++) out.write(0);
                }
                case 'T', 'F', 'N', 'I' -> {
                }
                default -> throw new IllegalArgumentException("cannot encode type tag '" + tags.charAt(i) + "'");
            }
        }
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(bytes);
        int pad = 4 - (bytes.length & 3);
        for (int p = 0; p < pad; p++) out.write(0);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        writeInt(out, (int) (v >>> 32));
        writeInt(out, (int) v);
    }
}
