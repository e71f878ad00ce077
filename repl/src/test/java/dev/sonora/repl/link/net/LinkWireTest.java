package dev.sonora.repl.link.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Link's bytes: a peer state reads back as written, in the layout the reference library sends
 * (107 bytes for timeline, session, start/stop and an IPv4 measurement endpoint, as LinkHut's
 * alive messages measure); entries we do not know are skipped; every truncation and 20 000
 * corruptions decode to null or to something, never to an exception.
 */
class LinkWireTest {
    private static final Timeline TL = new Timeline(500_000, 12_345_678, -987_654);
    private static final StartStop SS = new StartStop(true, 4_000_000, 55_555);

    private static ByteBuffer state() {
        ByteBuffer b = ByteBuffer.allocate(LinkWire.MAX_MESSAGE);
        LinkWire.peerState(b, LinkWire.ALIVE, 5, 0x2122232425262728L, 0x3132333435363738L, TL, SS, 0x7f000001, 4242);
        return b;
    }

    @Test
    void aPeerStateReadsBackAsWritten() {
        ByteBuffer b = state();
        assertEquals(107, b.remaining(), "the size of LinkHut's alive messages");
        LinkWire.Announcement a = LinkWire.announcement(b);
        assertNotNull(a);
        assertEquals(LinkWire.ALIVE, a.type());
        assertEquals(5, a.ttl());
        assertEquals(0x2122232425262728L, a.nodeId());
        assertEquals(0x3132333435363738L, a.sessionId());
        assertEquals(TL, a.timeline());
        assertEquals(SS, a.startStop());
        assertEquals(0x7f000001, a.mepAddress());
        assertEquals(4242, a.mepPort());
        assertEquals(120, a.timeline().bpm(), 1e-12);
    }

    @Test
    void unknownEntriesAreSkipped() {
        ByteBuffer b = state();
        ByteBuffer longer = ByteBuffer.allocate(b.remaining() + 8 + 18);
        longer.put(b).putInt(0x61657034).putInt(18).put(new byte[18]).flip(); // an 'aep4' of newer libraries, oversized
        LinkWire.Announcement a = LinkWire.announcement(longer);
        assertNotNull(a);
        assertEquals(TL, a.timeline());
    }

    @Test
    void aPingAndItsPongCarryTheTimes() {
        ByteBuffer ping = ByteBuffer.allocate(64);
        LinkWire.ping(ping, 111, 222);
        assertEquals(LinkWire.PING, LinkWire.measurementType(ping));
        assertEquals(32, ping.remaining(), "host time and previous ghost time: the largest ping a responder answers");
        ByteBuffer pong = ByteBuffer.allocate(128);
        LinkWire.pong(pong, 77, 333, ping.slice());
        assertEquals(LinkWire.PONG, LinkWire.measurementType(pong));
        LinkWire.Pong p = LinkWire.pong(pong);
        assertEquals(new LinkWire.Pong(77, 333, 222, 111), p);
    }

    @Test
    void truncationsAndCorruptionsNeverThrow() {
        byte[] whole = new byte[107];
        state().get(whole);
        for (int n = 0; n < whole.length; n++) {
            ByteBuffer cut = ByteBuffer.wrap(whole, 0, n);
            LinkWire.Announcement a = LinkWire.announcement(cut);
            if (n < 20) assertNull(a, "shorter than a header: " + n);
        }
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] c = whole.clone();
            for (int k = 0; k <= r.nextInt(4); k++) c[r.nextInt(c.length)] = (byte) r.nextInt(256);
            LinkWire.announcement(ByteBuffer.wrap(c));
            ByteBuffer m = ByteBuffer.wrap(c);
            if (LinkWire.measurementType(m) >= 0) LinkWire.pong(m);
        }
    }
}
