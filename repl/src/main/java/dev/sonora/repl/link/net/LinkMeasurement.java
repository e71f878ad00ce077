package dev.sonora.repl.link.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One measurement of another session's ghost clock against our host clock, by ping/pong with
 * one of its peers: each pong carries the peer's ghost time, and our ping's host time comes
 * back in it, so each round gives the ghost-minus-host offset at the midpoint of a round trip
 * (and the previous round's ghost time gives a second point). After more than {@link #POINTS}
 * points the median is the offset; five silent waits of 50 ms end it as failed. Network thread.
 */
final class LinkMeasurement {
    static final int POINTS = 100;
    private static final int TRIES = 5;
    private static final long WAIT_NANOS = 50_000_000L;

    final long sessionId;
    final InetSocketAddress peer;
    final LinkGateway gateway;
    private final double[] offsets = new double[POINTS + 2];
    private int count;
    private int retries;
    private long deadline;

    LinkMeasurement(long sessionId, InetSocketAddress peer, LinkGateway gateway) {
        this.sessionId = sessionId;
        this.peer = peer;
        this.gateway = gateway;
    }

    void start(ByteBuffer buf, long nowNanos) {
        ping(buf, 0, nowNanos);
    }

    private void ping(ByteBuffer buf, long prevGhost, long nowNanos) {
        LinkWire.ping(buf, LinkNode.hostMicros(nowNanos), prevGhost);
        try {
            gateway.measurement.send(buf, peer);
        } catch (IOException e) {
            // a lost ping is a timeout; the retries cover it
        }
        deadline = nowNanos + WAIT_NANOS;
    }

    /** Takes a pong; true when the measurement has enough points. Throws nothing; a pong of another session fails it ({@link #failed}). */
    boolean onPong(LinkWire.Pong p, ByteBuffer buf, long nowNanos) {
        if (p.sessionId() != sessionId) {
            retries = TRIES + 1;
            return false;
        }
        long host = LinkNode.hostMicros(nowNanos);
        ping(buf, p.ghostTime(), nowNanos);
        if (p.ghostTime() != 0 && p.hostTime() != 0) {
            offsets[count++] = p.ghostTime() - (host + p.hostTime()) * 0.5;
            if (p.prevGhostTime() != 0 && count < offsets.length) {
                offsets[count++] = (p.ghostTime() + p.prevGhostTime()) * 0.5 - p.hostTime();
            }
        }
        return count > POINTS;
    }

    /** Resends after a silent wait; false once it has waited in vain too often. */
    boolean onTimer(ByteBuffer buf, long nowNanos) {
        if (nowNanos < deadline) return !failed();
        if (++retries > TRIES) return false;
        ping(buf, 0, nowNanos);
        return true;
    }

    boolean failed() {
        return retries > TRIES;
    }

    long deadline() {
        return deadline;
    }

    /** The transform the points give: ghost = host + median offset. */
    GhostXForm result() {
        double[] d = Arrays.copyOf(offsets, count);
        Arrays.sort(d);
        double median = count % 2 == 1 ? d[count / 2] : (d[count / 2 - 1] + d[count / 2]) * 0.5;
        return new GhostXForm(1.0, Math.round(median));
    }
}
