package dev.sonora.server.midi.message;

/**
 * A bounded single-producer single-consumer ring of MIDI short messages, made as a pair of
 * ends: {@link #producer()} for the one thread that sends (a device callback, the file
 * player) and {@link #consumer()} for the one thread that takes (the Lang loop, the audio
 * thread).
 *
 * <p>Each slot is two longs of a pre-allocated {@code long[]}: the packed message
 * ({@link MidiMessage#pack}) and its time. Publishing writes the slot, then the producer's
 * index with release semantics; taking reads the index with acquire semantics, then the
 * slot. So nothing is allocated per message on either side, and every operation is
 * wait-free: a full ring makes {@code trySend} fail (the drop is counted), an empty one
 * makes {@code tryPop} fail; nobody spins or waits.
 *
 * <p>Construction: any thread. Each end belongs to one thread at a time (see their javadoc).
 */
public final class MidiBuffer {
    /** Largest capacity accepted: MIDI at full wire speed is ~3,000 messages a second. */
    public static final int MAX_CAPACITY = 1 << 16;

    /**
     * Each VarHandle call site in the two ends links (and allocates) the first time it runs.
     * Running every end operation once here, on whichever thread first makes a buffer (never
     * the audio thread), means the audio thread's first {@code tryPop} allocates nothing.
     */
    private static final boolean LINKED = linkCallSites();

    final long[] ring;
    final int mask;
    private final MidiProducer producer;
    private final MidiConsumer consumer;

    /** A ring holding {@code capacity} messages, rounded up to a power of two (2 at least). */
    public MidiBuffer(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("MIDI buffer capacity " + capacity + " is out of range (1.." + MAX_CAPACITY + ")");
        }
        int cap = Math.max(2, Integer.highestOneBit(capacity - 1) << 1);
        this.ring = new long[cap * 2];
        this.mask = cap - 1;
        this.producer = new MidiProducer(this);
        this.consumer = new MidiConsumer(this);
        producer.consumer = consumer;
        consumer.producer = producer;
    }

    public int capacity() {
        return mask + 1;
    }

    /** The sending end. */
    public MidiProducer producer() {
        return producer;
    }

    /** The taking end. */
    public MidiConsumer consumer() {
        return consumer;
    }

    private static boolean linkCallSites() {
        MidiBuffer b = new MidiBuffer(2);
        MidiMessage m = new MidiMessage();
        MidiProducer p = b.producer();
        MidiConsumer c = b.consumer();
        for (int i = 0; i < 4; i++) { // full, then empty, so every branch has run
            p.trySend(0x90, 60, 1, 0, i);
            p.trySend(m);
            p.trySendPacked(0, 0);
            p.isFull();
            c.tryPop(m);
            c.tryPopPacked();
            c.isEmpty();
        }
        return p.dropped() + c.popped() + b.size() + p.sent() >= 0;
    }

    /** Messages in the ring now; a snapshot, exact only when both ends are idle. Any thread. */
    public int size() {
        long c = consumer.index();
        long p = producer.index();
        return (int) Math.max(0, Math.min(p - c, capacity()));
    }
}
