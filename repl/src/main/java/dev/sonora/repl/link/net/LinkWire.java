package dev.sonora.repl.link.net;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Link's bytes: the discovery messages (protocol header {@code _asdp_v1}, then type, time to
 * live in seconds, group, the sender's node id, then payload entries) and the measurement
 * messages (header {@code _link_v1}, then type, then entries). An entry is a 4-byte key (four
 * ASCII letters), a 4-byte size and the value, all big-endian. Decoding never throws: anything
 * that does not parse is {@code null}, for the caller to count. Network thread (not thread-safe).
 */
final class LinkWire {
    static final int MAX_MESSAGE = 512;
    static final byte ALIVE = 1;
    static final byte RESPONSE = 2;
    static final byte BYEBYE = 3;
    static final byte PING = 1;
    static final byte PONG = 2;

    private static final byte[] DISCOVERY = "_asdp_v\u0001".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] MEASUREMENT = "_link_v\u0001".getBytes(StandardCharsets.ISO_8859_1);
    static final int TIMELINE = key("tmln");
    static final int SESSION = key("sess");
    static final int START_STOP = key("stst");
    static final int MEASUREMENT_V4 = key("mep4");
    static final int HOST_TIME = key("__ht");
    static final int GHOST_TIME = key("__gt");
    static final int PREV_GHOST_TIME = key("_pgt");
    /** The largest ping payload a responder answers: a host time and a previous ghost time. */
    static final int MAX_PING_PAYLOAD = 2 * (8 + 8);

    private LinkWire() {
    }

    private static int key(String letters) {
        byte[] b = letters.getBytes(StandardCharsets.ISO_8859_1);
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    /** What one discovery message said. {@code timeline} and {@code startStop} may be null (not sent). */
    record Announcement(byte type, int ttl, int group, long nodeId, long sessionId, Timeline timeline,
                        StartStop startStop, int mepAddress, int mepPort) {
    }

    /** A pong's entries; 0 for an entry not sent. */
    record Pong(long sessionId, long ghostTime, long prevGhostTime, long hostTime) {
    }

    // ---- encoding ----

    /** An alive or response message with the node's whole state; {@code out} is cleared and flipped. */
    static void peerState(ByteBuffer out, byte type, int ttl, long nodeId, long sessionId, Timeline tl,
                          StartStop ss, int mepAddress, int mepPort) {
        out.clear();
        discoveryHeader(out, type, ttl, nodeId);
        out.putInt(TIMELINE).putInt(24).putLong(tl.microsPerBeat()).putLong(tl.beatOrigin()).putLong(tl.timeOrigin());
        out.putInt(SESSION).putInt(8).putLong(sessionId);
        out.putInt(START_STOP).putInt(17).put((byte) (ss.playing() ? 1 : 0)).putLong(ss.beats()).putLong(ss.timestamp());
        out.putInt(MEASUREMENT_V4).putInt(6).putInt(mepAddress).putShort((short) mepPort);
        out.flip();
    }

    static void byeBye(ByteBuffer out, long nodeId) {
        out.clear();
        discoveryHeader(out, BYEBYE, 0, nodeId);
        out.flip();
    }

    private static void discoveryHeader(ByteBuffer out, byte type, int ttl, long nodeId) {
        out.put(DISCOVERY).put(type).put((byte) ttl).putShort((short) 0).putLong(nodeId);
    }

    /** A ping carrying our host time and, after the first round, the ghost time the last pong said. */
    static void ping(ByteBuffer out, long hostTime, long prevGhostTime) {
        out.clear();
        out.put(MEASUREMENT).put(PING);
        out.putInt(HOST_TIME).putInt(8).putLong(hostTime);
        if (prevGhostTime != 0) out.putInt(PREV_GHOST_TIME).putInt(8).putLong(prevGhostTime);
        out.flip();
    }

    /** The pong to a ping whose payload is {@code pingPayload} (echoed after our entries). */
    static void pong(ByteBuffer out, long sessionId, long ghostTime, ByteBuffer pingPayload) {
        out.clear();
        out.put(MEASUREMENT).put(PONG);
        out.putInt(SESSION).putInt(8).putLong(sessionId);
        out.putInt(GHOST_TIME).putInt(8).putLong(ghostTime);
        out.put(pingPayload);
        out.flip();
    }

    // ---- decoding ----

    static boolean isDiscovery(ByteBuffer in) {
        return startsWith(in, DISCOVERY) && in.remaining() >= DISCOVERY.length + 12;
    }

    static boolean isMeasurement(ByteBuffer in) {
        return startsWith(in, MEASUREMENT) && in.remaining() >= MEASUREMENT.length + 1;
    }

    private static boolean startsWith(ByteBuffer in, byte[] header) {
        if (in.remaining() < header.length) return false;
        int p = in.position();
        for (int i = 0; i < header.length; i++) if (in.get(p + i) != header[i]) return false;
        return true;
    }

    /** A discovery message, or null if it does not parse (wrong header, an entry overrunning the message, a known entry of the wrong size). */
    static Announcement announcement(ByteBuffer in) {
        if (!isDiscovery(in)) return null;
        in.position(in.position() + DISCOVERY.length);
        byte type = in.get();
        int ttl = in.get() & 0xff;
        int group = in.getShort() & 0xffff;
        long nodeId = in.getLong();
        long sessionId = 0;
        Timeline tl = null;
        StartStop ss = null;
        int mepAddress = 0;
        int mepPort = 0;
        while (in.hasRemaining()) {
            if (in.remaining() < 8) return null;
            int key = in.getInt();
            int size = in.getInt();
            if (size < 0 || size > in.remaining()) return null;
            int end = in.position() + size;
            if (key == TIMELINE) {
                if (size != 24) return null;
                tl = new Timeline(in.getLong(), in.getLong(), in.getLong());
            } else if (key == SESSION) {
                if (size != 8) return null;
                sessionId = in.getLong();
            } else if (key == START_STOP) {
                if (size != 17) return null;
                ss = new StartStop(in.get() != 0, in.getLong(), in.getLong());
            } else if (key == MEASUREMENT_V4) {
                if (size != 6) return null;
                mepAddress = in.getInt();
                mepPort = in.getShort() & 0xffff;
            }
            in.position(end); // entries we do not know (audio endpoints, IPv6) are skipped
        }
        return new Announcement(type, ttl, group, nodeId, sessionId, tl, ss, mepAddress, mepPort);
    }

    /** The type of a measurement message (PING or PONG), positioned at its payload; -1 if it is none. */
    static int measurementType(ByteBuffer in) {
        if (!isMeasurement(in)) return -1;
        in.position(in.position() + MEASUREMENT.length);
        return in.get();
    }

    /** A pong's payload (after {@link #measurementType}), or null if it does not parse. */
    static Pong pong(ByteBuffer in) {
        long session = 0;
        long ghost = 0;
        long prevGhost = 0;
        long host = 0;
        while (in.hasRemaining()) {
            if (in.remaining() < 8) return null;
            int key = in.getInt();
            int size = in.getInt();
            if (size < 0 || size > in.remaining()) return null;
            int end = in.position() + size;
            boolean known = key == SESSION || key == GHOST_TIME || key == PREV_GHOST_TIME || key == HOST_TIME;
            if (known && size != 8) return null;
            if (key == SESSION) session = in.getLong();
            else if (key == GHOST_TIME) ghost = in.getLong();
            else if (key == PREV_GHOST_TIME) prevGhost = in.getLong();
            else if (key == HOST_TIME) host = in.getLong();
            in.position(end);
        }
        return new Pong(session, ghost, prevGhost, host);
    }
}
