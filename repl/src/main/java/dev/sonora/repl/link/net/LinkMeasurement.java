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
 * points the offset is the median of the quarter with the shortest round trips: on a loaded
 * machine a round trip that waited for a descheduled thread waited on one side more than the
 * other, and the short ones are the symmetric ones. Five silent waits of 50 ms end it as failed.
 * Network thread.
 */
final class LinkMeasurement {
    static final int POINTS = 100;
    private static final int TRIES = 5;
    private static final long WAIT_NANOS = 50_000_000L;

    final long sessionId;
    final InetSocketAddress peer;
    final LinkGateway gateway;
    private final double[] offsets = new double[POINTS + 2];
    private final double[] trips = new double[POINTS + 2];
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
            trips[count] = host - p.hostTime();
            offsets[count++] = p.ghostTime() - (host + p.hostTime()) * 0.5;
            if (p.prevGhostTime() != 0 && count < offsets.length) {
                trips[count] = p.ghostTime() - p.prevGhostTime();
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

    /** The transform the points give: ghost = host + the median offset of the shortest round trips. */
    GhostXForm result() {
        return new GhostXForm(1.0, Math.round(shortestTripsMedian(offsets, trips, count)));
    }

    static double shortestTripsMedian(double[] offsets, double[] trips, int count) {
        double[] t = Arrays.copyOf(trips, count);
        Arrays.sort(t);
        double limit = t[Math.max(0, count / 4 - 1)];
        double[] d = new double[count];
        int n = 0;
        for (int i = 0; i < count; i++) if (trips[i] <= limit) d[n++] = offsets[i];
        Arrays.sort(d, 0, n);
        return n % 2 == 1 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) * 0.5;
    }
}
