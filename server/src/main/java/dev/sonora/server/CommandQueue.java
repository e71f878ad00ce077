package dev.sonora.server;

import java.util.concurrent.atomic.AtomicInteger;

import org.jctools.queues.MpscArrayQueue;

import dev.sonora.server.rt.Command;

/**
 * The sending end of the command queue: any non-audio thread offers, the audio thread takes.
 * Counts commands in flight (sent and not yet back on the return queue), so a full queue is
 * refused on the sender, in one line, and the audio thread never waits.
 */
final class CommandQueue {
    private final MpscArrayQueue<Command> toRt;
    private final int capacity;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;

    CommandQueue(int capacity) {
        this.capacity = capacity;
        this.toRt = new MpscArrayQueue<>(capacity);
    }

    /** The audio thread's end, for the engine. */
    MpscArrayQueue<Command> rtEnd() {
        return toRt;
    }

    void send(Command c) {
        if (closed) throw new ServerException("the server has stopped");
        int n = inFlight.incrementAndGet();
        if (n > capacity || !toRt.offer(c)) {
            inFlight.decrementAndGet();
            throw new ServerException("command queue full: " + capacity
                    + " commands waiting for the audio thread; slow down or schedule less far ahead");
        }
    }

    /** Whether a command sent now would be refused for want of room. Any thread. */
    boolean full() {
        return inFlight.get() >= capacity;
    }

    /** NRT: a command came back on the return queue. */
    void returned() {
        inFlight.decrementAndGet();
    }

    void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }
}
