package dev.sonora.server.midi.message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The sending end of a {@link MidiBuffer}. <b>Single producer thread only</b>: one thread
 * at a time may call {@link #trySend} / {@link #isFull} (a device callback thread, the
 * player thread); handing the end to another thread needs a happens-before edge (thread
 * start, a volatile write). The counters may be read from any thread.
 *
 * <p>Wait-free and allocation-free.
 */
public final class MidiProducer extends MidiProducerFields {
    // padding after the hot fields so the consumer's object never shares their cache line
    long q00, q01, q02, q03, q04, q05, q06, q07;

    MidiProducer(MidiBuffer buffer) {
        super(buffer);
    }

    /**
     * Puts a message at the tail. Returns false, and counts a drop, when the ring is full.
     * Producer thread only.
     */
    public boolean trySend(int status, int data1, int data2, int source, long time) {
        return trySendPacked(MidiMessage.pack(status, data1, data2, source), time);
    }

    /** As {@link #trySend(int, int, int, int, long)} with a holder. Producer thread only. */
    public boolean trySend(MidiMessage m) {
        return trySendPacked(m.pack(), m.time);
    }

    /** As {@link #trySend(int, int, int, int, long)} with a packed word. Producer thread only. */
    public boolean trySendPacked(int word, long time) {
        final long p = producerIndex; // own field: a plain read is current
        final int capacity = mask + 1;
        if (p - consumerIndexCache >= capacity) {
            // the cached consumer index says full: look at the real one (one acquire), then decide
            consumerIndexCache = consumer.index();
            if (p - consumerIndexCache >= capacity) {
                DROPPED.setOpaque(this, dropped + 1);
                return false;
            }
        }
        final int slot = ((int) p & mask) << 1;
        ring[slot] = word;
        ring[slot + 1] = time;
        // release: the slot writes above become visible before the consumer sees the new index
        PRODUCER_INDEX.setRelease(this, p + 1);
        return true;
    }

    /** True when a send now would fail. Producer thread only. */
    public boolean isFull() {
        consumerIndexCache = consumer.index();
        return producerIndex - consumerIndexCache >= mask + 1;
    }

    /** Messages sent so far (not counting drops). Any thread. */
    public long sent() {
        return index();
    }

    /** Messages refused because the ring was full. Any thread. */
    public long dropped() {
        return (long) DROPPED.getOpaque(this);
    }

    public int capacity() {
        return mask + 1;
    }

    long index() {
        return (long) PRODUCER_INDEX.getAcquire(this);
    }

    static final VarHandle PRODUCER_INDEX;
    static final VarHandle DROPPED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PRODUCER_INDEX = l.findVarHandle(MidiProducerFields.class, "producerIndex", long.class);
            DROPPED = l.findVarHandle(MidiProducerFields.class, "dropped", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}

/** Cache-line padding before the producer's fields (superclass fields are laid out first). */
abstract class MidiProducerPad {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}

/** The producer's state; written by the producer thread only. */
abstract class MidiProducerFields extends MidiProducerPad {
    final long[] ring;
    final int mask;
    MidiConsumer consumer;
    /** Next slot to write; published with release semantics. */
    long producerIndex;
    /** Last consumer index seen: saves reading the consumer's cache line on every send. */
    long consumerIndexCache;
    long dropped;

    MidiProducerFields(MidiBuffer buffer) {
        this.ring = buffer.ring;
        this.mask = buffer.mask;
    }
}
