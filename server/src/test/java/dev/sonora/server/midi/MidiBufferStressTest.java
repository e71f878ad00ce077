package dev.sonora.server.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.sonora.server.midi.message.MidiBuffer;
import dev.sonora.server.midi.message.MidiConsumer;
import dev.sonora.server.midi.message.MidiMessage;
import dev.sonora.server.midi.message.MidiProducer;

/**
 * Two threads, one ring: every sequence number sent arrives exactly once and in order; a
 * refused send is retried, so nothing may be lost. Then: the consumer side allocates nothing.
 */
class MidiBufferStressTest {
    private static final int MESSAGES = 500_000;

    @Test
    void producerAndConsumerThreadsLoseAndDuplicateNothing() throws Exception {
        MidiBuffer b = new MidiBuffer(64);
        MidiProducer p = b.producer();
        MidiConsumer c = b.consumer();
        AtomicReference<String> failure = new AtomicReference<>();
        long[] refused = new long[1];
        Thread producer = new Thread(() -> {
            for (int i = 0; i < MESSAGES; ) {
                // the sequence number travels in the time field and, folded, in the data bytes
                if (p.trySend(0x90 | (i & 0x0F), i & 0x7F, (i >>> 7) & 0x7F, (i >>> 14) & 0xFF, i)) {
                    i++;
                } else {
                    refused[0]++;
                    Thread.yield(); // two cores shared with the build: let the consumer run
                }
            }
        }, "midi-producer");
        Thread consumer = new Thread(() -> {
            MidiMessage m = new MidiMessage();
            long expected = 0;
            while (expected < MESSAGES) {
                if (!c.tryPop(m)) {
                    Thread.yield();
                    continue;
                }
                int i = (int) m.time;
                if (i != expected || m.status != (0x90 | (i & 0x0F)) || m.data1 != (i & 0x7F)
                        || m.data2 != ((i >>> 7) & 0x7F) || m.source != ((i >>> 14) & 0xFF)) {
                    failure.compareAndSet(null, "expected #" + expected + ", got " + m);
                    return;
                }
                expected++;
            }
        }, "midi-consumer");
        consumer.start();
        producer.start();
        producer.join(60_000);
        consumer.join(60_000);
        assertEquals(null, failure.get());
        assertTrue(c.isEmpty());
        assertEquals(MESSAGES, p.sent());
        assertEquals(MESSAGES, c.popped());
        assertEquals(refused[0], p.dropped(), "every refusal is counted as a drop");
    }

    @Test
    void theConsumerSideAllocatesNothing() throws Exception {
        MidiBuffer b = new MidiBuffer(256);
        MidiProducer p = b.producer();
        MidiConsumer c = b.consumer();
        long[] result = new long[3];
        Thread consumer = new Thread(() -> {
            MidiMessage m = new MidiMessage();
            long sum = 0;
            // warm up: let the JIT settle before measuring
            for (int round = 0; round < 20_000; round++) {
                sum += round(p, c, m);
            }
            // several windows: a one-off JIT event (deoptimisation) may allocate once; a per-message
            // allocation would show in every window (800,000 messages each)
            result[0] = Long.MAX_VALUE;
            Alloc.current();
            for (int window = 0; window < 5 && result[0] != 0; window++) {
                long before = Alloc.current();
                for (int round = 0; round < 50_000; round++) {
                    sum += round(p, c, m);
                }
                result[0] = Math.min(result[0], Alloc.current() - before);
                result[2] = before;
            }
            result[1] = sum;
        }, "midi-consumer-alloc");
        consumer.start();
        consumer.join(60_000);
        assertTrue(result[2] > 0, "the JVM must report per-thread allocation");
        assertTrue(result[1] > 0);
        assertEquals(0, result[0], "bytes allocated by tryPop/isEmpty/tryPopPacked after warm-up");
    }

    /** Fills part of the ring then empties it with each consumer operation. */
    private static long round(MidiProducer p, MidiConsumer c, MidiMessage m) {
        long sum = 0;
        for (int i = 0; i < 8; i++) p.trySend(0xB0, i, 64, 0, i);
        while (!c.isEmpty()) {
            if (c.tryPop(m)) sum += m.data2;
            long w = c.tryPopPacked();
            if (w >= 0) sum += (w >>> 16) & 0x7F;
        }
        return sum;
    }
}
