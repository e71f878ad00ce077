package dev.sonora.server.osc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.illposed.osc.BufferBytesReceiver;
import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.OSCSerializerAndParserBuilder;
import com.illposed.osc.argument.OSCTimeTag64;

/** Sonora's OSC codec against javaosc 0.8's encoder and parser, and against broken input. */
class OscCodecTest {
    private static byte[] javaosc(OSCPacket p) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        new OSCSerializerAndParserBuilder().buildSerializer(new BufferBytesReceiver(buf)).write(p);
        buf.flip();
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        return out;
    }

    private static final Object[][] SAMPLES = {
        {},
        {1000, 0, 1},
        {"ping", 1001, 0, 1, "freq", 440.5f, 3, -0.25f},
        {"a", "ab", "abc", "abcd", "é"},
        {new byte[] {1, 2, 3}, new byte[0], new byte[] {9, 8, 7, 6, 5}},
        {Long.MAX_VALUE, -2.5d, Integer.MIN_VALUE},
    };

    @Test
    void messagesEncodeAsJavaoscEncodesThem() throws Exception {
        for (Object[] args : SAMPLES) {
            byte[] ours = OscCodec.encode(OscMessage.of("/s_new", args));
            byte[] theirs = javaosc(new com.illposed.osc.OSCMessage("/s_new", List.of(args)));
            assertArrayEquals(theirs, ours, "args " + List.of(args));
        }
    }

    @Test
    void javaoscPacketsDecode() throws Exception {
        for (Object[] args : SAMPLES) {
            byte[] bytes = javaosc(new com.illposed.osc.OSCMessage("/x/y", List.of(args)));
            OscMessage m = (OscMessage) OscCodec.decode(bytes, 0, bytes.length);
            assertEquals("/x/y", m.address());
            assertEquals(args.length, m.args().size());
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof byte[] b) assertArrayEquals(b, (byte[]) m.args().get(i));
                else assertEquals(args[i], m.args().get(i));
            }
        }
    }

    @Test
    void bundlesRoundTripWithJavaosc() throws Exception {
        OSCTimeTag64 tag = OSCTimeTag64.valueOf(0xE5F1_2345_8000_0000L);
        OSCBundle inner = new OSCBundle(List.of(new com.illposed.osc.OSCMessage("/n_free", List.of(1000))), OSCTimeTag64.IMMEDIATE);
        OSCBundle b = new OSCBundle(List.of(new com.illposed.osc.OSCMessage("/s_new", List.of("ping", 1000, 0, 1)), inner), tag);
        byte[] theirs = javaosc(b);
        OscBundle decoded = assertInstanceOf(OscBundle.class, OscCodec.decode(theirs, 0, theirs.length));
        assertEquals(tag.getNtpTime(), decoded.timeTag());
        assertEquals("/s_new", ((OscMessage) decoded.elements().get(0)).address());
        assertEquals(OscBundle.IMMEDIATELY, ((OscBundle) decoded.elements().get(1)).timeTag());
        OscBundle mine = new OscBundle(tag.getNtpTime(), List.of(OscMessage.of("/s_new", "ping", 1000, 0, 1),
                new OscBundle(1, List.of(OscMessage.of("/n_free", 1000)))));
        assertArrayEquals(theirs, OscCodec.encode(mine));
    }

    @Test
    void ntpConversionFollowsTheRfc() {
        long unixNanos = 1_795_000_000_123_456_000L;
        long ntp = OscTime.ntp(unixNanos);
        // RFC 5905: NTP era 0 starts 1900-01-01, 2 208 988 800 s before the Unix epoch; half a second is 2^31
        assertEquals(2_208_988_800L << 32, OscTime.ntp(0));
        assertEquals((2_208_988_800L << 32) | (1L << 31), OscTime.ntp(500_000_000L));
        assertEquals(1_795_000_000L + 2_208_988_800L, ntp >>> 32);
        assertEquals(unixNanos, OscTime.unixNanos(ntp), 1.0);
    }

    @Test
    void everyTruncationAndCorruptionIsOneFormatError() {
        byte[] good = OscCodec.encode(new OscBundle(5L << 32, List.of(OscMessage.of("/s_new", "ping", 1000, 0, 1, "freq", 440f),
                OscMessage.of("/b", new byte[] {1, 2, 3, 4, 5}))));
        int firstEnd = 16 + 4 + OscCodec.encode(OscMessage.of("/s_new", "ping", 1000, 0, 1, "freq", 440f)).length;
        for (int n = 0; n < good.length; n++) {
            int len = n;
            if (n == 16 || n == firstEnd) continue; // an empty bundle, or one with the first message only: valid
            assertThrows(OscFormatException.class, () -> OscCodec.decode(good, 0, len), "truncated to " + n);
        }
        Random r = new Random(18);
        for (int k = 0; k < 20_000; k++) {
            byte[] bad = good.clone();
            for (int j = 0; j < 3; j++) bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
            try {
                OscCodec.decode(bad, 0, bad.length);
            } catch (OscFormatException e) {
                // the one failure allowed
            }
        }
        for (int k = 0; k < 20_000; k++) {
            byte[] noise = new byte[4 * (1 + r.nextInt(16))];
            r.nextBytes(noise);
            noise[0] = (byte) (r.nextBoolean() ? '/' : '#');
            try {
                OscCodec.decode(noise, 0, noise.length);
            } catch (OscFormatException e) {
                // ok
            }
        }
    }

    @Test
    void sclangsCommandNumbersDecodeToTheirNames() throws Exception {
        byte[] full = OscCodec.encode(OscMessage.of("/x", "dc", 1000, 0, 1));
        byte[] numbered = new byte[full.length];
        ByteBuffer.wrap(numbered).putInt(9).put(full, 4, full.length - 4); // "/x\0\0" replaced by int32 9
        OscMessage m = (OscMessage) OscCodec.decode(numbered, 0, numbered.length);
        assertEquals("/s_new", m.address());
        assertEquals(List.of("dc", 1000, 0, 1), m.args());
        ByteBuffer.wrap(numbered).putInt(0, 60);
        assertEquals("/#60", ((OscMessage) OscCodec.decode(numbered, 0, numbered.length)).address());
    }

    @Test
    void unknownTypeTagAndArraysAreRefusedByName() {
        byte[] b = {'/', 'x', 0, 0, ',', 'Q', 0, 0};
        var e = assertThrows(OscFormatException.class, () -> OscCodec.decode(b, 0, b.length));
        assertEquals("/x: unknown type tag 'Q'", e.getMessage());
    }
}
