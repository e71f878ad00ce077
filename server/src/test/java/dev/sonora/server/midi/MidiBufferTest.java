package dev.sonora.server.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sonora.server.midi.message.MidiBuffer;
import dev.sonora.server.midi.message.MidiConsumer;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.midi.message.MidiProducer;

/** Single-thread semantics of the SPSC MIDI ring: FIFO, full/empty, counts, wraparound. */
class MidiBufferTest {

    @Test
    void capacityRoundsUpToAPowerOfTwo() {
        assertEquals(64, new MidiBuffer(64).capacity());
        assertEquals(128, new MidiBuffer(65).capacity());
        assertEquals(256, new MidiBuffer(200).capacity());
        assertEquals(2, new MidiBuffer(1).capacity());
        assertThrows(IllegalArgumentException.class, () -> new MidiBuffer(0));
        assertThrows(IllegalArgumentException.class, () -> new MidiBuffer(MidiBuffer.MAX_CAPACITY + 1));
    }

    @Test
    void firstInFirstOutWithEveryField() {
        MidiBuffer b = new MidiBuffer(8);
        MidiProducer p = b.producer();
        MidiConsumer c = b.consumer();
        assertTrue(c.isEmpty());
        assertTrue(p.trySend(0x90, 60, 100, 3, 1234L));
        assertTrue(p.trySend(0xB5, 74, 127, 0, -5L));
        assertTrue(p.trySend(0xF8, 0, 0, 1, Long.MAX_VALUE));
        assertFalse(c.isEmpty());
        assertEquals(3, b.size());
        MidiMessage m = new MidiMessage();
        assertTrue(c.tryPop(m));
        assertEquals(new MidiMessage().set(0x90, 60, 100, 3, 1234L), m);
        assertTrue(m.isNoteOn());
        assertTrue(c.tryPop(m));
        assertEquals(0xB5, m.status);
        assertEquals(5, m.channel());
        assertEquals(74, m.data1);
        assertEquals(127, m.data2);
        assertEquals(-5L, m.time);
        assertTrue(m.isControlChange());
        assertTrue(c.tryPop(m));
        assertEquals(0xF8, m.status);
        assertEquals(-1, m.channel());
        assertEquals(Long.MAX_VALUE, m.time);
        MidiMessage untouched = m.copy();
        assertFalse(c.tryPop(m));
        assertEquals(untouched, m, "a failed pop leaves the holder as it was");
        assertTrue(c.isEmpty());
    }

    @Test
    void fullRefusesAndCountsDropsThenRecovers() {
        MidiBuffer b = new MidiBuffer(4);
        MidiProducer p = b.producer();
        MidiConsumer c = b.consumer();
        for (int i = 0; i < 4; i++) assertTrue(p.trySend(0x90, i, 1, 0, i));
        assertTrue(p.isFull());
        assertFalse(p.trySend(0x90, 99, 1, 0, 99));
        assertFalse(p.trySend(0x90, 98, 1, 0, 98));
        assertEquals(2, p.dropped());
        assertEquals(4, p.sent());
        MidiMessage m = new MidiMessage();
        assertTrue(c.tryPop(m));
        assertEquals(0, m.data1);
        assertFalse(p.isFull());
        assertTrue(p.trySend(0x90, 4, 1, 0, 4));
        for (int i = 1; i <= 4; i++) {
            assertTrue(c.tryPop(m));
            assertEquals(i, m.data1, "dropped messages never appear");
        }
        assertTrue(c.isEmpty());
        assertEquals(5, c.popped());
    }

    @Test
    void wrapsAroundManyTimesInOrder() {
        MidiBuffer b = new MidiBuffer(4);
        MidiProducer p = b.producer();
        MidiConsumer c = b.consumer();
        MidiMessage m = new MidiMessage();
        long next = 0;
        long expected = 0;
        for (int round = 0; round < 1000; round++) {
            int burst = 1 + round % 4;
            for (int i = 0; i < burst; i++, next++) {
                assertTrue(p.trySend(0xB0, (int) (next % 128), (int) (next / 128 % 128), 0, next));
            }
            while (c.tryPop(m)) {
                assertEquals(expected, m.time);
                assertEquals(expected % 128, m.data1);
                expected++;
            }
        }
        assertEquals(next, expected);
        assertEquals(next, p.sent());
        assertEquals(0, p.dropped());
    }

    @Test
    void packedPopAndDrainInto() {
        MidiBuffer b = new MidiBuffer(16);
        MidiProducer p = b.producer();
        MidiConsumer c = b.consumer();
        p.trySend(0xE1, 0, 64, 2, 7);
        long w = c.tryPopPacked();
        assertEquals(MidiMessage.pack(0xE1, 0, 64, 2), (int) w);
        assertEquals(-1L, c.tryPopPacked());
        MidiMessage m = new MidiMessage().unpack((int) w, 0);
        assertTrue(m.isPitchBend());
        assertEquals(8192, m.bend());
        for (int i = 0; i < 5; i++) p.trySend(new MidiMessage(0x80, i, 0));
        List<MidiMessage> out = new ArrayList<>();
        assertEquals(5, c.drainInto(out));
        assertEquals(5, out.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(i, out.get(i).data1);
            assertTrue(out.get(i).isNoteOff());
        }
        assertTrue(out.get(0) != out.get(1), "each drained message is its own object");
    }

    @Test
    void noteOnWithVelocityZeroIsANoteOff() {
        MidiMessage m = new MidiMessage(0x93, 60, 0);
        assertFalse(m.isNoteOn());
        assertTrue(m.isNoteOff());
        assertEquals(3, m.channel());
        assertEquals(0x90, m.command());
    }
}
