package dev.sonora.bench;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.sonora.server.midi.message.MidiBuffer;
import dev.sonora.server.midi.message.MidiConsumer;
import dev.sonora.server.midi.message.MidiProducer;

/**
 * One producer thread, one consumer thread, one channel between them: how many MIDI messages
 * a second get through. The figure to read is {@code take:taken} (messages actually received);
 * {@code send:full} and {@code take:empty} count the attempts that found the channel full or
 * empty. The JDK queues carry pre-made {@code Integer} objects (no allocation per message in
 * the benchmark itself); the unbounded {@code ConcurrentLinkedQueue} is held to the same
 * capacity by a consumer count the producer reads.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MidiBufferBench {
    @Param({"MidiBuffer", "ArrayBlockingQueue", "ConcurrentLinkedQueue"})
    public String impl;

    @Param({"256"})
    public int capacity;

    /**
     * What a thread does after finding the channel full / empty: "spin" (try again at once,
     * the truest throughput when each thread has a core) or "yield" (Thread.yield(): fairer
     * when the two threads share one core, as on a busy 2-core machine).
     */
    @Param({"spin", "yield"})
    public String backoff;

    boolean yield;

    Channel channel;

    /** The two ends, as each implementation offers them. */
    abstract static class Channel {
        abstract boolean offer(int word);

        /** The word, or -1 when empty. */
        abstract long poll();
    }

    static final Integer[] BOXES = new Integer[1024];

    static {
        for (int i = 0; i < BOXES.length; i++) BOXES[i] = 0x90 | (i & 0x7F) << 8 | 0x40 << 16;
    }

    @Setup(Level.Trial)
    public void setUp() {
        yield = backoff.equals("yield");
        channel = switch (impl) {
            case "MidiBuffer" -> new Channel() {
                final MidiBuffer b = new MidiBuffer(capacity);
                final MidiProducer p = b.producer();
                final MidiConsumer c = b.consumer();

                @Override
                boolean offer(int word) {
                    return p.trySendPacked(word, 0L);
                }

                @Override
                long poll() {
                    return c.tryPopPacked();
                }
            };
            case "ArrayBlockingQueue" -> new Channel() {
                final ArrayBlockingQueue<Integer> q = new ArrayBlockingQueue<>(capacity);

                @Override
                boolean offer(int word) {
                    return q.offer(BOXES[(word >>> 8) & 1023]);
                }

                @Override
                long poll() {
                    Integer i = q.poll();
                    return i == null ? -1 : i;
                }
            };
            case "ConcurrentLinkedQueue" -> new Channel() {
                final ConcurrentLinkedQueue<Integer> q = new ConcurrentLinkedQueue<>();
                long sent;
                volatile long taken;

                @Override
                boolean offer(int word) {
                    if (sent - taken >= capacity) return false; // same bound as the others
                    q.offer(BOXES[(word >>> 8) & 1023]);
                    sent++;
                    return true;
                }

                @Override
                long poll() {
                    Integer i = q.poll();
                    if (i == null) return -1;
                    taken = taken + 1; // single consumer: no lost update
                    return i;
                }
            };
            default -> throw new IllegalArgumentException("unknown implementation " + impl);
        };
    }

    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class SendCounts {
        public long sent;
        public long full;
    }

    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class TakeCounts {
        public long taken;
        public long empty;
    }

    int next;

    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public void send(SendCounts counts) {
        if (channel.offer(0x90 | (next++ & 0x7F) << 8 | 0x40 << 16)) {
            counts.sent++;
        } else {
            counts.full++;
            if (yield) Thread.yield();
        }
    }

    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public long take(TakeCounts counts) {
        long w = channel.poll();
        if (w >= 0) {
            counts.taken++;
        } else {
            counts.empty++;
            if (yield) Thread.yield();
        }
        return w;
    }
}
