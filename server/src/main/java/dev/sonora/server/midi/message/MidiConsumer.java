package dev.sonora.server.midi.message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * The taking end of a {@link MidiBuffer}. <b>Single consumer thread only</b>: one thread at
 * a time may take (the Lang loop, or the audio thread); handing the end to another thread
 * needs a happens-before edge. The counters may be read from any thread.
 *
 * <p>{@link #tryPop} and {@link #isEmpty} are wait-free and allocate nothing, so the audio
 * thread may use them; {@link #drainInto} allocates.
 */
public final class MidiConsumer extends MidiConsumerFields {
    long q00, q01, q02, q03, q04, q05, q06, q07;

    MidiConsumer(MidiBuffer buffer) {
        super(buffer);
    }

    /**
     * Takes the oldest message into {@code into}; false (and {@code into} untouched) when the
     * ring is empty. Consumer thread only; wait-free, allocation-free.
     */
    public boolean tryPop(MidiMessage into) {
        final long c = consumerIndex;
        if (c >= producerIndexCache) {
            producerIndexCache = producer.index(); // acquire: the slot is fully written
            if (c >= producerIndexCache) return false;
        }
        final int slot = ((int) c & mask) << 1;
        into.unpack((int) ring[slot], ring[slot + 1]);
        // release: we have read the slot before the producer may overwrite it
        CONSUMER_INDEX.setRelease(this, c + 1);
        return true;
    }

    /**
     * Takes the oldest message as a packed word ({@link MidiMessage#pack}), or -1 when empty;
     * its time is lost. Consumer thread only; wait-free, allocation-free.
     */
    public long tryPopPacked() {
        final long c = consumerIndex;
        if (c >= producerIndexCache) {
            producerIndexCache = producer.index();
            if (c >= producerIndexCache) return -1L;
        }
        long word = ring[((int) c & mask) << 1] & 0xFFFF_FFFFL;
        CONSUMER_INDEX.setRelease(this, c + 1);
        return word;
    }

    /** True when nothing is waiting. Consumer thread only; wait-free, allocation-free. */
    public boolean isEmpty() {
        if (consumerIndex < producerIndexCache) return false;
        producerIndexCache = producer.index();
        return consumerIndex >= producerIndexCache;
    }

    /**
     * Takes everything waiting now and appends a new {@link MidiMessage} per message to
     * {@code out}. <b>Allocates</b> (the messages, and the list may grow): Lang side only,
     * never on the audio thread. Returns how many were taken. Consumer thread only.
     */
    public int drainInto(List<MidiMessage> out) {
        int n = 0;
        MidiMessage m = new MidiMessage();
        while (tryPop(m)) {
            out.add(m);
            m = new MidiMessage();
            n++;
        }
        return n;
    }

    /**
     * True when a message waits. <b>Any thread</b>, and only a hint: the consumer may take it
     * meanwhile. Lets a watcher wake the consumer without touching the consumer's own fields.
     */
    public boolean hasWaiting() {
        return producer.index() > index();
    }

    /** Messages taken so far. Any thread. */
    public long popped() {
        return index();
    }

    public int capacity() {
        return mask + 1;
    }

    long index() {
        return (long) CONSUMER_INDEX.getAcquire(this);
    }

    static final VarHandle CONSUMER_INDEX;

    static {
        try {
            CONSUMER_INDEX = MethodHandles.lookup().findVarHandle(MidiConsumerFields.class, "consumerIndex", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}

/** Cache-line padding before the consumer's fields. */
abstract class MidiConsumerPad {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}

/** The consumer's state; written by the consumer thread only. */
abstract class MidiConsumerFields extends MidiConsumerPad {
    final long[] ring;
    final int mask;
    MidiProducer producer;
    /** Next slot to read; published with release semantics. */
    long consumerIndex;
    /** Last producer index seen: saves reading the producer's cache line on every pop. */
    long producerIndexCache;

    MidiConsumerFields(MidiBuffer buffer) {
        this.ring = buffer.ring;
        this.mask = buffer.mask;
    }
}
