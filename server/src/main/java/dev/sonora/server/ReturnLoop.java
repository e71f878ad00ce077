package dev.sonora.server;

import java.util.concurrent.locks.LockSupport;

import org.jctools.queues.SpscArrayQueue;

import dev.sonora.server.buffer.BufferTable;
import dev.sonora.server.buffer.DiskThread;
import dev.sonora.server.rt.Buffer;
import dev.sonora.server.rt.Command;
import dev.sonora.server.rt.CommandOutcome;
import dev.sonora.server.rt.RtEngine;
import dev.sonora.server.rt.RtGroup;
import dev.sonora.server.rt.RtNode;
import dev.sonora.server.rt.RtSynth;
import dev.sonora.server.stream.StreamTable;
import dev.sonora.server.synth.SynthPool;

/**
 * The NRT side of one server: completes everything the audio thread hands back on the return
 * queue (commands and ended nodes), so ids are recycled, buffers released, streams closed and
 * listeners told, all off the audio thread. Run by the {@code sonora-nrt} thread live, or by
 * the thread that drives an offline render; never by two at once.
 */
final class ReturnLoop implements CommandOutcome {
    private final SpscArrayQueue<Object> fromRt;
    private final CommandQueue queue;
    private final RtEngine engine;
    private final NodeRegistry registry;
    private final BufferTable buffers;
    private final StreamTable streams;
    private final Lazy<DiskThread> disk;
    /** Run after each poll: news the NRT owner says between returns (a pool's growth, once settled). */
    private final Runnable afterPoll;
    // copied on add, read as a plain array: walking it per ended node allocates no iterator
    private volatile ServerListener[] listeners = new ServerListener[0];
    private volatile Thread thread;

    ReturnLoop(SpscArrayQueue<Object> fromRt, CommandQueue queue, RtEngine engine, NodeRegistry registry,
               BufferTable buffers, StreamTable streams, Lazy<DiskThread> disk, Runnable afterPoll) {
        this.afterPoll = afterPoll;
        this.fromRt = fromRt;
        this.queue = queue;
        this.engine = engine;
        this.registry = registry;
        this.buffers = buffers;
        this.streams = streams;
        this.disk = disk;
    }

    synchronized void addListener(ServerListener l) {
        ServerListener[] next = java.util.Arrays.copyOf(listeners, listeners.length + 1);
        next[next.length - 1] = l;
        listeners = next;
    }

    /** Completes what came back; returns how many. NRT owner only. */
    int poll() {
        int n = 0;
        Object o;
        while ((o = fromRt.relaxedPoll()) != null) {
            n++;
            if (o instanceof Command c) {
                queue.returned();
                c.completeOnNrt(this);
            } else if (o instanceof RtNode node) {
                ended(node);
            }
        }
        Throwable t = engine.takeLastError();
        if (t != null) {
            reportError("audio thread: a unit failed and its block was muted: " + t);
        }
        afterPoll.run();
        return n;
    }

    private void ended(RtNode node) {
        if (node instanceof RtGroup g && g.parallel()) engine.world().parallel().groupEndedOnNrt();
        if (node instanceof RtSynth s) {
            for (Buffer b : s.heldBuffers()) buffers.release(b);
            if (streams.openCount() > 0) streams.nodeEnded(node, disk.get());
        }
        NodeRef ref = registry.release(node.id(), node);
        if (ref != null) {
            ref.markEnded();
            for (ServerListener l : listeners) {
                try {
                    l.nodeEnded(ref);
                } catch (RuntimeException e) {
                    reportError("node-ended listener failed: " + e.getMessage());
                }
            }
        }
        // last: from here a sender may reuse the object for another note
        if (node instanceof RtSynth s) SynthPool.release(s);
    }

    @Override
    public void reportError(String message) {
        for (ServerListener l : listeners) l.error(message);
    }

    /** One line of news for the listeners (a pool grew). Any thread. */
    void reportInfo(String message) {
        for (ServerListener l : listeners) l.info(message);
    }

    @Override
    public void nodeNeverLinked(RtNode node) {
        ended(node);
    }

    /** Starts the {@code sonora-nrt} thread (live drivers); once. */
    synchronized void start() {
        if (thread != null) return;
        Thread t = new Thread(this::run, "sonora-nrt");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void run() {
        while (!queue.closed()) {
            if (poll() == 0) LockSupport.parkNanos(500_000);
        }
        poll();
    }

    /** Waits (up to a second) for the thread to finish its last round; after the queue is closed. */
    void stop() {
        Thread t = thread;
        if (t == null) return;
        LockSupport.unpark(t);
        try {
            t.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
